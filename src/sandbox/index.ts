/**
 * Local simulated servers for kfp, ica, acp and agent-protocol (DESIGN section 5). One HTTP server per
 * family; base URLs and control routes are described in src/sandbox/README.md.
 */
import { SimClock } from './common/clock';
import { FaultStore } from './common/faults';
import { Prng } from './common/prng';
import { RequestLogStore } from './common/requestLog';
import type { FamilyServer, Shared } from './common/server';
import { createAcpServer } from './acp/server';
import { createAgentProtocolServer } from './agent-protocol/server';
import { createIcaServer } from './ica/server';
import { createKfpServer } from './kfp/server';
import type { Sandbox, SandboxOptions } from './types';

export * from './types';
export { ACP_AGENTS } from './acp/agents';
export { AP_AGENTS } from './agent-protocol/agents';
export { UNKNOWN_STATUS } from './common/bodyFaults';
export { HOSTILE_STRINGS } from './common/hostile';

export const DEFAULT_RUNS = 36;

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const runs = Math.max(0, Math.floor(options.runs ?? DEFAULT_RUNS));
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  const host = options.host ?? '127.0.0.1';
  const hostile = options.hostile ?? false;
  const shared: Shared = { clock: new SimClock(options.epochMs ?? Date.now(), speed), faults: new FaultStore(), requests: new RequestLogStore() };
  const rng = new Prng(seed);
  const icaApiKey = options.icaApiKey ?? `sbx-ica-${rng.fork('ica-key').hex(24)}`;
  const servers: FamilyServer[] = [
    createKfpServer(shared, rng.fork('kfp'), { runs, tasksApi: !options.kfpWithoutTasksApi, token: options.kfpToken, hostile }),
    createIcaServer(shared, rng.fork('ica'), { runs, apiKey: icaApiKey, ttlSeconds: options.icaTokenTtlSeconds ?? 3600, hostile }),
    createAcpServer(shared, rng.fork('acp'), { runs, apiKey: options.acpApiKey, hostile }),
    createAgentProtocolServer(shared, rng.fork('ap'), { runs, apiKey: options.agentProtocolApiKey, hostile }),
  ];
  const first = options.port ?? 0;
  const started: FamilyServer[] = [];
  try {
    for (let i = 0; i < servers.length; i++) {
      await servers[i].listen(first ? first + i : 0, host);
      started.push(servers[i]);
    }
  } catch (e) {
    await Promise.all(started.map((s) => s.close()));
    throw e;
  }
  const [kfp, ica, acp, ap] = servers;
  let closing: Promise<void> | undefined;
  return {
    urls: { kfp: kfp.baseUrl, ica: ica.baseUrl, acp: acp.baseUrl, agentProtocol: ap.baseUrl },
    icaApiKey,
    kfpToken: options.kfpToken,
    acpApiKey: options.acpApiKey,
    agentProtocolApiKey: options.agentProtocolApiKey,
    faults: shared.faults,
    requests: shared.requests,
    clock: { advance: (ms) => shared.clock.advance(ms), now: () => shared.clock.now() },
    close: () => {
      closing ??= (async () => {
        shared.clock.close();
        await Promise.all(servers.map((s) => s.close()));
      })();
      return closing;
    },
  };
}
