import * as assert from 'assert';
import { checkBaseUrl, normalizeBaseUrl, validateProfile, validateProfiles } from '../../../src/ui/profiles/validateProfile';

describe('backend profiles from settings', () => {
  it('accepts a complete profile and keeps the URL path prefix with a trailing slash', () => {
    const r = validateProfile({ id: 'prod', label: 'Prod KFP', kind: 'kfp', baseUrl: 'https://host/api/service/pipelines/ns/dspa', namespace: 'team' });
    assert.ok(r.ok);
    assert.strictEqual(r.profile.baseUrl, 'https://host/api/service/pipelines/ns/dspa/');
    assert.strictEqual(r.profile.namespace, 'team');
    assert.strictEqual(r.profile.tlsInsecure, false);
  });

  // What is wrong is returned as data (the words, translated, are chosen in profileMessages.ts).
  it('says what is wrong with a bad entry', () => {
    const problem = (v: unknown) => {
      const r = validateProfile(v);
      return r.ok ? undefined : r.problem;
    };
    assert.deepStrictEqual(problem({ id: 'x', kind: 'airflow', baseUrl: 'http://h/' }), { code: 'unknown-kind', id: 'x', got: '"airflow"' });
    assert.deepStrictEqual(problem({ id: 'x', kind: 'kfp', baseUrl: 'ftp://h/' }), { code: 'bad-url', id: 'x', problem: { code: 'bad-scheme', scheme: 'ftp:' } });
    assert.deepStrictEqual(problem({ id: 'has space', kind: 'kfp', baseUrl: 'http://h/' }), { code: 'bad-id', got: '"has space"' });
    assert.deepStrictEqual(problem({ kind: 'kfp', baseUrl: 'http://h/' }), { code: 'bad-id', got: 'undefined' });
    assert.deepStrictEqual(problem({ id: 'x', kind: 'kfp' }), { code: 'missing-url', id: 'x' });
    assert.deepStrictEqual(problem(['x']), { code: 'not-an-object' });
    assert.deepStrictEqual(validateProfiles({}).problems, [{ code: 'not-an-array' }]);
    assert.deepStrictEqual(validateProfiles(undefined).problems, []);
  });

  it('refuses credentials in the URL (they belong in the secret store)', () => {
    assert.deepStrictEqual(checkBaseUrl('https://user:pw@host/'), { code: 'credentials' });
    assert.deepStrictEqual(checkBaseUrl('localhost:8080'), { code: 'bad-scheme', scheme: 'localhost:' });
    assert.deepStrictEqual(checkBaseUrl('not a url'), { code: 'not-a-url' });
    assert.strictEqual(checkBaseUrl(' https://host/api '), undefined);
  });

  it('keeps the first of two profiles with the same id and reports the second', () => {
    const r = validateProfiles([
      { id: 'a', kind: 'acp', baseUrl: 'http://h/' },
      { id: 'a', kind: 'ica', baseUrl: 'http://g/' },
    ]);
    assert.deepStrictEqual(r.profiles.map((p) => p.kind), ['acp']);
    assert.deepStrictEqual(r.problems, [{ code: 'duplicate-id', id: 'a' }]);
  });

  it('normalizes URLs (drops query and hash)', () => {
    assert.strictEqual(normalizeBaseUrl(' http://h:1/x?y#z '), 'http://h:1/x/');
  });
});
