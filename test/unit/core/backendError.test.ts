import * as assert from 'assert';
import * as errors from '../../../src/core/errors';

type ErrorsModule = typeof errors;

/** A second copy of core/errors, as the separately bundled backends (dist/backends.js) have. */
function secondCopy(): ErrorsModule {
  const id = require.resolve('../../../src/core/errors');
  const saved = require.cache[id];
  delete require.cache[id];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require(id) as ErrorsModule;
  } finally {
    if (saved) require.cache[id] = saved;
  }
}

describe('core BackendError across bundles', () => {
  it('is recognised when another copy of the class threw it (the UI and the backends are separate bundles)', () => {
    const other = secondCopy();
    assert.notStrictEqual(other.BackendError, errors.BackendError, 'really a second class');
    const thrown: unknown = new other.BackendError('auth', 'KFP at x: 401 Unauthorized - Set Credentials');
    assert.ok(!(thrown instanceof errors.BackendError), 'instanceof cannot tell');
    assert.strictEqual(errors.isBackendError(thrown) ? thrown.code : undefined, 'auth');
  });

  it('is not fooled by other errors or plain objects', () => {
    assert.ok(!errors.isBackendError(new Error('x')));
    assert.ok(!errors.isBackendError({ code: 'auth', message: 'x' }));
    assert.ok(!errors.isBackendError(undefined));
  });
});
