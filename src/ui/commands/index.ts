import type * as vscode from 'vscode';
import type { Services } from '../services';
import { registerShowActiveRuns } from './activeRuns';
import { registerBackendCommands } from './backendCommands';
import { registerPanelCommands } from './panelCommands';
import { registerRunCommands } from './runCommands';
import { registerSandboxCommands } from './sandboxCommands';
import { registerViewCommands } from './viewCommands';

/** Every command of package.json `contributes.commands` is registered here (a test checks both ways). */
export function registerAllCommands(services: Services): vscode.Disposable[] {
  const log = services.log;
  return [
    ...registerBackendCommands(services, log),
    ...registerViewCommands(services, log),
    ...registerRunCommands(services, log),
    ...registerPanelCommands(services, log),
    ...registerSandboxCommands(services, log),
    registerShowActiveRuns(services, log),
  ];
}
