import * as vscode from 'vscode';
import { BackendError, errorMessage, KIND_INFO, type BackendKind } from '../../core';
import { prettyJson } from '../../shared/jsonText';
import type { WebviewMessage } from '../../shared/protocol';
import { checkJsonText, usableSchema } from '../../shared/schema';
import { PanelBase, type PanelDeps } from './panelBase';

/** What each kind's run body is, shown above the editor (a function: translated when shown, not when the module loads). */
const hints = (): Readonly<Record<BackendKind, string>> => ({
  kfp: vscode.l10n.t('A KFP v2beta1 run: display_name, experiment_id (optional), pipeline_version_reference {pipeline_id, pipeline_version_id}, runtime_config.parameters as JSON.'),
  ica: vscode.l10n.t('An ICA task run body (POST /v1/taskRuns): name, execution {image, command, args, inputs, outputs, environment}.'),
  acp: vscode.l10n.t('An ACP run (POST /runs): agent_id from the server\'s agents, input and config as the agent descriptor\'s schemas say, streaming "values" or "custom" to stream.'),
  'agent-protocol': vscode.l10n.t('An Agent Protocol run: agent_id, thread_id (optional), input, stream_mode, and run_mode (not sent): "background" (POST /runs), "stream" (POST /runs/stream) or "wait" (POST /runs/wait); then the panel follows the run.'),
  langgraph: vscode.l10n.t('A LangGraph run: assistant_id (or graph id), thread_id (optional: a new thread is created otherwise), input, stream_mode.'),
});

/**
 * Create Run: a JSON editor prefilled from the backend's form (or template), checked against the form's
 * schema in the webview and again here before `createRun`; after creation the run's own panel opens.
 */
export class CreatePanel extends PanelBase {
  private template: string | undefined;
  private templateError: string | undefined;
  private schema: Readonly<Record<string, unknown>> | undefined;

  constructor(
    panel: vscode.WebviewPanel,
    deps: PanelDeps,
    readonly backendId: string,
    /** Answers to the form's choices (agent, assistant, experiment, run mode) that prefill the template. */
    private readonly picks: Readonly<Record<string, string>> = {},
  ) {
    super(panel, deps, { mode: 'create', backendId });
    void this.loadTemplate();
  }

  /** The schema the body is checked against (undefined while loading or when the backend has none). */
  get bodySchema(): Readonly<Record<string, unknown>> | undefined {
    return this.schema;
  }

  private async loadTemplate(): Promise<void> {
    try {
      const backend = this.backendOrThrow(this.backendId);
      if (backend.createRunForm) {
        try {
          const form = await backend.createRunForm({ picks: this.picks, signal: this.signal });
          if (usableSchema(form.schema) && typeof form.schema === 'object') this.schema = form.schema;
          this.template = prettyJson(form.template);
        } catch (e) {
          if (this.signal.aborted) return;
          this.deps.log.warn(`Create Run: no form from ${backend.profile.label} (${errorMessage(e)}); the body is checked by the server only`);
        }
      }
      if (this.template === undefined) this.template = prettyJson(await backend.createRunTemplate(this.signal));
    } catch (e) {
      if (this.signal.aborted) return;
      this.templateError = errorMessage(e);
      this.template = '{}';
    }
    if (this.ready) await this.onReady();
  }

  protected async onReady(): Promise<void> {
    const backend = this.deps.backend(this.backendId);
    if (!backend) {
      this.post({ type: 'error', text: vscode.l10n.t('The backend "{0}" is no longer configured.', this.backendId) });
      return;
    }
    if (this.template === undefined) return; // sent when the template arrives
    const kind = backend.profile.kind;
    this.post({
      type: 'init',
      mode: 'create',
      backendId: this.backendId,
      backendLabel: backend.profile.label,
      kind,
      template: this.template,
      ...(this.schema ? { schema: this.schema } : {}),
      // Whole sentences, joined: none is assembled from fragments.
      hint: [vscode.l10n.t('{0}.', KIND_INFO[kind].title), hints()[kind], ...(this.schema ? [vscode.l10n.t('The body is checked against the server\'s schema before it is sent.')] : [])].join(' '),
      ...this.l10nInit(),
    });
    if (this.templateError) this.post({ type: 'error', text: vscode.l10n.t('No template from the server ({0}); write the body by hand.', this.templateError) });
  }

  protected async onRequest(message: Exclude<WebviewMessage, { type: 'ready' | 'log' }>): Promise<void> {
    if (message.type !== 'create') throw new BackendError('rejected', vscode.l10n.t('"{0}" is not available while creating a run.', message.type));
    // The webview checked the body already; this second check keeps anything invalid from reaching the server.
    const checked = checkJsonText(message.text, this.schema);
    if (!checked.ok) throw new BackendError('rejected', checked.problems.map((p) => p.message).join('\n'));
    if (typeof checked.value !== 'object' || checked.value === null || Array.isArray(checked.value)) throw new BackendError('rejected', vscode.l10n.t('The run body must be a JSON object.'));
    const ref = await this.backendOrThrow(this.backendId).createRun({ body: checked.value, signal: this.signal });
    this.reply(message.requestId, { runId: ref.runId });
    this.deps.refreshTree();
    this.deps.openRun(ref);
    this.dispose();
  }
}
