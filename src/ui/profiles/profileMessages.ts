import * as vscode from 'vscode';
import type { ProfileProblem, UrlProblem } from './validateProfile';

/** What the Add Backend input box says about a base URL (translated). */
export function urlProblemText(problem: UrlProblem): string {
  switch (problem.code) {
    case 'not-a-url':
      return vscode.l10n.t('Not a URL: enter something like {0}', 'http://localhost:8080/');
    case 'bad-scheme':
      return vscode.l10n.t('Use http:// or https://, not {0}//', problem.scheme);
    case 'credentials':
      return vscode.l10n.t('Do not put credentials in the URL: use Set Credentials (kept in the OS secret store).');
  }
}

/** Why an entry of `runsExplorer.backends` is ignored (translated). */
export function profileProblemText(problem: ProfileProblem): string {
  switch (problem.code) {
    case 'not-an-object':
      return vscode.l10n.t('an entry is not an object');
    case 'bad-id':
      return vscode.l10n.t('"id" must be letters, digits, ".", "_" or "-" (got {0})', problem.got);
    case 'unknown-kind':
      return vscode.l10n.t('backend "{0}": unknown kind {1}', problem.id, problem.got);
    case 'missing-url':
      return vscode.l10n.t('backend "{0}": missing "baseUrl"', problem.id);
    case 'bad-url':
      return vscode.l10n.t('backend "{0}": {1}', problem.id, urlProblemText(problem.problem));
    case 'not-an-array':
      return vscode.l10n.t('runsExplorer.backends must be an array');
    case 'duplicate-id':
      return vscode.l10n.t('backend id "{0}" is used twice; the second is ignored', problem.id);
  }
}
