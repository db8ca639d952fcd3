import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const tour = require(path.join(root, 'scripts', 'tour.js')) as {
  TOUR: ReadonlyArray<{ shot: string; file: string; caption: string }>;
  TOUR_DIR: string;
  expected(): { readme: string; updated: string };
};

describe('README tour', () => {
  it('shows the pictures of scripts/tour.js in order (regenerate with npm run tour, after npm run test:e2e)', () => {
    const { readme, updated } = tour.expected();
    assert.ok(readme === updated, 'README.md Tour section drifted from scripts/tour.js');
  });

  it('has every picture committed in docs/tour, each small enough for a README', () => {
    for (const t of tour.TOUR) {
      const file = path.join(root, tour.TOUR_DIR, t.file);
      assert.ok(fs.existsSync(file), `${tour.TOUR_DIR}/${t.file} (from the e2e screenshot ${t.shot}.png)`);
      assert.ok(fs.statSync(file).size <= 200 * 1024, `${t.file} is over 200 KB`);
    }
  });

  it('keeps docs/ out of the .vsix (.vscodeignore allow-lists what ships)', () => {
    const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
    assert.ok(ignore.includes('**'), '.vscodeignore starts by excluding everything');
    assert.deepStrictEqual(ignore.filter((l) => l.startsWith('!') && /docs|\*\*/.test(l)), [], 'no allow rule brings docs/ back');
  });
});
