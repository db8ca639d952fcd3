import type { Ctx } from './context';

export type Handler = (ctx: Ctx) => void | Promise<void>;

interface Route {
  method: string;
  template: string;
  regex: RegExp;
  names: string[];
  handler: Handler;
}

export type RouteMatch =
  | { kind: 'ok'; handler: Handler; params: Record<string, string>; template: string }
  | { kind: 'notFound' }
  | { kind: 'methodNotAllowed'; allow: string[] };

/**
 * Path-template router: `/apis/v2beta1/runs/{run_id}:archive`. A parameter matches one segment without
 * ':' so that Google-style custom verbs (`{id}:archive`) and plain `{id}` routes do not collide.
 */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const pattern = template
      .split(/(\{[A-Za-z_]+\})/)
      .map((part) => {
        const m = /^\{([A-Za-z_]+)\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(m[1]);
        return '([^/:]+)';
      })
      .join('');
    this.routes.push({ method: method.toUpperCase(), template, regex: new RegExp(`^${pattern}/?$`), names, handler });
    return this;
  }

  /** Literal segments beat parameters (`/runs/search` before `/runs/{run_id}`), whatever the order added. */
  match(method: string, path: string): RouteMatch {
    const allow: string[] = [];
    let best: { r: Route; m: RegExpExecArray } | undefined;
    for (const r of this.routes) {
      const m = r.regex.exec(path);
      if (!m) continue;
      if (r.method !== method.toUpperCase()) {
        allow.push(r.method);
        continue;
      }
      if (!best || r.names.length < best.r.names.length) best = { r, m };
    }
    if (!best) return allow.length ? { kind: 'methodNotAllowed', allow: [...new Set(allow)] } : { kind: 'notFound' };
    const params: Record<string, string> = {};
    const { r, m } = best;
    r.names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1]);
    });
    return { kind: 'ok', handler: r.handler, params, template: r.template };
  }

  templates(): { method: string; template: string }[] {
    return this.routes.map((r) => ({ method: r.method, template: r.template }));
  }
}
