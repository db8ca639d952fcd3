// Kubeflow Pipelines v2beta1: the one entry the registry loads.
import type { BackendFactory } from '../../core';
import { KfpBackend } from './backend';

export const createBackend: BackendFactory = (profile, deps) => new KfpBackend(profile, deps);

export { KfpBackend } from './backend';
export type { KfpBackendOptions } from './backend';
export { KfpClient, kfpErrorMessage } from './client';
export type { ListExperimentsParams, ListRunsParams, ListTasksParams, PageParams } from './client';
export { RUN_STATE_TABLE, runCapabilities, runState, TASK_STATE_TABLE, taskState } from './status';
export type * as KfpWire from './wire';
