import type { FaultController, FaultRule, FaultRuleState, FaultSpec, SandboxKind } from '../types';
import { HttpError } from './errors';

/** Fault rules of all four servers; a matching request consumes one use of the first matching rule. */
export class FaultStore implements FaultController {
  private rules: FaultRuleState[] = [];
  private nextId = 1;

  add(kind: SandboxKind, rule: FaultRule): string {
    validateRule(rule);
    const id = `fault-${this.nextId++}`;
    this.rules.push({ ...rule, id, kind, remaining: rule.count ?? 1 });
    return id;
  }

  clear(kind?: SandboxKind): void {
    this.rules = kind ? this.rules.filter((r) => r.kind !== kind) : [];
  }

  list(kind?: SandboxKind): FaultRuleState[] {
    return this.rules.filter((r) => !kind || r.kind === kind).map((r) => ({ ...r }));
  }

  take(kind: SandboxKind, method: string, path: string): FaultSpec | undefined {
    const rule = this.rules.find((r) => r.kind === kind && r.remaining > 0 && matches(r, method, path));
    if (!rule) return undefined;
    rule.remaining--;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }
}

function matches(r: FaultRule, method: string, path: string): boolean {
  if (r.match?.method && r.match.method.toUpperCase() !== method.toUpperCase()) return false;
  if (r.match?.path && !new RegExp(r.match.path).test(path)) return false;
  return true;
}

/** Rejects rules that would fail later (bad regex, no fault), so the caller hears it at once. */
export function validateRule(rule: unknown): asserts rule is FaultRule {
  if (!rule || typeof rule !== 'object') throw new HttpError(400, 'A fault rule is an object {match?, count?, fault}');
  const r = rule as Record<string, unknown>;
  if (!r.fault || typeof r.fault !== 'object') throw new HttpError(400, 'A fault rule needs a "fault" object');
  if (r.count !== undefined && (typeof r.count !== 'number' || r.count < 1)) throw new HttpError(400, '"count" must be a number >= 1');
  const m = r.match as Record<string, unknown> | undefined;
  if (m?.path !== undefined) {
    try {
      new RegExp(String(m.path));
    } catch (e) {
      throw new HttpError(400, `Invalid match.path regex: ${(e as Error).message}`);
    }
  }
}

/** The `x-sandbox-fault` header: a one-off fault for this request only. */
export function headerFault(raw: string | undefined): FaultSpec | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as FaultSpec;
  } catch {
    // fall through
  }
  throw new HttpError(400, 'x-sandbox-fault must be a JSON object (a FaultSpec)');
}

/** True for the fields that replace the whole response before routing. */
export function isResponseFault(f: FaultSpec): boolean {
  return f.status !== undefined || !!f.html || !!f.malformedJson || !!f.hang;
}
