import * as vscode from 'vscode';
import type { Backend, BackendDeps, BackendProfile, BackendRegistry, Logger } from '../core';
import type { ProfileStore } from './profiles/profileStore';
import type { SecretStore } from './profiles/secretStore';

/** Creates Backend objects on first use (no network at activation) and drops them when their profile changes. */
export class BackendManager implements vscode.Disposable {
  private readonly backends = new Map<string, { profileJson: string; backend: Backend }>();

  constructor(
    private readonly registry: BackendRegistry,
    private readonly profiles: ProfileStore,
    private readonly secrets: SecretStore,
    private readonly log: Logger,
    private readonly readCa: () => string | undefined,
  ) {}

  get(profileOrId: BackendProfile | string): Backend | undefined {
    const profile = typeof profileOrId === 'string' ? this.profiles.get(profileOrId) : profileOrId;
    if (!profile) return undefined;
    const profileJson = JSON.stringify(profile);
    const cached = this.backends.get(profile.id);
    if (cached && cached.profileJson === profileJson) return cached.backend;
    cached?.backend.dispose();
    const timeoutSeconds = vscode.workspace.getConfiguration('runsExplorer').get<number>('requestTimeoutSeconds', 30);
    const deps: BackendDeps = { credentials: this.secrets, log: this.log, timeoutMs: timeoutSeconds * 1000, ca: this.readCa() };
    if (profile.tlsInsecure) this.log.warn(`${profile.label}: tlsInsecure is on, the server certificate of ${profile.baseUrl} is not verified`);
    const backend = this.registry[profile.kind]()(profile, deps);
    this.backends.set(profile.id, { profileJson, backend });
    return backend;
  }

  /** Forget backends whose profile is gone or changed (called when settings change). */
  prune(): void {
    for (const [id, entry] of this.backends) {
      const profile = this.profiles.get(id);
      if (!profile || JSON.stringify(profile) !== entry.profileJson) {
        entry.backend.dispose();
        this.backends.delete(id);
      }
    }
  }

  dispose(): void {
    for (const entry of this.backends.values()) entry.backend.dispose();
    this.backends.clear();
  }
}
