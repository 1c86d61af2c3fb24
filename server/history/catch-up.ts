// Catch-up (seed §6.3) as a guided action (issue 16): from how long a flow was
// stopped, Weft offers (a) start again from its Query Starts — the next run reads
// the whole gap — or (b) a bulk load of the gap by date range with a batch size
// (DR, split into slices: DRS), which pauses the scheduled flows on the same data
// and resumes them when it ends (engine/postgres/utility-runs.ts, run-finish.ts).
// Progress comes from the run store: slices done, records read, and the share of
// the date range the slices' watermarks have passed, for the ETA.
import type { Queryable } from '../../engine';
import type { FlowDocument } from '../../flow/flow-document';
import { describeGap, queryStartTime, scheduleIntervalMs } from './query-starts';

const DAY = 86_400_000;

export interface CatchUpAdvice {
  /** Since when the flow did not run (its last run's end, else its oldest Query Start); null: never, from nothing. */
  stoppedSince: string | null;
  stoppedFor: string | null;
  /** Its schedule's interval, in words; null without a schedule. */
  runsEvery: string | null;
  recommended: 'restart' | 'bulk-load';
  why: string;
  queryStarts: { nodeId: string; value: string | null }[];
  /** The gap to bulk-load: from the oldest Query Start (else the last run's end) to now. */
  range: { from: string; to: string } | null;
  batchSize: number;
  slices: number;
}

export async function catchUpAdvice(
  db: Queryable,
  workspaceId: string,
  flowId: string,
  doc: FlowDocument,
  sources: string[],
  now: Date,
): Promise<CatchUpAdvice> {
  const [last, marks] = await Promise.all([
    db.query(
      `SELECT max(finished_at) AS at FROM weft_runs WHERE workspace_id = $1 AND flow_id = $2 AND parent_run_id IS NULL
          AND options IS NULL AND status IN ('succeeded','completed-with-errors')`,
      [workspaceId, flowId],
    ),
    db.query(`SELECT node_id, value FROM weft_watermarks WHERE flow_id = $1`, [flowId]),
  ]);
  const values = new Map(marks.rows.map((r) => [r.node_id as string, r.value as string | null]));
  const queryStarts = sources.map((nodeId) => ({ nodeId, value: values.get(nodeId) ?? null }));
  const times = queryStarts.map((q) => (q.value ? queryStartTime(q.value) : NaN)).filter(Number.isFinite);
  const oldest = times.length ? Math.min(...times) : null;
  const lastEnd = last.rows[0]?.at ? new Date(last.rows[0].at).getTime() : null;
  // How long it was stopped: since its last run ended (a Query Start is the last change read, which may
  // be far older on quiet data); the gap to load starts at its oldest Query Start, so nothing is skipped.
  const since = lastEnd ?? oldest;
  const from = oldest ?? lastEnd;
  const every = scheduleIntervalMs(doc.settings, now);
  const gap = since === null ? null : now.getTime() - since;
  // A gap of a few runs is what a normal run reads; days of changes are a bulk load's work (seed §6.3).
  const long = gap !== null && gap > Math.max(DAY, 10 * (every ?? DAY));
  const days = gap === null ? 0 : gap / DAY;
  return {
    stoppedSince: since === null ? null : new Date(since).toISOString(),
    stoppedFor: gap === null ? null : describeGap(gap),
    runsEvery: every ? describeGap(every) : null,
    recommended: long ? 'bulk-load' : 'restart',
    why:
      gap === null
        ? 'This flow has not run yet: starting it reads everything once, from the beginning.'
        : long
          ? `The flow was stopped for ${describeGap(gap)}: a bulk load reads the gap in batches, split into ` +
            'slices, and pauses the scheduled flows on the same data until it is done.'
          : `The flow was stopped for ${describeGap(gap)}: its next run reads what changed since its Query Starts.`,
    queryStarts,
    range: from === null ? null : { from: new Date(from).toISOString(), to: now.toISOString() },
    batchSize: 500,
    slices: Math.min(8, Math.max(1, Math.ceil(days / 7))),
  };
}

export interface CatchUpProgress {
  runId: string;
  flowId: string;
  status: string;
  range: { from?: string; to?: string } | null;
  batchSize: number | null;
  slices: { total: number; done: number; running: number };
  records: { read: number; created: number; updated: number; failed: number };
  /** Share of the date range passed (0..1), from each slice's watermark. */
  done: number;
  startedAt: string | null;
  finishedAt: string | null;
  etaSeconds: number | null;
  /** The scheduled flows this load paused: PAUSED while it works, started again when it ends. */
  paused: { flowId: string; name?: string; state: 'PAUSED' | 'RESUMED' | 'STOPPED' }[];
}

export async function catchUpProgress(
  db: Queryable,
  workspaceId: string,
  runId: string,
  now: Date,
): Promise<CatchUpProgress | null> {
  const { rows } = await db.query(
    `SELECT id, flow_id, status, options, started_at, finished_at FROM weft_runs WHERE id = $1 AND workspace_id = $2`,
    [runId, workspaceId],
  );
  const run = rows[0];
  if (!run) return null;
  // A split load's work is in its slices; a single load's in itself.
  const parts = await db.query(
    `SELECT r.id, r.status, r.options,
            (SELECT watermark FROM weft_run_nodes WHERE run_id = r.id AND position = 0) AS mark,
            n.read, n.created, n.updated, n.failed
       FROM weft_runs r
       LEFT JOIN LATERAL (SELECT sum(in_count) FILTER (WHERE position = 0) AS read, sum(created) AS created,
                                 sum(updated) AS updated, sum(failed) AS failed
                            FROM weft_run_nodes WHERE run_id = r.id) n ON true
      WHERE r.parent_run_id = $1 OR (r.id = $1 AND NOT EXISTS (SELECT 1 FROM weft_runs c WHERE c.parent_run_id = $1))`,
    [runId],
  );
  const finished = (s: string) => !['queued', 'running'].includes(s);
  const sum = (k: string) => parts.rows.reduce((a, p) => a + Number(p[k] ?? 0), 0);
  let covered = 0;
  let span = 0;
  for (const p of parts.rows) {
    const from = Date.parse(p.options?.range?.from ?? '');
    const to = Date.parse(p.options?.range?.to ?? '');
    if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) continue;
    span += to - from;
    const mark = p.mark ? queryStartTime(String(p.mark)) : NaN;
    covered += finished(p.status) ? to - from : Number.isFinite(mark) ? Math.min(to, Math.max(from, mark)) - from : 0;
  }
  const doneSlices = parts.rows.filter((p) => finished(p.status)).length;
  const share = finished(run.status) ? 1 : span > 0 ? covered / span : doneSlices / Math.max(1, parts.rows.length);
  const started = run.started_at ? new Date(run.started_at).getTime() : null;
  const elapsed = started === null ? 0 : (now.getTime() - started) / 1000;
  const paused = await db.query(
    `SELECT flow_id, enabled, paused_by FROM weft_schedules
      WHERE workspace_id = $1 AND (paused_by = $2 OR flow_id = ANY($3))`,
    [workspaceId, runId, pausedFlows(run.options)],
  );
  return {
    runId,
    flowId: run.flow_id,
    status: run.status,
    range: run.options?.range ?? null,
    batchSize: run.options?.batchSize ?? null,
    slices: {
      total: parts.rows.length,
      done: doneSlices,
      running: parts.rows.filter((p) => p.status === 'running').length,
    },
    records: { read: sum('read'), created: sum('created'), updated: sum('updated'), failed: sum('failed') },
    done: Math.round(share * 1000) / 1000,
    startedAt: run.started_at ? new Date(run.started_at).toISOString() : null,
    finishedAt: run.finished_at ? new Date(run.finished_at).toISOString() : null,
    etaSeconds:
      finished(run.status) || share <= 0.01 || elapsed <= 0 ? null : Math.round((elapsed * (1 - share)) / share),
    paused: paused.rows.map((p) => ({
      flowId: p.flow_id,
      state: p.paused_by === runId ? 'PAUSED' : p.enabled ? 'RESUMED' : 'STOPPED',
    })),
  };
}

/** The flows a load paused, as its start recorded them in the options (kept after it resumed them). */
function pausedFlows(options: { paused?: string[] } | null): string[] {
  return options?.paused ?? [];
}
