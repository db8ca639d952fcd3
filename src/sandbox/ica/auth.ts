/** ICA auth: `POST /v1/tokens` with X-API-Key gives an HS256 JWT; every other route needs it as Bearer. */
import { createHmac, timingSafeEqual } from 'crypto';

export class IcaAuth {
  constructor(readonly apiKey: string, private readonly secret: string, private readonly ttlSeconds: number, private readonly now: () => number) {}

  issue(): string {
    const iat = Math.floor(this.now() / 1000);
    const header = b64({ alg: 'HS256', typ: 'JWT' });
    const payload = b64({ iss: 'https://sandbox.platform.illumina.com', sub: 'sandbox-user', tid: 'sandbox-tenant-7f3a', iat, exp: iat + this.ttlSeconds, scope: 'ica' });
    return `${header}.${payload}.${this.sign(`${header}.${payload}`)}`;
  }

  /** Undefined when valid, else why not (the 401 message). */
  check(authorization: string | undefined): string | undefined {
    if (!authorization) return 'Unauthorized: missing Authorization header (Bearer JWT from POST /v1/tokens)';
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m) return 'Unauthorized: the Authorization header must be "Bearer <JWT>"';
    const parts = m[1].split('.');
    if (parts.length !== 3) return 'Unauthorized: malformed JWT';
    const expected = Buffer.from(this.sign(`${parts[0]}.${parts[1]}`));
    const got = Buffer.from(parts[2]);
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) return 'Unauthorized: invalid JWT signature';
    try {
      const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as { exp?: number };
      if (typeof payload.exp !== 'number' || payload.exp * 1000 <= this.now()) return 'Unauthorized: the JWT has expired';
    } catch {
      return 'Unauthorized: malformed JWT';
    }
    return undefined;
  }

  private sign(data: string): string {
    return createHmac('sha256', this.secret).update(data).digest('base64url');
  }
}

function b64(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
