// What the CLI asks of a Weft, whether it goes through a running one (HTTP, cli-http.ts)
// or starts the stores itself: its own file, so the CLI's modules do not import each other.
import type { RunSnapshot } from '../engine';
import type { ConnectionTestResult } from '../nodes/define-connection';
import type { ConnectionInput } from './connections/connection-input';
import type { SavedConnection } from './connections/connection-service';
import type { ConnectionSummary } from './services';

/** `weft run --utility …`: a utility run of the flow (seed §6.1) instead of a plain one. */
export interface UtilityRequest {
  kind: 'binding' | 'bulk-load' | 'single';
  from?: string;
  to?: string;
  batchSize?: number;
  slices?: number;
  /** A single run of one record: its QuickBooks Id / ListID / TxnID or Creatio Id. */
  record?: string;
}

export interface RunApi {
  flowExists(id: string): Promise<boolean>;
  template(id: string): Promise<unknown | null>;
  /** A saved flow's draft, or null. */
  flowDraft(id: string): Promise<unknown | null>;
  importDocument(id: string, document: unknown): Promise<{ id: string; problems: { message: string }[] }>;
  startRun(flowId: string, opts?: { dryRun?: boolean }): Promise<string>;
  /** Starts a utility run; answers its run id (the parent run of a split bulk load). */
  startUtility(flowId: string, u: UtilityRequest): Promise<string>;
  getRun(runId: string): Promise<RunSnapshot>;
}

/** What `weft flows export | import` needs of a Weft (issue 14). */
export interface FlowFileApi {
  exportFile(id: string, version?: number): Promise<{ filename: string; text: string }>;
  importFile(
    text: string,
  ): Promise<{ id: string | null; problems: { nodeId?: string; path?: string; message: string }[] }>;
}

export interface ConnectionApi {
  list(): Promise<ConnectionSummary[]>;
  create(input: ConnectionInput): Promise<SavedConnection>;
  test(id: string): Promise<ConnectionTestResult>;
}
