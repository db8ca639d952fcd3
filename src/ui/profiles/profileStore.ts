import * as vscode from 'vscode';
import type { BackendProfile, Logger } from '../../core';
import { profileProblemText } from './profileMessages';
import { validateProfiles } from './validateProfile';

export const SECTION = 'runsExplorer';

/** The configured backends, read from settings and kept current when settings.json changes. */
export class ProfileStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<readonly BackendProfile[]>();
  readonly onDidChange = this.changed.event;
  private current: BackendProfile[] = [];
  private lastProblems = '';
  private readonly subscription: vscode.Disposable;

  constructor(private readonly log: Logger) {
    this.reload();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.backends`)) {
        this.reload();
        this.changed.fire(this.current);
      }
    });
  }

  get profiles(): readonly BackendProfile[] {
    return this.current;
  }

  get(id: string): BackendProfile | undefined {
    return this.current.find((p) => p.id === id);
  }

  private reload(): void {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('backends', []);
    const { profiles, problems } = validateProfiles(raw);
    this.current = profiles;
    const text = problems.map(profileProblemText).join('; ');
    if (text && text !== this.lastProblems) this.log.warn(`Ignoring invalid entries in runsExplorer.backends: ${text}`);
    this.lastProblems = text;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
