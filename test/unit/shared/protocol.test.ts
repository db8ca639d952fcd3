import * as assert from 'assert';
import { MAX_INPUT_CHARS, PANEL_ACTIONS, parsePanelState, parseWebviewMessage, requestIdOf, targetKey, WEBVIEW_VALIDATORS } from '../../../src/shared/protocol';

const ok = (value: unknown) => {
  const r = parseWebviewMessage(value);
  assert.ok(r.ok, `expected ${JSON.stringify(value)} to validate: ${r.ok ? '' : r.reason}`);
  return r.message;
};
const refused = (value: unknown, reason?: RegExp) => {
  const r = parseWebviewMessage(value);
  assert.ok(!r.ok, `expected ${JSON.stringify(value)?.slice(0, 100)} to be refused`);
  if (reason) assert.match(r.reason, reason);
};

describe('shared: webview -> extension message validators', () => {
  it('has one validator per message type', () => {
    assert.deepStrictEqual(Object.keys(WEBVIEW_VALIDATORS).sort(), ['action', 'copy', 'create', 'export', 'loadTasks', 'log', 'ready', 'resume', 'taskLog']);
  });

  it('accepts each well-formed message', () => {
    assert.deepStrictEqual(ok({ type: 'ready' }), { type: 'ready' });
    assert.deepStrictEqual(ok({ type: 'log', level: 'warn', text: 'x' }), { type: 'log', level: 'warn', text: 'x' });
    for (const action of PANEL_ACTIONS) assert.deepStrictEqual(ok({ type: 'action', requestId: 'r1', action }), { type: 'action', requestId: 'r1', action });
    assert.deepStrictEqual(ok({ type: 'resume', requestId: 'r2', text: '{}' }), { type: 'resume', requestId: 'r2', text: '{}' });
    assert.deepStrictEqual(ok({ type: 'create', requestId: 'r3', text: '{}' }), { type: 'create', requestId: 'r3', text: '{}' });
    assert.deepStrictEqual(ok({ type: 'export', requestId: 'r4' }), { type: 'export', requestId: 'r4' });
    assert.deepStrictEqual(ok({ type: 'copy', requestId: 'r5', text: 'abc' }), { type: 'copy', requestId: 'r5', text: 'abc' });
    assert.deepStrictEqual(ok({ type: 'taskLog', requestId: 'r6', taskId: 't-1' }), { type: 'taskLog', requestId: 'r6', taskId: 't-1' });
    assert.deepStrictEqual(ok({ type: 'loadTasks', requestId: 'r7' }), { type: 'loadTasks', requestId: 'r7' });
  });

  it('refuses unknown and malformed messages with a reason for the log', () => {
    refused(null, /not an object/);
    refused('ready', /not an object/);
    refused([{ type: 'ready' }], /not an object/);
    refused({}, /no type/);
    refused({ type: 'fetch', url: 'https://evil.example/' }, /unknown type/);
    refused({ type: 'runCommand', command: 'workbench.action.terminal.new' }, /unknown type/);
    refused({ type: '__proto__' }, /unknown type/);
    refused({ type: 'toString' }, /unknown type/);
    refused({ type: 'log', level: 'debug', text: 'x' }, /level/);
    refused({ type: 'action', requestId: 'r1', action: 'executeCommand' }, /unknown action/);
    refused({ type: 'action', requestId: 'r1' }, /unknown action/);
    refused({ type: 'action', action: 'cancel' }, /requestId/);
    refused({ type: 'action', requestId: 'has spaces', action: 'cancel' }, /requestId/);
    refused({ type: 'action', requestId: 'x'.repeat(65), action: 'cancel' }, /requestId/);
    refused({ type: 'resume', requestId: 'r', text: 42 }, /text/);
    refused({ type: 'resume', requestId: 'r', text: 'x'.repeat(MAX_INPUT_CHARS + 1) }, /text/);
    refused({ type: 'taskLog', requestId: 'r', taskId: '' }, /taskId/);
    // The webview never names a backend, run, URL or command: extra fields are refused.
    refused({ type: 'action', requestId: 'r', action: 'cancel', runId: 'other-run' }, /unexpected field/);
    refused({ type: 'export', requestId: 'r', path: '/etc/passwd' }, /unexpected field/);
    refused({ type: 'ready', url: 'https://x' }, /unexpected field/);
  });

  it('cuts log text from the webview', () => {
    const m = ok({ type: 'log', level: 'info', text: 'y'.repeat(5000) });
    assert.strictEqual(m.type === 'log' && m.text.length, 2000);
  });

  it('finds the request id of a refused request, so it can be answered', () => {
    assert.strictEqual(requestIdOf({ type: 'zzz', requestId: 'r9' }), 'r9');
    assert.strictEqual(requestIdOf({ type: 'zzz', requestId: '<bad>' }), undefined);
    assert.strictEqual(requestIdOf(undefined), undefined);
  });
});

describe('shared: panel state (what the serializer restores)', () => {
  it('keeps a run target and the user\'s drafts, nothing else', () => {
    const s = parsePanelState({ v: 1, target: { mode: 'run', backendId: 'b', runId: 'r', threadId: 't', token: 'secret' }, tab: 'resume', follow: false, draft: '{}', apiKey: 'k' });
    assert.deepStrictEqual(s, { v: 1, target: { mode: 'run', backendId: 'b', runId: 'r', threadId: 't' }, tab: 'resume', follow: false, draft: '{}' });
  });

  it('keeps a create target', () => {
    assert.deepStrictEqual(parsePanelState({ v: 1, target: { mode: 'create', backendId: 'b' } }), { v: 1, target: { mode: 'create', backendId: 'b' } });
  });

  it('refuses state it cannot trust', () => {
    for (const bad of [undefined, null, 'x', {}, { v: 2, target: { mode: 'run', backendId: 'b', runId: 'r' } }, { v: 1, target: { mode: 'run', backendId: 'b' } }, { v: 1, target: { mode: 'run', backendId: '', runId: 'r' } }, { v: 1, target: { mode: 'other', backendId: 'b' } }, { v: 1, target: { mode: 'run', backendId: 'b', runId: 'r', threadId: 5 } }]) {
      assert.strictEqual(parsePanelState(bad), undefined, JSON.stringify(bad));
    }
  });

  it('drops a bad tab or draft but keeps the target', () => {
    assert.deepStrictEqual(parsePanelState({ v: 1, target: { mode: 'create', backendId: 'b' }, tab: 'evil', draft: 5, follow: 'yes' }), { v: 1, target: { mode: 'create', backendId: 'b' } });
  });

  it('keys panels: one per run, one create panel per backend', () => {
    assert.strictEqual(targetKey({ mode: 'run', backendId: 'b', runId: 'r', threadId: 't' }), targetKey({ mode: 'run', backendId: 'b', runId: 'r' }));
    assert.notStrictEqual(targetKey({ mode: 'run', backendId: 'b', runId: 'r' }), targetKey({ mode: 'run', backendId: 'b2', runId: 'r' }));
    assert.notStrictEqual(targetKey({ mode: 'create', backendId: 'b' }), targetKey({ mode: 'run', backendId: 'b', runId: '' }));
  });
});
