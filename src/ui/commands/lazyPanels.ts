import * as path from 'path';
import * as vscode from 'vscode';
import type { RunPanelManager } from '../panel/panelManager';
import { VIEW_TYPE } from '../panel/viewType';

/**
 * The panel manager, loaded from its own bundle (dist/panel.js) when a panel is first opened or restored:
 * activation does not compile the panels and their JSON-schema validator. Only the serializer is
 * registered up front (VS Code needs it before it restores panels after a reload).
 */
export class LazyPanels implements vscode.Disposable {
  private loaded: RunPanelManager | undefined;

  constructor(private readonly create: (Manager: typeof RunPanelManager) => RunPanelManager, private readonly extensionPath: string) {}

  get manager(): RunPanelManager {
    if (!this.loaded) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const bundle = require(path.join(this.extensionPath, 'dist', 'panel.js')) as { RunPanelManager: typeof RunPanelManager };
      this.loaded = this.create(bundle.RunPanelManager);
    }
    return this.loaded;
  }

  registerSerializer(): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => {
        this.manager.restore(panel, state);
      },
    });
  }

  dispose(): void {
    this.loaded?.dispose();
  }
}
