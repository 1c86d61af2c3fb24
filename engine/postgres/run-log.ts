// Each run's structured log (issue 16, run history): what the run did, node by
// node — pages read and written, records that failed, waits, Query Starts moved,
// what nodes log themselves — searchable on the run history screen.
// Lines are buffered and written in batches (one INSERT per batch, at most every
// FLUSH_MS), and a run keeps at most `cap` lines: a run of a million records must
// not write a million log rows. The line past the cap says the log was capped.
import type pg from 'pg';
import type { NodeBatchResult, NodeState, RunRecorder, RunStatus } from '../record/run-recorder';
import { storableJson, storableText } from './storable-json';

export type LogLevel = 'info' | 'warn' | 'error';

interface Line {
  seq: number;
  at: Date;
  level: LogLevel;
  nodeId: string | null;
  message: string;
  fields: Record<string, unknown> | null;
}

const FLUSH_MS = 500;
const BATCH = 200;
const MAX_MESSAGE = 2000;
export const RUN_LOG_CAP = 5000;

export class PgRunLog {
  private seq = 0;
  private buffer: Line[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private capped = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly runId: string,
    private readonly cap = RUN_LOG_CAP,
  ) {}

  /** A run resumed after a crash continues its log where it stopped. */
  async open(): Promise<this> {
    const { rows } = await this.pool.query(`SELECT COALESCE(max(seq), 0) AS n FROM weft_run_logs WHERE run_id = $1`, [
      this.runId,
    ]);
    this.seq = Number(rows[0].n);
    this.capped = this.seq > this.cap;
    return this;
  }

  write(level: LogLevel, nodeId: string | null, message: string, fields?: Record<string, unknown>): void {
    if (this.capped) return;
    if (this.seq >= this.cap) {
      this.capped = true;
      level = 'warn';
      nodeId = null;
      message = `The log of this run stops here: it keeps ${this.cap} lines. Counters and failed records are complete.`;
      fields = undefined;
    }
    this.buffer.push({
      seq: ++this.seq,
      at: new Date(),
      level,
      nodeId,
      message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message,
      fields: fields && Object.keys(fields).length ? fields : null,
    });
    if (this.buffer.length >= BATCH) void this.flush();
    else if (!this.timer) this.timer = setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is buffered; lines go out in order, one batch after the other. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const lines = this.buffer;
    this.buffer = [];
    if (lines.length === 0) return this.writing;
    this.writing = this.writing.then(() => this.insert(lines)).catch(() => undefined);
    return this.writing;
  }

  private async insert(lines: Line[]): Promise<void> {
    const values = lines.map(
      (_, i) => `($1, $${i * 6 + 2}, $${i * 6 + 3}, $${i * 6 + 4}, $${i * 6 + 5}, $${i * 6 + 6}, $${i * 6 + 7})`,
    );
    await this.pool.query(
      `INSERT INTO weft_run_logs (run_id, seq, at, level, node_id, message, fields) VALUES ${values.join(',')}
       ON CONFLICT (run_id, seq) DO NOTHING`,
      [
        this.runId,
        ...lines.flatMap((l) => [
          l.seq,
          l.at,
          l.level,
          l.nodeId,
          storableText(l.message),
          l.fields ? storableJson(l.fields) : null,
        ]),
      ],
    );
  }
}

/** Failed records logged one by one per page, then summed: the failed-records list holds them all. */
const FAILURES_PER_PAGE = 20;

/**
 * A RunRecorder that also logs what it records. Wraps the ledger's recorder, so the
 * log says exactly what the counters say.
 */
export class LoggingRecorder implements RunRecorder {
  constructor(
    private readonly inner: RunRecorder,
    private readonly log: PgRunLog,
    /** A dry run's Query Starts stay where they were (issue 14): its log must not say they moved. */
    private readonly dryRun = false,
  ) {}

  private markMoved(nodeId: string, value: string): void {
    const at = value.split('|')[0];
    const text = this.dryRun
      ? `Query Starts would move to ${at}; a dry run leaves them where they were.`
      : `Query Starts moved to ${at}.`;
    this.log.write('info', nodeId, text);
  }

  async started(nodes: { id: string; type: string }[]): Promise<void> {
    this.log.write('info', null, `Run started with ${nodes.length} nodes: ${nodes.map((n) => n.id).join(' → ')}.`);
    await this.inner.started(nodes);
  }

  async batch(r: NodeBatchResult): Promise<void> {
    this.logResults([r]);
    await this.inner.batch(r);
  }

  async page(results: NodeBatchResult[], mark: { nodeId: string; value: string } | null): Promise<void> {
    await this.inner.page(results, mark);
    this.logResults(results);
    if (mark) this.markMoved(mark.nodeId, mark.value);
  }

  async nodeState(nodeId: string, state: NodeState, status?: string | null): Promise<void> {
    if (status) this.log.write(state === 'failed' ? 'error' : 'warn', nodeId, status);
    else if (state === 'failed') this.log.write('error', nodeId, 'This node failed.');
    await this.inner.nodeState(nodeId, state, status);
  }

  async watermark(nodeId: string, value: string): Promise<void> {
    await this.inner.watermark(nodeId, value);
    this.markMoved(nodeId, value);
  }

  async finished(status: RunStatus, error: string | null): Promise<void> {
    const level = status === 'failed' ? 'error' : status === 'completed-with-errors' ? 'warn' : 'info';
    this.log.write(level, null, `Run ended: ${status}${error ? `. ${error}` : '.'}`);
    await this.log.flush();
    await this.inner.finished(status, error);
  }

  private logResults(results: NodeBatchResult[]): void {
    for (const r of results) {
      if (r.inCount === 0 && r.outCount === 0 && r.failures.length === 0) continue;
      const counts = Object.entries(r.outcomes)
        .filter(([, n]) => n)
        .map(([k, n]) => `${n} ${k}`);
      this.log.write(
        r.failures.length ? 'warn' : 'info',
        r.nodeId,
        `${r.inCount} in, ${r.outCount} out${counts.length ? ` (${counts.join(', ')})` : ''}.`,
        { in: r.inCount, out: r.outCount, ...r.outcomes },
      );
      for (const f of r.failures.slice(0, FAILURES_PER_PAGE))
        this.log.write('error', r.nodeId, `Record ${f.record.key} failed: ${f.failure.code}: ${f.failure.message}`, {
          recordKey: f.record.key,
          code: f.failure.code,
        });
      if (r.failures.length > FAILURES_PER_PAGE)
        this.log.write(
          'error',
          r.nodeId,
          `${r.failures.length - FAILURES_PER_PAGE} more records of this page failed: see the failed records.`,
        );
    }
  }
}
