import * as assert from 'assert';
import { inertText } from '../../../src/ui/inertText';

describe('ui inertText (server text in notifications)', () => {
  it('breaks Markdown link syntax so VS Code renders no link (command: URIs included)', () => {
    assert.strictEqual(inertText('[Open a terminal](command:workbench.action.terminal.new)'), '[Open a terminal] (command:workbench.action.terminal.new)');
    assert.strictEqual(inertText('a [x] (y) b ![i](https://e/p.png) [z]  (command:q)'), 'a [x] (y) b ![i] (https://e/p.png) [z] (command:q)');
    assert.strictEqual(inertText('plain text, [brackets] and (parens)'), 'plain text, [brackets] and (parens)');
  });
});
