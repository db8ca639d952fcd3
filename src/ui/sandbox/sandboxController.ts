import * as path from 'path';
import * as vscode from 'vscode';
import type { BackendProfile, Logger } from '../../core';
import type { Sandbox, SandboxOptions } from '../../sandbox';
import { setContext } from '../contextKeys';
import { removeProfiles, saveProfile } from '../profiles/profileWriter';
import type { SecretStore } from '../profiles/secretStore';

type SandboxModule = { startSandbox(options?: SandboxOptions): Promise<Sandbox> };

export const SANDBOX_PROFILE_PREFIX = 'sandbox-';

/** Runs the simulated servers inside the extension host and adds/removes their backend profiles. */
export class SandboxController implements vscode.Disposable {
  private running: Sandbox | undefined;

  constructor(
    private readonly extensionPath: string,
    private readonly secrets: SecretStore,
    private readonly log: Logger,
  ) {}

  get isRunning(): boolean {
    return this.running !== undefined;
  }

  async start(): Promise<readonly BackendProfile[]> {
    if (!this.running) {
      // Loaded from its own bundle on first use only: the servers are never on the activation path.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const mod = require(path.join(this.extensionPath, 'dist', 'sandbox.js')) as SandboxModule;
      this.running = await mod.startSandbox({});
      this.log.info(`Sandbox started: ${JSON.stringify(this.running.urls)}`);
    }
    const sb = this.running;
    const profiles: BackendProfile[] = [
      { id: `${SANDBOX_PROFILE_PREFIX}kfp`, label: vscode.l10n.t('Sandbox KFP'), kind: 'kfp', baseUrl: sb.urls.kfp },
      { id: `${SANDBOX_PROFILE_PREFIX}ica`, label: vscode.l10n.t('Sandbox ICA'), kind: 'ica', baseUrl: sb.urls.ica },
      { id: `${SANDBOX_PROFILE_PREFIX}acp`, label: vscode.l10n.t('Sandbox ACP'), kind: 'acp', baseUrl: sb.urls.acp },
      { id: `${SANDBOX_PROFILE_PREFIX}agent-protocol`, label: vscode.l10n.t('Sandbox Agent Protocol'), kind: 'agent-protocol', baseUrl: sb.urls.agentProtocol },
    ];
    await this.secrets.set(`${SANDBOX_PROFILE_PREFIX}ica`, sb.icaApiKey);
    for (const p of profiles) await saveProfile(p);
    setContext('sandboxRunning', true);
    return profiles;
  }

  async stop(): Promise<void> {
    const sb = this.running;
    this.running = undefined;
    setContext('sandboxRunning', false);
    await this.removeProfiles();
    if (sb) {
      await sb.close();
      this.log.info('Sandbox stopped');
    }
  }

  /** Profiles left by a sandbox of an earlier window point at ports nobody serves: drop them. */
  async removeStaleProfiles(profileIds: readonly string[]): Promise<void> {
    if (this.running) return;
    if (profileIds.some((id) => id.startsWith(SANDBOX_PROFILE_PREFIX))) await this.removeProfiles();
  }

  private async removeProfiles(): Promise<void> {
    const ids = ['kfp', 'ica', 'acp', 'agent-protocol'].map((k) => SANDBOX_PROFILE_PREFIX + k);
    await removeProfiles(ids);
    for (const id of ids) await this.secrets.delete(id);
  }

  dispose(): void {
    const sb = this.running;
    this.running = undefined;
    if (sb) sb.close().catch((e: unknown) => this.log.error(`Sandbox close failed: ${String(e)}`));
  }
}
