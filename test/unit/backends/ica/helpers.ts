import { IcaBackend } from '../../../../src/backends/ica';
import { NULL_LOGGER, type BackendDeps, type BackendProfile } from '../../../../src/core';

export const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };

export function icaBackend(baseUrl: string, apiKey: string | undefined, o: { timeoutMs?: number; now?: () => number } = {}): IcaBackend {
  const profile: BackendProfile = { id: 'ica-test', label: 'ICA test', kind: 'ica', baseUrl };
  const deps: BackendDeps = { credentials: { get: async () => apiKey }, log: NULL_LOGGER, timeoutMs: o.timeoutMs ?? 3000 };
  return new IcaBackend(profile, deps, { pollIntervalMs: 20, retry: FAST_RETRY, now: o.now });
}
