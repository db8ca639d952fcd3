/**
 * `npm run sandbox -- [--json] [--port N] [--seed N] [--runs N] [--speed X] [--no-tasks-api] [--hostile]`
 * Starts the four simulated servers on loopback and serves until SIGTERM/SIGINT.
 * With --json the first stdout line is exactly {"kfp":URL,"ica":URL,"acp":URL,"agentProtocol":URL,"icaApiKey":KEY}.
 */
import { startSandbox, type SandboxOptions } from './index';

interface CliArgs {
  json: boolean;
  options: SandboxOptions;
}

const USAGE = 'usage: sandbox [--json] [--port N] [--seed N] [--runs N] [--speed X] [--host H] [--no-tasks-api] [--hostile] [--kfp-token T]';

export function parseArgs(argv: string[]): CliArgs {
  const o: SandboxOptions = {};
  let json = false;
  const num = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n)) throw new Error(`${flag} needs a number\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string | undefined => inline ?? argv[++i];
    switch (flag) {
      case '--json': json = true; break;
      case '--port': o.port = num(flag, value()); break;
      case '--seed': o.seed = num(flag, value()); break;
      case '--runs': o.runs = num(flag, value()); break;
      case '--speed': o.speed = num(flag, value()); break;
      case '--host': o.host = value(); break;
      case '--kfp-token': o.kfpToken = value(); break;
      case '--no-tasks-api': o.kfpWithoutTasksApi = true; break;
      case '--hostile': o.hostile = true; break;
      case '--help': case '-h': throw new Error(USAGE);
      default: throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    }
  }
  return { json, options: o };
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  const sb = await startSandbox(args.options);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    sb.close().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`close failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ kfp: sb.urls.kfp, ica: sb.urls.ica, acp: sb.urls.acp, agentProtocol: sb.urls.agentProtocol, icaApiKey: sb.icaApiKey })}\n`);
  } else {
    const rows: [string, string, string][] = [
      ['kfp', sb.urls.kfp, sb.kfpToken ? `Bearer ${sb.kfpToken}` : 'no auth; pod logs at /k8s/pod/logs'],
      ['ica', sb.urls.ica, `X-API-Key ${sb.icaApiKey} -> POST v1/tokens`],
      ['acp', sb.urls.acp, 'no auth'],
      ['agent-protocol', sb.urls.agentProtocol, 'no auth'],
    ];
    const w = Math.max(...rows.map((r) => r[1].length));
    process.stdout.write(`Runs Explorer sandbox (seed ${args.options.seed ?? 1}, ${args.options.runs ?? 36} runs per backend, speed ${args.options.speed ?? 1}x)\n\n`);
    for (const [k, u, note] of rows) process.stdout.write(`  ${k.padEnd(15)} ${u.padEnd(w)}  ${note}\n`);
    process.stdout.write('\nFaults and request log: /__sandbox/faults, /__sandbox/requests on each server. Ctrl+C to stop.\n');
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`sandbox failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
