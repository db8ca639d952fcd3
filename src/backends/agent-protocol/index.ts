// The `agent-protocol` kind (LangChain Agent Protocol): what the registry loads.
import type { BackendFactory } from '../../core';
import { AgentProtocolBackend } from './backend';

export const createBackend: BackendFactory = (profile, deps) => new AgentProtocolBackend(profile, deps);
export { AgentProtocolBackend } from './backend';
export { AgentProtocolClient } from './client';
export type * from './wire';
