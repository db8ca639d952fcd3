import { BackendError } from '../../core';
import type { TokenResponse } from './wire';

export interface IcaTokenOptions {
  /** Names the server in messages. */
  readonly label: string;
  /** The stored API key (SecretStorage), asked for on each exchange so a new key is picked up. */
  readonly apiKey: () => Promise<string | undefined>;
  readonly exchange: (apiKey: string) => Promise<TokenResponse>;
  readonly now?: () => number;
  /** Lifetime assumed when the JWT carries no readable `exp`. */
  readonly defaultTtlMs?: number;
}

/** Refresh this long before expiry (or a tenth of the lifetime for short tokens) so no request races it. */
const MAX_MARGIN_MS = 60_000;

/**
 * ICA authenticates with a JWT obtained from an API key (`POST /v1/tokens`). The JWT is kept in memory
 * only, shared by concurrent requests, and exchanged again shortly before it expires, when the server
 * answers 401, or when the stored API key changed.
 */
export class IcaTokens {
  private jwt: string | undefined;
  private expiresAt = 0;
  private refreshAt = 0;
  private keyUsed: string | undefined;
  private pending: Promise<string> | undefined;
  private readonly now: () => number;

  constructor(private readonly o: IcaTokenOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Authorization header for the next request. */
  async headers(): Promise<Record<string, string>> {
    return { authorization: `Bearer ${await this.token()}` };
  }

  /** Drops the JWT (after a 401); returns whether a new exchange is worth trying. */
  async invalidate(): Promise<boolean> {
    this.jwt = undefined;
    return !!(await this.o.apiKey());
  }

  /** Expiry of the current JWT (epoch ms), for tests and the log. */
  get expiry(): number | undefined {
    return this.jwt ? this.expiresAt : undefined;
  }

  private async token(): Promise<string> {
    const key = await this.o.apiKey();
    if (!key) throw new BackendError('auth', `${this.o.label}: no API key stored — Set Credentials`);
    if (this.jwt && key === this.keyUsed && this.now() < this.refreshAt) return this.jwt;
    this.pending ??= this.refresh(key).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async refresh(key: string): Promise<string> {
    const r = await this.o.exchange(key);
    if (!r?.access_token) throw new BackendError('bad-response', `${this.o.label}: POST /v1/tokens returned no access_token`);
    const issued = this.now();
    const exp = jwtExpiry(r.access_token);
    this.expiresAt = exp ?? issued + (this.o.defaultTtlMs ?? 15 * 60_000);
    const lifetime = Math.max(0, this.expiresAt - issued);
    this.refreshAt = this.expiresAt - Math.min(MAX_MARGIN_MS, lifetime / 10);
    this.jwt = r.access_token;
    this.keyUsed = key;
    return r.access_token;
  }
}

/** `exp` of a JWT in epoch ms, without verifying it (the server does that). */
export function jwtExpiry(jwt: string): number | undefined {
  const payload = jwt.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}
