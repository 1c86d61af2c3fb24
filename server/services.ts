// The services behind the API, as interfaces: the routers and their tests depend
// on these, not on SQLite or PostgreSQL directly.
import type { FlowDocument } from '../flow/flow-document';
import type { Problem } from '../flow/validate-flow';
import type { NodeRegistry } from '../nodes/registry';
import type { ConnectionInfo } from '../nodes/define-node';
import type { Accounts } from './auth/accounts';
import type { RunSnapshot, RunSummary, FailedRecord, RunTrigger } from '../engine';

import type { TemplateInfo, TemplateUpdate } from './template-service';
import type { TemplateFields } from './design/template-store';
import type { Side } from '../flow/template-merge';
export type { TemplateInfo, TemplateUpdate };

export interface FlowSummary {
  id: string;
  name: string;
  templateId: string | null;
  /** The template version the flow stands on, and a newer one it could take (issue 15). */
  templateVersion: number | null;
  templateUpdate: { version: number; releaseNote: string } | null;
  updatedAt: string;
  publishedVersion: number | null;
  /** The operator's switch (seed §6.2): scheduled runs happen only while started. */
  state: 'started' | 'stopped';
  /** Why the flow stopped by itself (its stop policy), with the next step; null otherwise. */
  stopReason?: string | null;
  schedule: FlowDocument['settings']['schedule'];
  lastRun: RunSummary | null;
  nextRunAt: string | null;
}

export interface FlowDetail extends FlowSummary {
  draft: FlowDocument;
  versions: { version: number; publishedAt: string; publishedBy: string; notes: string }[];
  /** The draft's revision: a save sends it back, and is refused if someone saved since (issue 14). */
  revision: number;
  /** Who saved the draft last. */
  updatedBy: string | null;
}

import type { ConnectionSummary } from './design/connection-summary';
export type { ConnectionSummary };

export interface WatermarkInfo {
  nodeId: string;
  value: string | null;
  updatedAt: string | null;
}

export interface DesignService {
  /** Templates a workspace sees (the shipped ones and its own); 'default' when none is given. */
  listTemplates(workspaceId?: string): TemplateInfo[];
  getTemplate(id: string, workspaceId?: string): FlowDocument | null;
  /** The flow's draft as a new template (templateId null) or the next version of one. */
  publishTemplate(
    workspaceId: string,
    flowId: string,
    templateId: string | null,
    fields: TemplateFields,
  ): Promise<{ id: string; version: number }>;
  /** The three-way merge of the template's newer version into the flow, before anything is saved. */
  templateUpdate(workspaceId: string, flowId: string): Promise<TemplateUpdate>;
  /** Saves the merged draft with the analyst's picks per conflict (ours when not picked). */
  applyTemplateUpdate(workspaceId: string, flowId: string, picks: Record<string, Side>): Promise<{ version: number }>;
  listFlows(workspaceId: string): Promise<FlowSummary[]>;
  getFlow(workspaceId: string, id: string): Promise<FlowDetail | null>;
  createFlow(workspaceId: string, doc: FlowDocument, templateId: string | null, id?: string): Promise<string>;
  /** With `baseRevision`: refused (CONFLICT, naming who saved and when) if the draft changed since. */
  saveFlow(
    workspaceId: string,
    id: string,
    doc: FlowDocument,
    baseRevision?: number,
  ): Promise<{ updatedAt: string; revision: number }>;
  publishFlow(workspaceId: string, id: string, notes: string): Promise<{ version: number }>;
  listConnections(workspaceId: string): ConnectionSummary[];
}

export interface RunService {
  /** Queue a run of the flow's saved draft (or a published version) through pg-boss. */
  startRun(
    workspaceId: string,
    flowId: string,
    opts: { trigger: RunTrigger; version?: number; dryRun?: boolean },
  ): Promise<{ runId: string }>;
  getRun(workspaceId: string, runId: string): Promise<RunSnapshot | null>;
  listRuns(workspaceId: string, flowId: string, limit: number): Promise<RunSummary[]>;
  failures(workspaceId: string, runId: string, nodeId: string | null, limit: number): Promise<FailedRecord[]>;
  watermarks(workspaceId: string, flowId: string): Promise<WatermarkInfo[]>;
  /** Refuses a value that is not a date with a zone or lies in the future; warns when it is old (issue 16). */
  setWatermark(
    workspaceId: string,
    flowId: string,
    nodeId: string,
    value: string | null,
  ): Promise<{ warning: string | null }>;
  /** Operator start/stop of the flow's schedule (the latest published version runs). */
  setFlowState(workspaceId: string, flowId: string, state: 'started' | 'stopped'): Promise<void>;
  /** Live snapshots of the flow's latest run, pushed as they change. */
  watchFlow(workspaceId: string, flowId: string, signal: AbortSignal): AsyncIterable<RunSnapshot>;
}

export interface Services {
  registry: NodeRegistry;
  design: DesignService;
  runs: RunService;
  /** People, roles, sessions, machine tokens (issue 7). */
  accounts: Accounts;
  /** A workspace's connection with its secrets, for server-side checks such as the Creatio preflight (issue 3). */
  connection?(workspaceId: string, id: string): ConnectionInfo;
  /** The flow manager: states, stop, utility runs (issue 6; server/operations-service.ts). */
  operations?: import('./operations-service').OperationsService;
  validate(doc: unknown): Problem[];
  /** Cross-reference lookups for previews (issue 14: what a binding would match); never used to bind. */
  xrefReader?(): Pick<import('../nodes/define-node').CrossReference, 'lookup' | 'sourcesOf'>;
  /** QuickBooks Desktop for one preview: read-only, live while the Web Connector is in a session (issue 14). */
  desktopPreview?(): import('./mapping/preview-desktop').PreviewDesktop;
  /** Deletes a connection; a QuickBooks Online one is revoked at Intuit first (issue 4; server/design/connection-delete.ts). */
  deleteConnection?(workspaceId: string, id: string): Promise<import('./design/connection-delete').DeleteOutcome>;
  /** Adding, editing and testing connections through their kinds' definitions (issue 13; server/connections/). */
  connections?: import('./connections/connection-service').ConnectionService;
  /** QuickBooks Online OAuth connect (issues 4 and 7; server/qbo-connect/). Absent in headless Wefts. */
  qboConnect?: import('./qbo-connect/qbo-connect-service').QboConnectService;
  /** The operators' monitor: every flow live, stop/start a company file's flows (issue 16; server/monitor/). */
  monitor?: import('./monitor/monitor-service').MonitorService;
  /** Support's failed-records work queue across runs: edit, ignore, retry, export (issue 16; server/failures/). */
  failures?: import('./failures/failure-service').FailureQueueService;
  /** Run history, run logs, Query Starts checks, catch-up progress (issue 16; server/history/). */
  history?: import('./history/history-service').HistoryService;
  /** Versions, roll back, delete, export and import of flows (issue 14; server/flow-history-service.ts). */
  versions?: import('./flow-history-service').FlowHistoryService;
  /** E-mail notifications: recipients, daily reports, test mail (issue 16; server/notify/). */
  notifications?: import('./notify/notifications-service').NotificationsService;
  /** The review queue of bindings support decides (issue 14; server/review/). */
  review?: import('./review/review-service').ReviewService;
}
