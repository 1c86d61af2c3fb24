// Shapes of the design store's rows and changes (design-store.ts re-exports them).
import type { FlowDocument } from '../../flow/flow-document';

export interface FlowRow {
  id: string;
  workspaceId: string;
  name: string;
  templateId: string | null;
  templateVersion: number | null;
  draft: FlowDocument;
  state: 'started' | 'stopped';
  updatedAt: string;
  /** Bumped by every save (two people editing: a save from an older revision is refused). */
  revision: number;
  updatedBy: string | null;
}

/** A save based on a revision someone else has since replaced (issue 14: nothing silently overwritten). */
export class StaleDraftError extends Error {
  constructor(
    readonly by: string,
    readonly at: string,
    readonly revision: number,
  ) {
    super(`This flow was changed by ${by} at ${at} since you opened it.`);
  }
}

export interface NewConnection {
  id: string;
  workspaceId: string;
  kind: string;
  name: string;
  settings: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

/** A connection created, changed or deleted: the run store's connection vault copies it (server/design/vault-sync.ts). */
export type ConnectionChange =
  { kind: 'put'; connection: NewConnection } | { kind: 'delete'; workspaceId: string; id: string };
