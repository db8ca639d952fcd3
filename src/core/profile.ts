/** The kinds of backend Runs Explorer speaks to. */
export const BACKEND_KINDS = ['kfp', 'ica', 'acp', 'agent-protocol', 'langgraph'] as const;
export type BackendKind = (typeof BACKEND_KINDS)[number];

export function isBackendKind(value: unknown): value is BackendKind {
  return typeof value === 'string' && (BACKEND_KINDS as readonly string[]).includes(value);
}

/** A configured backend, as stored in the `runsExplorer.backends` setting (never holds secrets). */
export interface BackendProfile {
  readonly id: string;
  readonly label: string;
  readonly kind: BackendKind;
  readonly baseUrl: string;
  /** KFP namespace, when the server is multi-user. */
  readonly namespace?: string;
  /** KFP: limit the tree to one experiment. */
  readonly experimentId?: string;
  /** ACP / Agent Protocol: default agent. */
  readonly agentId?: string;
  /** LangGraph: default assistant (graph id or assistant id). */
  readonly assistantId?: string;
  /** Where runs can be opened in a browser (KFP UI, ICA console, LangGraph Studio). */
  readonly uiUrl?: string;
  /** Accept self-signed certificates for this backend only. */
  readonly tlsInsecure?: boolean;
}

/** Secrets are fetched on demand from the host's secret store; backends never see where they live. */
export interface CredentialsProvider {
  /** The token or API key for a profile, or undefined when none is stored. */
  get(profileId: string): Promise<string | undefined>;
}
