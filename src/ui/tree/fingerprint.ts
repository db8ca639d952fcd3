import type { BackendNode } from '../../core';

const time = (d: Date | undefined): number | undefined => d?.getTime();

/** What a row shows; two nodes with the same fingerprint render the same, so a refresh can skip them. */
export function fingerprint(node: BackendNode): string {
  const run = node.run;
  const task = node.task;
  return JSON.stringify([
    node.label,
    node.description,
    node.expandable,
    node.state?.raw,
    node.state?.status,
    run && [run.name, run.state.raw, run.state.status, time(run.startedAt), time(run.finishedAt), run.archived, run.message, run.capabilities],
    task && [task.name, task.state.raw, task.state.status, time(task.startedAt), time(task.finishedAt), task.message],
  ]);
}
