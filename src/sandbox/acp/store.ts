/** ACP runs: seeded deterministically, each an AgentRun plus the echoed RunCreate. */
import { AgentRun } from '../common/agentSim';
import { iso } from '../common/clock';
import { hostileSuffix } from '../common/hostile';
import type { Prng } from '../common/prng';
import { ACP_AGENTS, type AcpAgent, type Json } from './agents';

export interface AcpRun {
  run_id: string;
  agent: AcpAgent;
  sim: AgentRun;
  creation: Json;
  thread_id?: string;
}

export function runJson(r: AcpRun, now: number): Json {
  const out: Json = { run_id: r.run_id, agent_id: r.agent.id, created_at: iso(r.sim.createdAt), updated_at: iso(r.sim.updatedAt(now)), status: r.sim.status(now), creation: r.creation };
  if (r.thread_id) out.thread_id = r.thread_id;
  return out;
}

const TOPICS = ['quarterly revenue drivers', 'vector database options', 'on-call incident 4711', 'GDPR data retention', 'Kubernetes autoscaling', 'customer churn signals'];

export function seedRuns(rng: Prng, count: number, now: number, hostile: boolean): Map<string, AcpRun> {
  const runs = new Map<string, AcpRun>();
  for (let i = 0; i < count; i++) {
    const kind = rng.weighted({ done: 12, interrupted: 3, running: 3 });
    const agent = kind === 'interrupted' ? ACP_AGENTS[1] : rng.pick(kind === 'running' ? [ACP_AGENTS[0], ACP_AGENTS[2]] : ACP_AGENTS);
    // Running seeds move slowly (a step every ~10-40 s) so they stay visibly running for a while.
    const pace = kind === 'running' ? rng.int(15, 60) : 1;
    const createdAt = kind === 'running' ? now - rng.int(2_000, 20_000) : now - rng.int(10 * 60_000, 5 * 86_400_000) - i * 30_000;
    const topic = `${rng.pick(TOPICS)}${hostile && i % 5 === 3 ? ` ${hostileSuffix(i)}` : ''}`;
    const creation: Json = { agent_id: agent.id, input: { topic }, config: { model: 'gpt-4o-mini' }, metadata: { source: 'sandbox-seed', index: i }, streaming: rng.pick(['result', 'custom'] as const) };
    const run: AcpRun = { run_id: rng.uuid(), agent, sim: new AgentRun(agent.behaviour, { topic }, createdAt, rng.fork(`acp-${i}`), pace), creation };
    runs.set(run.run_id, run);
  }
  return runs;
}
