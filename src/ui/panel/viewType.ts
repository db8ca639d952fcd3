/** The run panel's webview type (package.json `onWebviewPanel:` activation and the serializer). */
export const VIEW_TYPE = 'runsExplorer.run';
