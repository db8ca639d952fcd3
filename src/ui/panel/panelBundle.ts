// Entry of dist/panel.js: the run panel's extension side (and its JSON-schema checks), required when the
// first panel opens or is restored, not at activation (src/ui/commands/lazyPanels.ts).
export { RunPanelManager } from './panelManager';
