import { KfpBackend } from '../../../../src/backends/kfp';
import { NULL_LOGGER, type BackendDeps, type BackendProfile, type Logger } from '../../../../src/core';

export const FAST_RETRY = { attempts: 3, baseDelayMs: 5, maxDelayMs: 20, maxRetryAfterMs: 2000 };

export function kfpBackend(baseUrl: string, o: { token?: string; timeoutMs?: number; log?: Logger; profile?: Partial<BackendProfile> } = {}): KfpBackend {
  const profile: BackendProfile = { id: 'kfp-test', label: 'KFP test', kind: 'kfp', baseUrl, ...o.profile };
  const deps: BackendDeps = { credentials: { get: async () => o.token }, log: o.log ?? NULL_LOGGER, timeoutMs: o.timeoutMs ?? 3000 };
  return new KfpBackend(profile, deps, { pollIntervalMs: 20, retry: FAST_RETRY });
}
