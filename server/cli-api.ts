// What the CLI asks of a Weft, whether it goes through a running one (HTTP, cli-http.ts)
// or starts the stores itself: its own file, so the CLI's modules do not import each other.
import type { RunSnapshot } from '../engine';
import type { ConnectionTestResult } from '../nodes/define-connection';
import type { ConnectionInput } from './connections/connection-input';
import type { SavedConnection } from './connections/connection-service';
import type { ConnectionSummary } from './services';

export interface RunApi {
  flowExists(id: string): Promise<boolean>;
  template(id: string): Promise<unknown | null>;
  /** A saved flow's draft, or null. */
  flowDraft(id: string): Promise<unknown | null>;
  importDocument(id: string, document: unknown): Promise<{ id: string; problems: { message: string }[] }>;
  startRun(flowId: string, opts?: { dryRun?: boolean }): Promise<string>;
  getRun(runId: string): Promise<RunSnapshot>;
}

export interface ConnectionApi {
  list(): Promise<ConnectionSummary[]>;
  create(input: ConnectionInput): Promise<SavedConnection>;
  test(id: string): Promise<ConnectionTestResult>;
}
