// Starts the real LangGraph API server (test/fixtures/langgraph/server.mjs) in a child process on a
// free port with its state in a temp dir; `close()` stops it by pid and removes the state.
import { spawn, type ChildProcess } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

export interface LangGraphServer {
  /** Base URL ending with '/'. */
  readonly url: string;
  readonly pid: number;
  /** Server output so far (for failure messages). */
  output(): string;
  close(): Promise<void>;
}

const SCRIPT = join('test', 'fixtures', 'langgraph', 'server.mjs');

function findScript(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, SCRIPT);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) throw new Error(`cannot find ${SCRIPT} above ${__dirname}`);
  }
}

/** A port the OS says is free: listen on 0, read it, close. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startLangGraph(timeoutMs = 60_000): Promise<LangGraphServer> {
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'runs-explorer-lg-'));
  const child: ChildProcess = spawn(process.execPath, [findScript()], {
    cwd: stateDir,
    env: { ...process.env, PORT: String(port), STATE_DIR: stateDir, LANGGRAPH_CLI_NO_ANALYTICS: '1', LANGSMITH_TRACING: 'false', LANGCHAIN_TRACING_V2: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`LangGraph server not ready in ${timeoutMs} ms:\n${out.slice(-4000)}`)), timeoutMs);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.length > 200_000) out = out.slice(-100_000);
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].endsWith('/') ? m[1] : `${m[1]}/`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`LangGraph server exited (${code}) before it was ready:\n${out.slice(-4000)}`));
    });
  }).catch(async (e: unknown) => {
    child.kill('SIGKILL');
    rmSync(stateDir, { recursive: true, force: true });
    throw e;
  });
  return {
    url,
    pid: child.pid ?? -1,
    output: () => out,
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
