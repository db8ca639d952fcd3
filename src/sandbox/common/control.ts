import type { SandboxKind } from '../types';
import type { Ctx } from './context';
import { HttpError } from './errors';
import { validateRule } from './faults';
import type { Shared } from './server';

/**
 * The reserved `/__sandbox/` routes, on every server, for tests that drive a sandbox in another process:
 * faults (POST/GET/DELETE), requests (GET/DELETE), clock (GET/POST {advanceMs}), info (GET).
 * They are never logged and never faulted. Errors here are plain JSON {error}.
 */
export async function handleControl(ctx: Ctx, kind: SandboxKind, shared: Shared): Promise<void> {
  const route = `${ctx.method} ${ctx.path.replace(/\/$/, '')}`;
  try {
    switch (route) {
      case 'POST /__sandbox/faults': {
        const rule = ctx.json(undefined);
        validateRule(rule);
        return ctx.send(201, { id: shared.faults.add(kind, rule) });
      }
      case 'GET /__sandbox/faults':
        return ctx.send(200, shared.faults.list(kind));
      case 'DELETE /__sandbox/faults':
        shared.faults.clear(kind);
        return ctx.empty(204);
      case 'GET /__sandbox/requests':
        return ctx.send(200, shared.requests.list(kind));
      case 'DELETE /__sandbox/requests':
        shared.requests.clear(kind);
        return ctx.empty(204);
      case 'GET /__sandbox/clock':
        return ctx.send(200, { now: shared.clock.now(), speed: shared.clock.speed });
      case 'POST /__sandbox/clock': {
        const body = ctx.object();
        const ms = Number(body.advanceMs);
        if (!Number.isFinite(ms) || ms < 0) throw new HttpError(400, 'advanceMs must be a number >= 0');
        shared.clock.advance(ms);
        return ctx.send(200, { now: shared.clock.now() });
      }
      case 'GET /__sandbox/info':
        return ctx.send(200, { kind, baseUrl: ctx.baseUrl, now: shared.clock.now(), requests: shared.requests.count(kind), disconnects: shared.requests.disconnects(kind) });
      default:
        throw new HttpError(404, `No control route ${route}`);
    }
  } catch (e) {
    const status = e instanceof HttpError ? e.status : 500;
    ctx.send(status, { error: e instanceof Error ? e.message : String(e) });
  }
}
