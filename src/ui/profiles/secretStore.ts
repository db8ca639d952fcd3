import type * as vscode from 'vscode';
import type { CredentialsProvider } from '../../core';

const KEY_PREFIX = 'runsExplorer.credential.';

/** Tokens and API keys live only in SecretStorage; a cache of known values feeds log redaction. */
export class SecretStore implements CredentialsProvider {
  private readonly known = new Map<string, string>();

  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(profileId: string): Promise<string | undefined> {
    const value = await this.storage.get(KEY_PREFIX + profileId);
    if (value) this.known.set(profileId, value);
    return value || undefined;
  }

  async set(profileId: string, value: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + profileId, value);
    this.known.set(profileId, value);
  }

  async delete(profileId: string): Promise<void> {
    await this.storage.delete(KEY_PREFIX + profileId);
    this.known.delete(profileId);
  }

  /** Secrets seen in this session, for redaction. */
  knownSecrets(): readonly string[] {
    return [...this.known.values()];
  }
}
