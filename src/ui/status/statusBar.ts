import * as vscode from 'vscode';
import type { ActiveRuns } from './activeRuns';

/** "$(sync~spin) 3 running $(bell) 1 needs input", hidden when nothing is active; click = Show Active Runs. */
export class RunsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private visible = false;

  constructor(private readonly runs: ActiveRuns) {
    this.item = vscode.window.createStatusBarItem('runsExplorer.activeRuns', vscode.StatusBarAlignment.Left, 50);
    this.item.name = vscode.l10n.t('Runs Explorer: Active Runs');
    this.item.command = 'runsExplorer.showActiveRuns';
    this.subscription = runs.onDidUpdate(() => this.render());
    this.render();
  }

  /** The text shown, or undefined when hidden (read by the tests). */
  get text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private render(): void {
    const { running, needsInput } = this.runs.counts();
    if (running === 0 && needsInput === 0) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const parts: string[] = [];
    if (running) parts.push(vscode.l10n.t('$(sync~spin) {0} running', running));
    if (needsInput) parts.push(vscode.l10n.t('$(bell) {0} needs input', needsInput));
    this.item.text = parts.join(' ');
    const said = [running ? vscode.l10n.t('{0} running', running) : '', needsInput ? vscode.l10n.t('{0} waiting for input', needsInput) : ''].filter(Boolean).join(', ');
    this.item.tooltip = vscode.l10n.t('Runs Explorer: {0}. Click to pick one.', said);
    this.item.accessibilityInformation = { label: vscode.l10n.t('Runs Explorer: {0}', said) };
    this.item.backgroundColor = needsInput ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
