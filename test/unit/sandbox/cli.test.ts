import * as assert from 'assert';
import { spawn } from 'child_process';
import * as path from 'path';
import { call } from '../../support/sandboxHttp';

/** The compiled CLI next to this compiled test: out/src/sandbox/cli.js. */
const CLI = path.resolve(__dirname, '../../../src/sandbox/cli.js');

describe('sandbox: CLI', function () {
  this.timeout(15_000);

  it('--json prints exactly one JSON line first, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--json', '--runs', '5', '--seed', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const firstLine = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const i = out.indexOf('\n');
        if (i >= 0) resolve(out.slice(0, i));
      });
      child.on('exit', (code) => reject(new Error(`exited early with ${code}`)));
    });
    const urls = JSON.parse(firstLine) as Record<string, string>;
    assert.deepStrictEqual(Object.keys(urls), ['kfp', 'ica', 'acp', 'agentProtocol', 'icaApiKey']);
    for (const k of ['kfp', 'ica', 'acp', 'agentProtocol']) assert.match(urls[k], /^http:\/\/127\.0\.0\.1:\d+\/$/);
    const r = await call(`${urls.kfp}apis/v2beta1/runs`);
    assert.strictEqual((r.json as { total_size: number }).total_size, 5);
    const tok = await call(`${urls.ica}v1/tokens`, { method: 'POST', headers: { 'X-API-Key': urls.icaApiKey } });
    assert.strictEqual(tok.status, 201);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    assert.strictEqual(code, 0);
    assert.strictEqual(out.trim().split('\n').length, 1, 'nothing else on stdout');
  });

  it('without --json prints a table, and rejects unknown flags', async () => {
    const child = spawn(process.execPath, [CLI, '--runs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('Ctrl+C')) resolve();
      });
    });
    assert.match(out, /kfp\s+http:\/\/127\.0\.0\.1:\d+\//);
    assert.match(out, /agent-protocol/);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGINT');
    });
    assert.strictEqual(code, 0);
    const bad = spawn(process.execPath, [CLI, '--nope'], { stdio: 'ignore' });
    assert.strictEqual(await new Promise((resolve) => bad.on('exit', resolve)), 2);
  });
});
