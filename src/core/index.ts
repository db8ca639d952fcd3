// The domain layer: what the UI and the backends share. No vscode, no HTTP.
export * from './backend';
export * from './capabilities';
export * from './errors';
export * from './logger';
export * from './model';
export * from './paging';
export * from './profile';
export * from './registry';
export * from './refreshSchedule';
export * from './runStatus';
export * from './eventStream';
export * from './offsetPaging';
export * from './createForm';
export * from './textEvent';
