import { isBackendKind, type BackendProfile } from '../../core';

export type ProfileCheck = { ok: true; profile: BackendProfile } | { ok: false; reason: string };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Returns a message for a base URL the user typed, or undefined when it is usable. */
export function checkBaseUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'Not a URL: enter something like http://localhost:8080/';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Use http:// or https://, not ${url.protocol}//`;
  if (url.username || url.password) return 'Do not put credentials in the URL: use Set Credentials (kept in the OS secret store).';
  return undefined;
}

/** Normalizes a base URL so paths append under its prefix (a trailing slash). */
export function normalizeBaseUrl(value: string): string {
  const url = new URL(value.trim());
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  url.search = '';
  url.hash = '';
  return url.toString();
}

function optionalString(o: Record<string, unknown>, key: string): string | undefined {
  const v = o[key];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** Checks one entry of `runsExplorer.backends` as the user may have typed it in settings.json. */
export function validateProfile(value: unknown): ProfileCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'an entry is not an object' };
  const o = value as Record<string, unknown>;
  const id = optionalString(o, 'id');
  if (!id || !ID.test(id)) return { ok: false, reason: `"id" must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(o.id)})` };
  if (!isBackendKind(o.kind)) return { ok: false, reason: `backend "${id}": unknown kind ${JSON.stringify(o.kind)}` };
  const baseUrl = optionalString(o, 'baseUrl');
  const urlProblem = baseUrl ? checkBaseUrl(baseUrl) : 'missing "baseUrl"';
  if (urlProblem || !baseUrl) return { ok: false, reason: `backend "${id}": ${urlProblem}` };
  const profile: BackendProfile = {
    id,
    kind: o.kind,
    label: optionalString(o, 'label') ?? id,
    baseUrl: normalizeBaseUrl(baseUrl),
    namespace: optionalString(o, 'namespace'),
    experimentId: optionalString(o, 'experimentId'),
    agentId: optionalString(o, 'agentId'),
    assistantId: optionalString(o, 'assistantId'),
    uiUrl: optionalString(o, 'uiUrl'),
    tlsInsecure: o.tlsInsecure === true,
  };
  return { ok: true, profile };
}

/** Validates the whole setting: duplicates after the first are reported and skipped. */
export function validateProfiles(value: unknown): { profiles: BackendProfile[]; problems: string[] } {
  const profiles: BackendProfile[] = [];
  const problems: string[] = [];
  if (!Array.isArray(value)) return { profiles, problems: value === undefined ? [] : ['runsExplorer.backends must be an array'] };
  const seen = new Set<string>();
  for (const entry of value) {
    const check = validateProfile(entry);
    if (!check.ok) {
      problems.push(check.reason);
    } else if (seen.has(check.profile.id)) {
      problems.push(`backend id "${check.profile.id}" is used twice; the second is ignored`);
    } else {
      seen.add(check.profile.id);
      profiles.push(check.profile);
    }
  }
  return { profiles, problems };
}
