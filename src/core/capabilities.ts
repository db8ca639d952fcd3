/** What a run allows right now; computed by each kind's adapter from its kind and state. */
export interface Capabilities {
  readonly cancel: boolean;
  readonly retry: boolean;
  readonly archive: boolean;
  readonly unarchive: boolean;
  readonly delete: boolean;
  readonly resume: boolean;
  readonly stream: boolean;
  readonly wait: boolean;
  readonly logs: boolean;
  readonly tasks: boolean;
}

export type Capability = keyof Capabilities;

export const NO_CAPABILITIES: Capabilities = Object.freeze({
  cancel: false,
  retry: false,
  archive: false,
  unarchive: false,
  delete: false,
  resume: false,
  stream: false,
  wait: false,
  logs: false,
  tasks: false,
});

export function capabilities(flags: Partial<Capabilities>): Capabilities {
  return { ...NO_CAPABILITIES, ...flags };
}

/** Names of the capabilities that are on, in a stable order (used for composite context values). */
export function enabledCapabilities(caps: Capabilities): Capability[] {
  return (Object.keys(NO_CAPABILITIES) as Capability[]).filter((k) => caps[k]);
}
