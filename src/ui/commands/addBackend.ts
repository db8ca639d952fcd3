import * as vscode from 'vscode';
import { BACKEND_KINDS, KIND_INFO, type BackendKind, type BackendProfile } from '../../core';
import { saveProfile } from '../profiles/profileWriter';
import { urlProblemText } from '../profiles/profileMessages';
import { checkBaseUrl, normalizeBaseUrl } from '../profiles/validateProfile';
import type { Services } from '../services';
import { testConnection } from './testConnection';

const ID_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48) || 'backend';
}

function uniqueId(base: string, taken: ReadonlySet<string>): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

/** Kind-specific options asked after the URL; an empty answer leaves the option unset. */
// A function, so the prompts are translated when asked (vscode.l10n.t), not when the module loads.
const KIND_OPTIONS = (): Partial<Record<BackendKind, Array<{ key: 'namespace' | 'agentId' | 'assistantId' | 'experimentId'; prompt: string }>>> => ({
  kfp: [{ key: 'namespace', prompt: vscode.l10n.t('Kubernetes namespace (multi-user KFP; leave empty for single-user)') }],
  acp: [{ key: 'agentId', prompt: vscode.l10n.t('Agent id to use when creating runs (optional)') }],
  'agent-protocol': [{ key: 'agentId', prompt: vscode.l10n.t('Agent id to use when creating runs (optional)') }],
  langgraph: [{ key: 'assistantId', prompt: vscode.l10n.t('Assistant id or graph id used to create and resume runs (optional)') }],
});

/**
 * The guided Add/Edit Backend flow: kind, label, base URL (checked as you type), kind options,
 * credentials, then Test Connection. Returns the saved profile, or undefined when cancelled.
 */
export async function backendFlow(services: Services, existing?: BackendProfile): Promise<BackendProfile | undefined> {
  const title = existing ? vscode.l10n.t('Edit Backend: {0}', existing.label) : vscode.l10n.t('Add Backend');
  const kind = existing?.kind ?? (await pickKind(title));
  if (!kind) return undefined;
  const info = KIND_INFO[kind];
  const label = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Name shown in the Runs view'),
    value: existing?.label ?? info.title,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a name')),
    ignoreFocusOut: true,
  });
  if (label === undefined) return undefined;
  const baseUrl = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Base URL of the {0} API', info.title),
    placeHolder: info.baseUrlExample,
    value: existing?.baseUrl ?? '',
    validateInput: (v) => {
      if (!v.trim()) return vscode.l10n.t('Enter the server URL, e.g. {0}', info.baseUrlExample);
      const problem = checkBaseUrl(v);
      return problem && urlProblemText(problem);
    },
    ignoreFocusOut: true,
  });
  if (baseUrl === undefined) return undefined;
  const options: Record<string, string | undefined> = {};
  for (const opt of KIND_OPTIONS()[kind] ?? []) {
    const value = await vscode.window.showInputBox({ title, prompt: opt.prompt, value: existing?.[opt.key] ?? '', ignoreFocusOut: true });
    if (value === undefined) return undefined;
    options[opt.key] = value.trim() || undefined;
  }
  const taken = new Set(services.profiles.profiles.map((p) => p.id));
  const id = existing?.id ?? uniqueId(slug(label), taken);
  if (!ID_RE.test(id)) throw new Error(vscode.l10n.t('Cannot derive a backend id from "{0}"', label));
  const profile: BackendProfile = { ...existing, id, kind, label: label.trim(), baseUrl: normalizeBaseUrl(baseUrl), ...options };
  await saveProfile(profile, existing?.id);
  const wantsCredentials = await vscode.window.showQuickPick(
    [
      { label: vscode.l10n.t('Set {0}...', info.credentialLabel), value: true },
      { label: vscode.l10n.t('No credentials needed'), value: false },
    ],
    { title, placeHolder: vscode.l10n.t('Credentials are kept in the OS secret store, never in settings'), ignoreFocusOut: true },
  );
  if (wantsCredentials?.value) await askCredential(services, profile);
  await testConnection(services, profile);
  services.tree.refresh();
  return profile;
}

async function pickKind(title: string): Promise<BackendKind | undefined> {
  const picked = await vscode.window.showQuickPick(
    BACKEND_KINDS.map((kind) => ({ label: `$(${KIND_INFO[kind].icon}) ${KIND_INFO[kind].title}`, description: kind, backendKind: kind })),
    { title, placeHolder: vscode.l10n.t('What kind of server?'), ignoreFocusOut: true },
  );
  return picked?.backendKind;
}

/** Asks for a token/API key (masked) and stores it in SecretStorage only. */
export async function askCredential(services: Services, profile: BackendProfile): Promise<boolean> {
  const info = KIND_INFO[profile.kind];
  const value = await vscode.window.showInputBox({
    title: vscode.l10n.t('Set Credentials: {0}', profile.label),
    prompt: vscode.l10n.t('{0} for {1} (stored in the OS secret store; leave empty to remove)', info.credentialLabel, profile.baseUrl),
    password: true,
    ignoreFocusOut: true,
  });
  if (value === undefined) return false;
  if (value.trim()) await services.secrets.set(profile.id, value.trim());
  else await services.secrets.delete(profile.id);
  services.backends.prune();
  return true;
}
