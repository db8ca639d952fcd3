import * as assert from 'assert';
import { buildUrl, displayUrl, originOf } from '../../../src/http';

describe('http/url', () => {
  it('keeps the base path prefix with or without slashes', () => {
    assert.strictEqual(buildUrl('https://h/api/service/pipelines/ns/dspa/', '/apis/v2beta1/runs').toString(), 'https://h/api/service/pipelines/ns/dspa/apis/v2beta1/runs');
    assert.strictEqual(buildUrl('https://h/pipeline', 'apis/v2beta1/runs').toString(), 'https://h/pipeline/apis/v2beta1/runs');
    assert.strictEqual(buildUrl('http://h:8080', 'x').toString(), 'http://h:8080/x');
  });

  it('appends query values, repeating arrays and skipping undefined', () => {
    const u = buildUrl('http://h/', 'runs', { page_size: 5, a: undefined, s: ['x', 'y'], f: true, filter: '{"a":1}' });
    assert.strictEqual(u.search, '?page_size=5&s=x&s=y&f=true&filter=%7B%22a%22%3A1%7D');
  });

  it('keeps a query string written in the path and colons in ids', () => {
    assert.strictEqual(buildUrl('http://h/p/', 'runs/abc:terminate?x=1', { y: 2 }).toString(), 'http://h/p/runs/abc:terminate?x=1&y=2');
  });

  it('redacts user info and secret-looking query values', () => {
    const shown = displayUrl('https://user:pw@h/x?api_key=s3cret&page_size=1&access_token=t');
    assert.ok(!shown.includes('s3cret') && !shown.includes('pw') && !shown.includes('=t'));
    assert.ok(shown.includes('page_size=1'));
  });

  it('gives the origin for labels', () => {
    assert.strictEqual(originOf('https://h:8443/a/b'), 'https://h:8443');
  });
});
