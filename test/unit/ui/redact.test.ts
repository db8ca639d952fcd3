import * as assert from 'assert';
import { redact } from '../../../src/ui/redact';

describe('redact', () => {
  it('removes known secrets wherever they appear', () => {
    assert.strictEqual(redact('calling with sk-live-123456 now', ['sk-live-123456']), 'calling with *** now');
  });

  it('masks credential-shaped text even when the secret is unknown', () => {
    assert.strictEqual(redact('Authorization: Bearer eyJhbGciOi.abc.def'), 'Authorization: Bearer ***');
    assert.strictEqual(redact('x-api-key: abcdef123'), 'x-api-key: ***');
    assert.strictEqual(redact('GET https://h/x?token=abc123&page=2'), 'GET https://h/x?token=***&page=2');
  });

  it('leaves ordinary text alone', () => {
    const line = 'GET http://127.0.0.1:4000/apis/v2beta1/runs?page_size=50 200 12ms';
    assert.strictEqual(redact(line, ['', 'ab']), line);
  });
});
