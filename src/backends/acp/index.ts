// The `acp` kind (AGNTCY Agent Connect Protocol v0.1): what the registry loads.
import type { BackendFactory } from '../../core';
import { AcpBackend } from './backend';

export const createBackend: BackendFactory = (profile, deps) => new AcpBackend(profile, deps);
export { AcpBackend } from './backend';
export { AcpClient } from './client';
export type * from './wire';
