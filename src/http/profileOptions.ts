import type { BackendDeps, BackendProfile } from '../core';
import type { HttpClientOptions } from './client';

export type CredentialHeader = (secret: string) => Record<string, string>;

/** `Authorization: Bearer <token>` (KFP, ICA). */
export const bearer: CredentialHeader = (token) => ({ authorization: `Bearer ${token}` });
/** `x-api-key: <key>` (ACP, Agent Protocol, LangGraph). */
export const apiKey: CredentialHeader = (key) => ({ 'x-api-key': key });

/**
 * The transport options every backend builds from its profile: base URL, timeout, TLS, log, and the
 * stored secret sent as `header` (nothing when none is stored).
 */
export function profileHttpOptions(
  profile: BackendProfile,
  deps: BackendDeps,
  o: { label: string; header?: CredentialHeader; errorMessage?: HttpClientOptions['errorMessage'] },
): HttpClientOptions {
  const header = o.header;
  return {
    baseUrl: profile.baseUrl,
    label: o.label,
    timeoutMs: deps.timeoutMs,
    auth: header
      ? async (): Promise<Record<string, string>> => {
          const secret = await deps.credentials.get(profile.id);
          return secret ? header(secret) : {};
        }
      : undefined,
    ca: deps.ca,
    tlsInsecure: profile.tlsInsecure,
    log: deps.log,
    errorMessage: o.errorMessage,
  };
}
