import * as assert from 'assert';
import * as path from 'path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../../..');

/** Lints a made-up file at `file` (as if it lived there) and returns the restricted-import messages. */
async function violations(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('Layering nevers (DESIGN section 2) are enforced by the linter', function () {
  this.timeout(60000);

  for (const layer of ['core', 'http', 'sandbox', 'backends/kfp', 'webview']) {
    it(`src/${layer} may not import vscode`, async () => {
      const found = await violations(`src/${layer}/probe.ts`, "import * as vscode from 'vscode';\nexport const x = vscode;\n");
      assert.strictEqual(found.length, 1, `expected one violation, got ${JSON.stringify(found)}`);
    });
  }

  it('backends/<a> may not import backends/<b>', async () => {
    const found = await violations('src/backends/kfp/probe.ts', "import { x } from '../ica/client';\nexport const y = x;\n");
    assert.strictEqual(found.length, 1);
    assert.match(found[0], /never imports another kind/);
  });

  it('backends/<a> may import core and http', async () => {
    const found = await violations('src/backends/kfp/probe.ts', "import { x } from '../../core';\nimport { y } from '../../http';\nexport const z = [x, y];\n");
    assert.deepStrictEqual(found, []);
  });

  it('the webview may not import Node modules or other layers', async () => {
    assert.strictEqual((await violations('src/webview/probe.ts', "import * as fs from 'fs';\nexport const x = fs;\n")).length, 1);
    assert.strictEqual((await violations('src/webview/probe.ts', "import * as fs from 'node:fs';\nexport const x = fs;\n")).length, 1);
    assert.strictEqual((await violations('src/webview/probe.ts', "import { x } from '../core';\nexport const y = x;\n")).length, 1);
    assert.deepStrictEqual(await violations('src/webview/probe.ts', "import type { HostMessage } from '../shared/protocol';\nexport type X = HostMessage;\n"), []);
  });

  it('ui may not build HTTP requests', async () => {
    assert.strictEqual((await violations('src/ui/probe.ts', "import fetch from 'node-fetch';\nexport const x = fetch;\n")).length, 1);
    assert.strictEqual((await violations('src/ui/probe.ts', "import { HttpClient } from '../http';\nexport const x = HttpClient;\n")).length, 1);
    assert.deepStrictEqual(await violations('src/ui/probe.ts', "import * as vscode from 'vscode';\nimport { isActive } from '../core';\nexport const x = [vscode, isActive];\n"), []);
  });

  it('the real source tree has no violation', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['src']);
    const found = results.flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => `${path.relative(root, r.filePath)}: ${m.message}`));
    assert.deepStrictEqual(found, []);
  });
});
