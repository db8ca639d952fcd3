// LangGraph Create Run form against the real LangGraph API server: assistant_id from the assistants
// search (ids and graph ids), thread new or existing, input.
import * as assert from 'assert';
import { LangGraphBackend } from '../../../../src/backends/langgraph';
import { NULL_LOGGER, type CreateRunForm } from '../../../../src/core';
import { assertFailsAt, assertTemplateValid, problems, withField } from '../createFormCheck';
import { startLangGraph, type LangGraphServer } from './server';

describe('LangGraph Create Run form (real server)', function () {
  this.timeout(60_000);
  let server: LangGraphServer;
  let backend: LangGraphBackend;
  let form: CreateRunForm;
  let threadId: string;

  before(async function () {
    this.timeout(90_000);
    server = await startLangGraph();
    backend = new LangGraphBackend({ id: 'lg', label: 'LG', kind: 'langgraph', baseUrl: server.url }, { credentials: { get: async () => undefined }, log: NULL_LOGGER, timeoutMs: 15_000 });
    threadId = (await backend.client.createThread({ metadata: {} })).thread_id;
    form = await backend.createRunForm();
  });
  after(async () => {
    backend?.dispose();
    await server?.close();
  });

  it('restricts assistant_id to the assistants and offers a new or an existing thread; the template passes', async () => {
    const ids = ((form.schema['properties'] as Record<string, Record<string, unknown>>)['assistant_id']['enum'] as string[]) ?? [];
    assert.ok(ids.includes('chunky'), JSON.stringify(ids));
    assertTemplateValid(form);
    assert.strictEqual((form.template as Record<string, unknown>)['thread_id'], undefined, 'a new thread by default');
    const thread = form.choices.find((c) => c.key === 'thread_id');
    assert.ok(thread);
    assert.strictEqual(thread.options[0].value, '');
    assert.ok(thread.options.some((o) => o.value === threadId));
    const picked = await backend.createRunForm({ picks: { thread_id: threadId } });
    assert.strictEqual((picked.template as Record<string, unknown>)['thread_id'], threadId);
    assertTemplateValid(picked);
  });

  it('fails broken bodies at the value', () => {
    assertFailsAt(form, withField(form.template, ['assistant_id'], 'no-such-graph'), '/assistant_id');
    assertFailsAt(form, withField(form.template, ['assistant_id'], undefined), '', /assistant_id/);
    assertFailsAt(form, withField(form.template, ['thread_id'], 'abc'), '/thread_id', /uuid/);
    assertFailsAt(form, withField(form.template, ['stream_mode'], ['values', 'bogus']), '/stream_mode/1');
    assertFailsAt(form, withField(form.template, ['multitask_strategy'], 'queue'), '/multitask_strategy');
  });

  it('a valid body runs on a new thread, and on the picked thread', async () => {
    const body = withField(form.template, ['input'], { text: 'hi' });
    assert.deepStrictEqual(problems(form, body), []);
    const fresh = await backend.createRun({ body });
    assert.ok(fresh.threadId && fresh.threadId !== threadId);
    const onThread = await backend.createRun({ body: { ...body, thread_id: threadId } });
    assert.strictEqual(onThread.threadId, threadId);
  });
});
