// The monitor's rows (issue 16, the old flow manager and monitor): every flow of a
// workspace with its state, schedule, Query Starts, last run and counters, next
// run, the company files and objects it touches, and the live rate of its run.
import type { Queryable } from '../../engine';
import { flowFootprint } from '../../flow/flow-footprint';
import type { FlowDocument } from '../../flow/flow-document';
import type { NodeRegistry } from '../../nodes/registry';
import type { FlowOperationState } from '../operations-service';

export interface MonitorRunCounts {
  runId: string;
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  read: number;
  created: number;
  updated: number;
  failed: number;
}

export interface MonitorRow extends FlowOperationState {
  schedule: FlowDocument['settings']['schedule'];
  published: boolean;
  companyFiles: { id: string; name: string; kind: string }[];
  objects: string[];
  lastRun: MonitorRunCounts | null;
  /** Records read per second by the run in progress (its sources) over a moving window, null when none runs. */
  recordsPerSecond: number | null;
  /** For a flow its stop policy stopped: the record whose failure stopped it. */
  stoppedBy: { nodeId: string; recordKey: string; message: string } | null;
}

/** The latest real run of each flow with its counters, in one statement (a dry run wrote nothing: issue 14). */
export async function latestRuns(db: Queryable, workspaceId: string): Promise<Map<string, MonitorRunCounts>> {
  const { rows } = await db.query(
    `SELECT DISTINCT ON (r.flow_id) r.flow_id, r.id, r.status, r.started_at, r.finished_at, r.error,
            COALESCE(n.read, 0) AS read, COALESCE(n.created, 0) AS created, COALESCE(n.updated, 0) AS updated, COALESCE(n.failed, 0) AS failed
       FROM weft_runs r
       LEFT JOIN LATERAL (
         SELECT sum(in_count) FILTER (WHERE position = 0) AS read, sum(created) AS created, sum(updated) AS updated, sum(failed) AS failed
           FROM weft_run_nodes WHERE run_id = r.id) n ON true
      WHERE r.workspace_id = $1 AND r.parent_run_id IS NULL AND NOT r.dry_run
      ORDER BY r.flow_id, r.queued_at DESC`,
    [workspaceId],
  );
  return new Map(
    rows.map((r) => [
      r.flow_id as string,
      {
        runId: r.id,
        status: r.status,
        startedAt: r.started_at?.toISOString() ?? null,
        finishedAt: r.finished_at?.toISOString() ?? null,
        error: r.error,
        read: Number(r.read),
        created: Number(r.created),
        updated: Number(r.updated),
        failed: Number(r.failed),
      },
    ]),
  );
}

export function monitorRow(
  state: FlowOperationState,
  doc: FlowDocument,
  published: boolean,
  registry: NodeRegistry,
  connectionNames: Map<string, { name: string; kind: string }>,
  last: MonitorRunCounts | undefined,
  /** Records read per second over the last seconds (flow/throughput.ts), null when no run is active. */
  recordsPerSecond: number | null,
): MonitorRow {
  const footprint = flowFootprint(doc, registry);
  return {
    ...state,
    schedule: doc.settings.schedule,
    published,
    companyFiles: footprint.connections.map((id) => ({
      id,
      name: connectionNames.get(id)?.name ?? id,
      kind: connectionNames.get(id)?.kind ?? 'unknown',
    })),
    objects: footprint.objects,
    lastRun: last ?? null,
    recordsPerSecond,
    stoppedBy: null,
  };
}

/** The first failed record of a run: what a stop policy stopped on. */
export async function firstFailure(db: Queryable, runId: string): Promise<MonitorRow['stoppedBy']> {
  const { rows } = await db.query(
    `SELECT node_id, record_key, message FROM weft_failures WHERE run_id = $1 ORDER BY id LIMIT 1`,
    [runId],
  );
  return rows[0] ? { nodeId: rows[0].node_id, recordKey: rows[0].record_key, message: rows[0].message } : null;
}
