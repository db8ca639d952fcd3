import type { FaultSpec } from '../types';

/** Fields that clients usually rely on: `missingFields` removes them. */
const WELL_KNOWN = new Set(['status', 'state', 'display_name', 'name', 'created_at', 'timeCreated', 'updated_at', 'run_id', 'id']);
const STATUS_KEYS = new Set(['status', 'state']);
export const UNKNOWN_STATUS = 'SANDBOX_UNKNOWN_STATUS';

/** Applies the body-shaping faults (extra/missing fields, unknown statuses, padding) to a JSON value. */
export function transformBody(value: unknown, fault: FaultSpec | undefined): unknown {
  if (!fault || value === undefined) return value;
  let v: unknown = value;
  if (fault.extraFields || fault.missingFields || fault.unknownStatus) v = reshape(v, fault, 0);
  if (fault.bigBodyBytes && fault.bigBodyBytes > 0) v = pad(v, fault.bigBodyBytes);
  return v;
}

function reshape(v: unknown, fault: FaultSpec, depth: number): unknown {
  if (Array.isArray(v)) return v.map((x) => reshape(x, fault, depth + 1));
  if (!v || typeof v !== 'object' || depth > 6) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (fault.missingFields && WELL_KNOWN.has(k)) continue;
    out[k] = fault.unknownStatus && STATUS_KEYS.has(k) && typeof x === 'string' ? UNKNOWN_STATUS : reshape(x, fault, depth + 1);
  }
  if (fault.extraFields) {
    out.x_sandbox_extra = { nested: [1, 'two', null], note: 'a field no client knows' };
    out.sandboxFutureField = 42;
  }
  return out;
}

function pad(v: unknown, bytes: number): unknown {
  const padding = 'x'.repeat(bytes);
  if (Array.isArray(v)) return v.length && v[0] && typeof v[0] === 'object' ? [{ ...(v[0] as object), _sandbox_padding: padding }, ...v.slice(1)] : [...v, padding];
  if (v && typeof v === 'object') return { ...(v as object), _sandbox_padding: padding };
  return v;
}
