import * as assert from 'assert';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const table = require(path.join(root, 'scripts', 'settings-table.js')) as { expected(): { readme: string; updated: string } };

describe('README', () => {
  it('has the settings table of package.json (regenerate with node scripts/settings-table.js --write)', () => {
    const { readme, updated } = table.expected();
    assert.ok(readme === updated, 'README.md settings table drifted from package.json contributes.configuration');
  });

  it('starts with the two commands that work on a fresh machine', () => {
    const { readme } = table.expected();
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    assert.match(firstBlock, /npm ci && npm start/);
    assert.match(firstBlock, /npm ci && npm test/);
  });
});
