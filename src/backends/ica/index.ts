// Illumina Connected Analytics v1 task runs (TES): the one entry the registry loads.
import type { BackendFactory } from '../../core';
import { IcaBackend } from './backend';

export const createBackend: BackendFactory = (profile, deps) => new IcaBackend(profile, deps);

export { IcaBackend } from './backend';
export type { IcaBackendOptions } from './backend';
export { IcaClient, icaErrorMessage } from './client';
export { IcaTokens, jwtExpiry } from './auth';
export { icaState, runCapabilities, STATUS_TABLE } from './status';
export type * as IcaWire from './wire';
