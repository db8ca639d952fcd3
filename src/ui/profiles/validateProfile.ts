// Checks of backend profiles (pure; unit-tested in plain Node). Problems are returned as data; the words
// are chosen in profileMessages.ts, which can call vscode.l10n.t.
import { isBackendKind, type BackendProfile } from '../../core';

/** What is wrong with a base URL. */
export type UrlProblem = { readonly code: 'not-a-url' } | { readonly code: 'bad-scheme'; readonly scheme: string } | { readonly code: 'credentials' };

/** What is wrong with an entry of `runsExplorer.backends` (values the user typed are quoted as JSON). */
export type ProfileProblem =
  | { readonly code: 'not-an-object' }
  | { readonly code: 'bad-id'; readonly got: string }
  | { readonly code: 'unknown-kind'; readonly id: string; readonly got: string }
  | { readonly code: 'missing-url'; readonly id: string }
  | { readonly code: 'bad-url'; readonly id: string; readonly problem: UrlProblem }
  | { readonly code: 'not-an-array' }
  | { readonly code: 'duplicate-id'; readonly id: string };

export type ProfileCheck = { ok: true; profile: BackendProfile } | { ok: false; problem: ProfileProblem };

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What is wrong with a base URL the user typed, or undefined when it is usable. */
export function checkBaseUrl(value: string): UrlProblem | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return { code: 'not-a-url' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { code: 'bad-scheme', scheme: url.protocol };
  if (url.username || url.password) return { code: 'credentials' };
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, problem: { code: 'not-an-object' } };
  const o = value as Record<string, unknown>;
  const id = optionalString(o, 'id');
  if (!id || !ID.test(id)) return { ok: false, problem: { code: 'bad-id', got: String(JSON.stringify(o.id)) } };
  if (!isBackendKind(o.kind)) return { ok: false, problem: { code: 'unknown-kind', id, got: String(JSON.stringify(o.kind)) } };
  const baseUrl = optionalString(o, 'baseUrl');
  if (!baseUrl) return { ok: false, problem: { code: 'missing-url', id } };
  const urlProblem = checkBaseUrl(baseUrl);
  if (urlProblem) return { ok: false, problem: { code: 'bad-url', id, problem: urlProblem } };
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
export function validateProfiles(value: unknown): { profiles: BackendProfile[]; problems: ProfileProblem[] } {
  const profiles: BackendProfile[] = [];
  const problems: ProfileProblem[] = [];
  if (!Array.isArray(value)) return { profiles, problems: value === undefined ? [] : [{ code: 'not-an-array' }] };
  const seen = new Set<string>();
  for (const entry of value) {
    const check = validateProfile(entry);
    if (!check.ok) {
      problems.push(check.problem);
    } else if (seen.has(check.profile.id)) {
      problems.push({ code: 'duplicate-id', id: check.profile.id });
    } else {
      seen.add(check.profile.id);
      profiles.push(check.profile);
    }
  }
  return { profiles, problems };
}
