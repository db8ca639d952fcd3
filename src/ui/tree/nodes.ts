import type { BackendNode, BackendProfile } from '../../core';

/** What the Runs tree holds: backend roots, backend-described nodes, Load more..., and messages. */
export type TreeNode = BackendRootNode | ItemNode | LoadMoreNode | MessageNode;

export interface BackendRootNode {
  readonly type: 'backend';
  readonly id: string;
  readonly profile: BackendProfile;
}

export interface ItemNode {
  readonly type: 'item';
  readonly id: string;
  readonly backendId: string;
  readonly node: BackendNode;
}

export interface LoadMoreNode {
  readonly type: 'more';
  readonly id: string;
  readonly backendId: string;
  /** The list node whose next page this loads. */
  readonly parentId: string;
}

export interface MessageNode {
  readonly type: 'message';
  readonly id: string;
  readonly backendId: string;
  readonly text: string;
  readonly detail?: string;
  readonly severity: 'info' | 'warning' | 'error';
  /** Offer Set Credentials (401/403) next to Retry. */
  readonly auth?: boolean;
}

export const backendNodeId = (profileId: string): string => `backend:${profileId}`;
export const itemNodeId = (profileId: string, key: string): string => `${profileId}/${key}`;
