// The engine's one public entry: the server, the CLI and the scripts import the
// engine only through here (checked by the lint's import boundaries), so what lies
// under run/, record/ and postgres/ can change without touching them.
// The flow model itself (document, validation, schedule times) is flow/, not here.

// Run snapshots and summaries, as the API shows them.
export type { FailedRecord, RunSnapshot, RunSummary, RunTrigger } from './record/run-recorder';

// PostgreSQL: the embedded server, the run store's migrations and queries.
export { startEmbeddedPostgres, type EmbeddedServer } from './postgres/embedded';
export { migrateRunStore } from './postgres/migrate';
export {
  latestRunId,
  notify as notifyRunChange,
  listFailures,
  listRuns,
  readWatermarks,
  RUN_EVENTS_CHANNEL,
  runSnapshot,
  writeWatermark,
  type Queryable,
  type UtilityOptions,
} from './postgres/run-store';
export { requestStop } from './postgres/run-lease';
export { disableSchedule, enableSchedule, readSchedule } from './postgres/schedules';
export { startUtilityRun, UtilityConflictError } from './postgres/utility-runs';
export { forgetBindingsOf, PgCrossReference } from './postgres/xref-store';
// The review queue of bindings support decides (issue 14).
export {
  decideReviewCase,
  listReviewCases,
  resendReviewCase,
  ReviewDecisionError,
  type ReviewCase,
  type ReviewChoice,
  type ReviewStatus,
} from './postgres/review-store';

// The queue and the worker that takes runs from it.
export { AlreadyQueuedError, RunQueue } from './postgres/run-queue';
export { Worker } from './postgres/worker';

// Connections as workers see them: secrets sealed, QuickBooks token state shared.
export {
  CONNECTION_TOKENS_CHANNEL,
  ConnectionVault,
  resealVault,
  TOKEN_FIELDS,
  type TokenState,
} from './postgres/connection-vault';

// QuickBooks Desktop: the outbox the nodes write to, the sessions the Web Connector service keeps.
export { fileState, PgDesktopOutbox } from './postgres/desktop-outbox';
export {
  busySince,
  closeSession,
  getSession,
  openSession,
  pauseFile,
  pendingCount,
  pruneAnswered,
  requeueOrphans,
  resumeFile,
  setSessionError,
  setSessionHost,
  storeAnswers,
  storeHresult,
  takeRequests,
  noteCall,
} from './postgres/desktop-sessions';

// A run's scope: an error nobody handled inside a run fails that run (server/last-resort.ts).
export { failRunOf } from './postgres/run-scope';

// Failed records as a work queue across runs (issue 16): paging, facets, edit, ignore, retry runs.
export {
  editQueued,
  editsOf,
  getQueued,
  ignoreQueued,
  listQueue,
  openCounts,
  queueFacets,
  type QueueFilter,
  type QueueState,
  type QueuedFailure,
} from './postgres/failure-queue';
export { NothingToRetryError, startRetryRun } from './postgres/retry-runs';
