import * as vscode from 'vscode';
import { errorMessage, type Logger } from '../../core';
import type { Services } from '../services';
import { targetBackendId, targetRuns } from './nodeArgs';
import { registerCommand } from './registry';

const SCHEME = 'runs-explorer-run';

/** Read-only JSON view of a run (the run panel of a later milestone replaces it). */
class RunDocumentProvider implements vscode.TextDocumentContentProvider {
  readonly texts = new Map<string, string>();
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: errorMessage(e) };
  }
}

export function registerPanelCommands(services: Services, log: Logger): vscode.Disposable[] {
  const docs = new RunDocumentProvider();
  return [
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, docs),
    registerCommand('runsExplorer.openRun', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const run = await backend.getRun(target.run);
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${run.backendId}/${run.runId}.json` });
      docs.texts.set(uri.toString(), JSON.stringify(run.raw, null, 2));
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { preview: true });
    }, log),
    registerCommand('runsExplorer.createRun', async (...args) => {
      let backendId = targetBackendId(services, args);
      if (!backendId) {
        const picked = await vscode.window.showQuickPick(services.profiles.profiles.map((p) => ({ label: p.label, description: p.kind, id: p.id })), { title: 'Create Run', placeHolder: 'On which backend?' });
        backendId = picked?.id;
      }
      const backend = backendId ? services.backends.get(backendId) : undefined;
      if (!backend) return;
      const template = await backend.createRunTemplate();
      const doc = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(template, null, 2) });
      await vscode.window.showTextDocument(doc);
      const go = await vscode.window.showInformationMessage(`Edit the run body for ${backend.profile.label}, then choose Create.`, 'Create');
      if (go !== 'Create') return;
      const parsed = parseJson(doc.getText());
      if (!parsed.ok) throw new Error(`The run body is not valid JSON: ${parsed.error}. Nothing was sent; the text stays in the editor.`);
      const ref = await backend.createRun({ body: parsed.value });
      services.tree.refresh();
      void vscode.window.showInformationMessage(`Created run ${ref.runId} on ${backend.profile.label}.`);
    }, log),
    registerCommand('runsExplorer.resumeRun', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const interrupt = await backend.getInterrupt(target.run);
      if (!interrupt) {
        void vscode.window.showInformationMessage(`${target.run.name} is not waiting for input.`);
        return;
      }
      const text = await vscode.window.showInputBox({
        title: `Resume ${target.run.name}`,
        prompt: `The run asks: ${JSON.stringify(interrupt.payload).slice(0, 200)}. Answer with JSON.`,
        validateInput: (v) => {
          const p = parseJson(v);
          return p.ok ? undefined : `Not valid JSON: ${p.error}`;
        },
        ignoreFocusOut: true,
      });
      if (text === undefined) return;
      const parsed = parseJson(text);
      if (!parsed.ok) return;
      await backend.resume(target.run, parsed.value);
      services.tree.refresh();
    }, log),
    registerCommand('runsExplorer.exportOutput', async (...args) => {
      const [target] = targetRuns(services, args);
      const backend = target && services.backends.get(target.run.backendId);
      if (!target || !backend) return;
      const uri = await vscode.window.showSaveDialog({ saveLabel: 'Export', filters: { 'JSON Lines': ['jsonl'] }, defaultUri: vscode.Uri.file(`${target.run.runId}.jsonl`) });
      if (!uri) return;
      const run = await backend.getRun(target.run);
      const lines = [JSON.stringify({ type: 'run', time: new Date().toISOString(), data: run.raw })];
      if (run.capabilities.logs) {
        try {
          lines.push(JSON.stringify({ type: 'log', time: new Date().toISOString(), data: await backend.getLog(run) }));
        } catch (e) {
          lines.push(JSON.stringify({ type: 'log-unavailable', time: new Date().toISOString(), data: errorMessage(e) }));
        }
      }
      await vscode.workspace.fs.writeFile(uri, Buffer.from(lines.join('\n') + '\n', 'utf8'));
    }, log),
  ];
}
