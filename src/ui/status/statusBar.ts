import * as vscode from 'vscode';
import type { ActiveRuns } from './activeRuns';

/** "$(sync~spin) 3 running $(bell) 1 needs input", hidden when nothing is active; click = Show Active Runs. */
export class RunsStatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscription: vscode.Disposable;
  private visible = false;

  constructor(private readonly runs: ActiveRuns) {
    this.item = vscode.window.createStatusBarItem('runsExplorer.activeRuns', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Runs Explorer: Active Runs';
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
    if (running) parts.push(`$(sync~spin) ${running} running`);
    if (needsInput) parts.push(`$(bell) ${needsInput} needs input`);
    this.item.text = parts.join(' ');
    const said = [running ? `${running} running` : '', needsInput ? `${needsInput} waiting for input` : ''].filter(Boolean).join(', ');
    this.item.tooltip = `Runs Explorer: ${said}. Click to pick one.`;
    this.item.accessibilityInformation = { label: `Runs Explorer: ${said}` };
    this.item.backgroundColor = needsInput ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
