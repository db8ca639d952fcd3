// The `langgraph` kind (LangGraph Platform / `langgraph dev`): what the registry loads.
import type { BackendFactory } from '../../core';
import { LangGraphBackend } from './backend';

export const createBackend: BackendFactory = (profile, deps) => new LangGraphBackend(profile, deps);
export { LangGraphBackend } from './backend';
export { LangGraphClient } from './client';
export type * from './wire';
