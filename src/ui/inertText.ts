/**
 * Text that came from a server (run names, error messages), made safe for a notification or dialog.
 * VS Code turns `[label](target)` in a notification message into a clickable link, and `command:`
 * targets run commands; breaking the `](` pair keeps the text readable and never a link.
 */
export function inertText(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
