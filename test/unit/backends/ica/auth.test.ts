import * as assert from 'assert';
import { IcaTokens, jwtExpiry } from '../../../../src/backends/ica';
import { BackendError } from '../../../../src/core';

function jwt(expSeconds: number): string {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b({ alg: 'none' })}.${b({ sub: 'u', exp: expSeconds })}.sig`;
}

describe('ica/auth (API key -> JWT)', () => {
  let now = 1_000_000_000_000;
  let exchanges: string[] = [];
  let key: string | undefined = 'KEY1';
  const tokens = (ttlSeconds = 3600) =>
    new IcaTokens({
      label: 'ICA at x',
      apiKey: async () => key,
      exchange: async (k) => {
        exchanges.push(k);
        return { access_token: jwt(Math.floor(now / 1000) + ttlSeconds), token_type: 'Bearer' };
      },
      now: () => now,
    });

  beforeEach(() => {
    now = 1_000_000_000_000;
    exchanges = [];
    key = 'KEY1';
  });

  it('reads exp from the JWT', () => {
    assert.strictEqual(jwtExpiry(jwt(123)), 123_000);
    assert.strictEqual(jwtExpiry('not-a-jwt'), undefined);
  });

  it('exchanges once and reuses the JWT until shortly before expiry', async () => {
    const t = tokens();
    const h1 = await t.headers();
    await t.headers();
    assert.strictEqual(exchanges.length, 1);
    assert.match(h1.authorization, /^Bearer ey/);
    now += 3600_000 - 61_000; // still more than the margin left
    await t.headers();
    assert.strictEqual(exchanges.length, 1);
    now += 2_000; // inside the last minute: refreshed before it expires
    await t.headers();
    assert.strictEqual(exchanges.length, 2);
  });

  it('short-lived tokens refresh at 90% of their lifetime', async () => {
    const t = tokens(100);
    await t.headers();
    now += 89_000;
    await t.headers();
    assert.strictEqual(exchanges.length, 1);
    now += 2_000;
    await t.headers();
    assert.strictEqual(exchanges.length, 2);
  });

  it('shares one exchange between concurrent requests', async () => {
    const t = tokens();
    await Promise.all([t.headers(), t.headers(), t.headers()]);
    assert.strictEqual(exchanges.length, 1);
  });

  it('exchanges again after a 401 (invalidate) or a new API key', async () => {
    const t = tokens();
    await t.headers();
    assert.strictEqual(await t.invalidate(), true);
    await t.headers();
    key = 'KEY2';
    await t.headers();
    assert.deepStrictEqual(exchanges, ['KEY1', 'KEY1', 'KEY2']);
  });

  it('without an API key asks for credentials', async () => {
    key = undefined;
    const t = tokens();
    await assert.rejects(t.headers(), (e: unknown) => e instanceof BackendError && e.code === 'auth' && /Set Credentials/.test(e.message));
    assert.strictEqual(await t.invalidate(), false);
  });
});
