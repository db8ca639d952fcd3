import * as vscode from 'vscode';
import type { BackendProfile } from '../../core';
import { SECTION } from './profileStore';

type StoredProfile = Record<string, unknown> & { id?: unknown };

/** Where a profile id is defined (workspace settings win over user settings, as VS Code merges them). */
function targetOf(id: string): vscode.ConfigurationTarget {
  const inspect = vscode.workspace.getConfiguration(SECTION).inspect<StoredProfile[]>('backends');
  if (inspect?.workspaceValue?.some((p) => p.id === id)) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

function read(target: vscode.ConfigurationTarget): StoredProfile[] {
  const inspect = vscode.workspace.getConfiguration(SECTION).inspect<StoredProfile[]>('backends');
  const value = target === vscode.ConfigurationTarget.Workspace ? inspect?.workspaceValue : inspect?.globalValue;
  return Array.isArray(value) ? [...value] : [];
}

/** Only the fields a user sets; empty optional fields are left out of settings.json. */
function toStored(profile: BackendProfile): StoredProfile {
  const out: StoredProfile = {};
  for (const [k, v] of Object.entries(profile)) if (v !== undefined && v !== '' && !(k === 'tlsInsecure' && v === false)) out[k] = v;
  return out;
}

/** Adds or replaces a profile in the settings file that holds it (user settings for new ones). */
export async function saveProfile(profile: BackendProfile, previousId: string = profile.id): Promise<void> {
  const target = targetOf(previousId);
  const list = read(target);
  const index = list.findIndex((p) => p.id === previousId);
  if (index >= 0) list[index] = toStored(profile);
  else list.push(toStored(profile));
  await vscode.workspace.getConfiguration(SECTION).update('backends', list, target);
}

export async function removeProfiles(ids: readonly string[]): Promise<void> {
  for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.Global]) {
    const list = read(target);
    const kept = list.filter((p) => typeof p.id !== 'string' || !ids.includes(p.id));
    if (kept.length !== list.length) {
      await vscode.workspace.getConfiguration(SECTION).update('backends', kept.length ? kept : undefined, target);
    }
  }
}
