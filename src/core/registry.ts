import type { Backend } from './backend';
import type { Logger } from './logger';
import type { BackendKind, BackendProfile, CredentialsProvider } from './profile';

/** What every backend gets from the host. */
export interface BackendDeps {
  readonly credentials: CredentialsProvider;
  readonly log: Logger;
  /** Per-request timeout. */
  readonly timeoutMs: number;
  /** Extra CA certificates (PEM file contents), when the user set one. */
  readonly ca?: string;
  /** Silence after which a live event stream is checked (default STREAM_IDLE_MS); tests shorten it. */
  readonly streamIdleMs?: number;
}

export type BackendFactory = (profile: BackendProfile, deps: BackendDeps) => Backend;

/** Kind -> factory, loaded on first use so activation stays cheap. */
export type BackendRegistry = Readonly<Record<BackendKind, () => BackendFactory>>;

export interface KindInfo {
  readonly kind: BackendKind;
  readonly title: string;
  /** Codicon id shown on the backend node. */
  readonly icon: string;
  readonly credentialLabel: string;
  readonly baseUrlExample: string;
}

export const KIND_INFO: Readonly<Record<BackendKind, KindInfo>> = {
  kfp: { kind: 'kfp', title: 'Kubeflow Pipelines', icon: 'circuit-board', credentialLabel: 'Bearer token', baseUrlExample: 'http://localhost:8080/' },
  ica: { kind: 'ica', title: 'Illumina Connected Analytics', icon: 'beaker', credentialLabel: 'API key', baseUrlExample: 'https://ica.illumina.com/ica/rest/' },
  acp: { kind: 'acp', title: 'Agent Connect Protocol', icon: 'hubot', credentialLabel: 'API key', baseUrlExample: 'http://localhost:8000/' },
  'agent-protocol': { kind: 'agent-protocol', title: 'Agent Protocol', icon: 'robot', credentialLabel: 'API key', baseUrlExample: 'http://localhost:8000/' },
  langgraph: { kind: 'langgraph', title: 'LangGraph Platform', icon: 'type-hierarchy', credentialLabel: 'API key (x-api-key)', baseUrlExample: 'http://localhost:2024/' },
};
