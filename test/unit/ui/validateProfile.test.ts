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

  it('explains what is wrong with a bad entry', () => {
    const kind = validateProfile({ id: 'x', kind: 'airflow', baseUrl: 'http://h/' });
    assert.ok(!kind.ok && /unknown kind "airflow"/.test(kind.reason));
    const url = validateProfile({ id: 'x', kind: 'kfp', baseUrl: 'ftp://h/' });
    assert.ok(!url.ok && /http:\/\/ or https:\/\//.test(url.reason));
    const id = validateProfile({ id: 'has space', kind: 'kfp', baseUrl: 'http://h/' });
    assert.ok(!id.ok && /"id"/.test(id.reason));
  });

  it('refuses credentials in the URL (they belong in the secret store)', () => {
    assert.match(checkBaseUrl('https://user:pw@host/') ?? '', /Set Credentials/);
  });

  it('keeps the first of two profiles with the same id and reports the second', () => {
    const r = validateProfiles([
      { id: 'a', kind: 'acp', baseUrl: 'http://h/' },
      { id: 'a', kind: 'ica', baseUrl: 'http://g/' },
    ]);
    assert.deepStrictEqual(r.profiles.map((p) => p.kind), ['acp']);
    assert.match(r.problems[0], /used twice/);
  });

  it('normalizes URLs (drops query and hash)', () => {
    assert.strictEqual(normalizeBaseUrl(' http://h:1/x?y#z '), 'http://h:1/x/');
  });
});
