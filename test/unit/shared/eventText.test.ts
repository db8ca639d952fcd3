import * as assert from 'assert';
import { TextEvent } from '../../../src/core';
import { eventData, parseEventText } from '../../../src/shared/eventText';
import { eventView, exportLine } from '../../../src/ui/panel/views';

describe('shared: event text (streamed events travel as text, parsed when shown)', () => {
  it('parses JSON, keeps other text marked malformed, and blank text as is', () => {
    assert.deepStrictEqual(parseEventText('{"a":[1]}'), { data: { a: [1] }, malformed: false });
    assert.deepStrictEqual(parseEventText('<html>oops'), { data: '<html>oops', malformed: true });
    assert.deepStrictEqual(parseEventText('  '), { data: '  ', malformed: false });
  });

  it('a streamed event reaches the panel as the text the server sent, with no data field', () => {
    const view = eventView(7, new TextEvent('agent_event', '{"step": 1}', '42', new Date('2026-01-01T00:00:00Z')));
    assert.deepStrictEqual(view, { seq: 7, id: '42', type: 'agent_event', time: '2026-01-01T00:00:00.000Z', text: '{"step": 1}' });
    assert.deepStrictEqual(eventData(view), { data: { step: 1 }, malformed: false });
  });

  it('an event built by a backend (polled logs, gaps) keeps its data and malformed flag', () => {
    const view = eventView(0, { type: 'stdout', time: new Date(0), data: { text: 'hi' } });
    assert.deepStrictEqual(eventData(view), { data: { text: 'hi' }, malformed: false });
    assert.strictEqual(view.text, undefined);
  });

  it('parses a text event once, and Export Output writes parsed data and the malformed mark', () => {
    const good = eventView(1, new TextEvent('values', '{"n":1}', '1', new Date(0)));
    assert.strictEqual(eventData(good), eventData(good), 'the parse is remembered');
    assert.deepStrictEqual(JSON.parse(exportLine(good)), { seq: 1, id: '1', type: 'values', time: '1970-01-01T00:00:00.000Z', data: { n: 1 } });
    const bad = eventView(2, new TextEvent('values', 'not json {', undefined, new Date(0)));
    assert.deepStrictEqual(JSON.parse(exportLine(bad)), { seq: 2, type: 'values', time: '1970-01-01T00:00:00.000Z', data: 'not json {', malformed: true });
  });
});
