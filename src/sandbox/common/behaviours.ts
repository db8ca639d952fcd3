/** The simulated agents' behaviours, shared by ACP and Agent Protocol (each names and wraps them). */
import type { Behaviour, Segment, Step } from './agentSim';
import type { Prng } from './prng';

const TOPICS = ['vector databases', 'protein folding', 'carbon capture', 'the 2026 EU AI Act', 'Rust async runtimes', 'CRISPR off-target effects', 'solid-state batteries', 'LLM evaluation'];

function topicOf(input: Record<string, unknown>, rng: Prng): string {
  if (typeof input.topic === 'string' && input.topic) return input.topic;
  if (typeof input.message === 'string' && input.message) return input.message;
  if (typeof input.text === 'string' && input.text) return input.text;
  return rng.pick(TOPICS);
}

/** Lays steps out in time: `base` ms apart on average, scaled by pace. */
function timed(rng: Prng, pace: number, base: number, steps: Omit<Step, 'atMs'>[]): { steps: Step[]; endMs: number } {
  let t = 0;
  const out = steps.map((s) => {
    t += Math.round((base * 0.6 + rng.next() * base * 0.8) * pace);
    return { ...s, atMs: t };
  });
  return { steps: out, endMs: t + Math.round(base * 0.5 * pace) };
}

export const researchAssistant: Behaviour = {
  name: 'research-assistant',
  description: 'Searches the web, reads sources and writes a short cited answer.',
  segment(input, _resume, _attempt, rng, pace): Segment {
    const topic = topicOf(input, rng);
    const sources = [`https://arxiv.org/abs/24${rng.int(10, 12)}.${rng.int(10000, 19999)}`, `https://en.wikipedia.org/wiki/${encodeURIComponent(topic.replace(/ /g, '_'))}`];
    const t = timed(rng, pace, 700, [
      { node: 'plan', update: { topic, plan: ['search', 'read', 'write'] }, message: `Planning research on ${topic}.`, custom: { stage: 'plan', progress: 0.1 } },
      { node: 'search', update: { sources }, message: `Found ${sources.length} sources.`, custom: { stage: 'search', progress: 0.4 } },
      { node: 'read', update: { notes: `Key points about ${topic}: adoption is growing; costs are falling.` }, custom: { stage: 'read', progress: 0.7 } },
      { node: 'write', update: { answer: `${topic}: a short overview with ${sources.length} citations.` }, message: `Here is a short overview of ${topic}.`, custom: { stage: 'write', progress: 1 } },
    ]);
    return { ...t, end: { kind: 'success' } };
  },
};

/** Drafts, then stops at an approval interrupt; resumes with {approved: boolean, comment?: string}. */
export const approver: Behaviour = {
  name: 'approver',
  description: 'Drafts an email and asks a human to approve it before sending.',
  segment(input, resume, _attempt, rng, pace): Segment {
    const topic = topicOf(input, rng);
    if (resume === undefined) {
      const draft = `Hi team, a quick update on ${topic}: all checks passed.`;
      const t = timed(rng, pace, 500, [
        { node: 'gather', update: { topic }, message: `Gathering facts about ${topic}.`, custom: { stage: 'gather', progress: 0.3 } },
        { node: 'draft', update: { draft }, message: 'Draft ready.', custom: { stage: 'draft', progress: 0.6 } },
        { node: 'review_prep', update: { recipients: ['team@example.com'] }, custom: { stage: 'review', progress: 0.8 } },
      ]);
      return { ...t, end: { kind: 'interrupt', interruptType: 'approval', payload: { question: 'Send this email?', draft, recipients: ['team@example.com'] } } };
    }
    const r = resume && typeof resume === 'object' ? (resume as Record<string, unknown>) : { approved: resume === true || resume === 'yes' || resume === 'approve' };
    const approved = r.approved === true;
    const comment = typeof r.comment === 'string' ? r.comment : undefined;
    const t = timed(rng, pace, 500, [
      approved
        ? { node: 'send', update: { approved, comment, result: 'sent' }, message: 'Email sent.', custom: { stage: 'send', progress: 1 } }
        : { node: 'discard', update: { approved, comment, result: 'discarded' }, message: 'Email discarded.', custom: { stage: 'discard', progress: 1 } },
    ]);
    return { ...t, end: { kind: 'success' } };
  },
};

/** Calls a flaky tool: fails (about 40% of runs), times out (10%) or succeeds. */
export const flakyTool: Behaviour = {
  name: 'flaky-tool',
  description: 'Calls an unreliable upstream API; sometimes fails or times out.',
  segment(input, _resume, _attempt, rng, pace): Segment {
    const topic = topicOf(input, rng);
    const outcome = rng.weighted({ success: 5, error: 4, timeout: 1 });
    const t = timed(rng, pace, 600, [
      { node: 'prepare', update: { query: topic }, custom: { stage: 'prepare', progress: 0.2 } },
      { node: 'call_tool', update: { attempts: 1 }, message: `Calling the search API for ${topic}.`, custom: { stage: 'call', progress: 0.5 } },
      ...(outcome === 'success' ? [{ node: 'summarize', update: { summary: `Summary of ${topic}.` }, message: `Summary of ${topic}.`, custom: { stage: 'summarize', progress: 1 } }] : []),
    ]);
    if (outcome === 'error') return { ...t, end: { kind: 'error', errorName: 'ToolError', message: 'Upstream search API returned 503 Service Unavailable', code: 503 } };
    if (outcome === 'timeout') return { ...t, end: { kind: 'timeout' } };
    return { ...t, end: { kind: 'success' } };
  },
};
