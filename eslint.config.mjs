// Lint rules, including the layering "nevers" of the architecture (README, Architecture): a layering
// break is a lint error, so it fails `npm test`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const KINDS = ['kfp', 'ica', 'acp', 'agent-protocol', 'langgraph'];
const NODE_BUILTINS = ['assert', 'buffer', 'child_process', 'crypto', 'events', 'fs', 'fs/promises', 'http', 'https', 'net', 'os',
  'path', 'stream', 'tls', 'url', 'util', 'zlib', 'worker_threads'];

const noVscode = { name: 'vscode', message: 'This layer runs in plain Node: it never imports vscode (DESIGN section 2).' };

/** no-restricted-imports for a folder; `patterns` are gitignore-style groups. */
const restrict = (files, paths, patterns = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test-results/**', 'bench/tmp/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs}', 'test/**/*.{js,mjs}', '*.mjs', '.vscode-test.*'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', URL: 'readonly', fetch: 'readonly', AbortController: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  // core, http, sandbox: plain Node, no vscode.
  restrict(['src/core/**/*.ts'], [noVscode], [
    { group: [...['http', 'backends', 'ui', 'sandbox', 'webview'].flatMap((l) => [`**/${l}`, `**/${l}/**`]), 'node-fetch'], message: 'core is the domain: it depends on no other layer.' },
  ]),
  restrict(['src/http/**/*.ts'], [noVscode], [
    { group: ['backends', 'ui', 'sandbox', 'webview'].flatMap((l) => [`**/${l}`, `**/${l}/**`]), message: 'http is transport: it knows no backend kind and no UI.' },
  ]),
  restrict(['src/sandbox/**/*.ts'], [noVscode], [
    { group: ['**/ui', '**/ui/**', '**/webview', '**/webview/**'], message: 'The sandbox runs standalone: no UI imports.' },
  ]),
  // backends/<a> never imports backends/<b>.
  ...KINDS.map((kind) => restrict([`src/backends/${kind}/**/*.ts`], [noVscode], [
    { group: KINDS.filter((k) => k !== kind).flatMap((k) => [`../${k}`, `../${k}/**`, `**/backends/${k}`, `**/backends/${k}/**`]), message: `backends/${kind} never imports another kind: shared code lives in http or core.` },
    { group: ['**/ui', '**/ui/**', '**/webview', '**/webview/**', '**/sandbox', '**/sandbox/**'], message: 'Backends know nothing of the UI or the sandbox.' },
  ])),
  restrict(['src/backends/*.ts'], [noVscode]),
  // webview: browser only, talks through the typed protocol.
  restrict(['src/webview/**/*.ts'], [noVscode, ...NODE_BUILTINS.map((name) => ({ name, message: 'The webview runs in a browser: no Node modules.' }))], [
    { group: ['node:*'], message: 'The webview runs in a browser: no Node modules.' },
    { group: ['core', 'http', 'backends', 'ui', 'sandbox'].flatMap((l) => [`**/${l}`, `**/${l}/**`]), message: 'The webview talks to the extension only through src/shared/protocol.' },
  ]),
  // ui never builds an HTTP request itself: it calls the Backend interface.
  ...(() => {
    const uiPaths = [
      { name: 'node-fetch', message: 'ui never builds an HTTP request: call the Backend interface.' },
      { name: 'http', message: 'ui never builds an HTTP request: call the Backend interface.' },
      { name: 'https', message: 'ui never builds an HTTP request: call the Backend interface.' },
    ];
    const uiPatterns = [{ group: ['**/http', '**/http/**', '**/backends/*/**'], message: 'ui never builds an HTTP request: call the Backend interface.' }];
    return [
      restrict(['src/ui/**/*.ts'], uiPaths, uiPatterns),
      // The panels are a bundle of their own (dist/panel.js): module state of the extension bundle
      // (context keys and their listeners) would be a second copy there. It comes in through PanelDeps.
      restrict(['src/ui/panel/**/*.ts'], uiPaths, [...uiPatterns, { group: ['../contextKeys', '**/ui/contextKeys'], message: 'ui/panel is bundled apart (dist/panel.js): take what it needs from PanelDeps, not from extension-bundle modules with state.' }]),
    ];
  })(),
  // shared protocol is imported by both sides: no vscode, no node.
  restrict(['src/shared/**/*.ts'], [noVscode, ...NODE_BUILTINS.map((name) => ({ name, message: 'Shared with the browser: no Node modules.' }))]),
);
