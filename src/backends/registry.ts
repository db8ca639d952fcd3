import type { BackendFactory, BackendRegistry } from '../core';

// One line per kind. `require` inside each loader keeps a kind's client code from running until a
// backend of that kind is first used (activation stays cheap); esbuild still bundles it.
/* eslint-disable @typescript-eslint/no-require-imports */
export const BACKEND_REGISTRY: BackendRegistry = {
  kfp: () => (require('./kfp') as { createBackend: BackendFactory }).createBackend,
  ica: () => (require('./ica') as { createBackend: BackendFactory }).createBackend,
  acp: () => (require('./acp') as { createBackend: BackendFactory }).createBackend,
  'agent-protocol': () => (require('./agent-protocol') as { createBackend: BackendFactory }).createBackend,
  langgraph: () => (require('./langgraph') as { createBackend: BackendFactory }).createBackend,
};
