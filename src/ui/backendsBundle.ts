import * as path from 'path';
import { BACKEND_KINDS, type BackendKind, type BackendRegistry } from '../core';

/**
 * The backend kinds, loaded from their own bundle (dist/backends.js: clients, transport, node-fetch) the
 * first time a backend is created, not at activation: about half the extension's code is not compiled
 * until a list is opened or a status check runs.
 */
export function lazyBackendRegistry(extensionPath: string): BackendRegistry {
  let loaded: BackendRegistry | undefined;
  const load = (): BackendRegistry => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded ??= (require(path.join(extensionPath, 'dist', 'backends.js')) as { BACKEND_REGISTRY: BackendRegistry }).BACKEND_REGISTRY;
    return loaded;
  };
  return Object.fromEntries(BACKEND_KINDS.map((kind: BackendKind) => [kind, () => load()[kind]()])) as Record<BackendKind, BackendRegistry[BackendKind]>;
}
