// A RunRecorder that keeps everything in memory: for engine tests and for the
// headless runner's summary. Not for production runs (nothing survives a crash).
import type { ReviewRequest, FlowRecord } from '../../nodes/define-node';
import type { FailedRecord, NodeBatchResult, NodeSnapshot, NodeState, RunRecorder, RunStatus } from './run-recorder';
import { emptyCounters } from './run-recorder';

export class MemoryRecorder implements RunRecorder {
  nodes = new Map<string, NodeSnapshot>();
  failures: FailedRecord[] = [];
  reviews: { nodeId: string; record: FlowRecord; review: ReviewRequest }[] = [];
  watermarks = new Map<string, string>();
  status: RunStatus = 'queued';
  error: string | null = null;

  constructor(readonly runId = 'memory-run') {}

  async started(nodes: { id: string; type: string }[]) {
    this.status = 'running';
    for (const n of nodes)
      this.nodes.set(n.id, {
        id: n.id,
        type: n.type,
        state: 'idle',
        status: null,
        watermark: null,
        ...emptyCounters(),
      });
  }

  async batch(r: NodeBatchResult) {
    const n = this.nodes.get(r.nodeId)!;
    n.in += r.inCount;
    n.out += r.outCount;
    for (const [k, v] of Object.entries(r.outcomes)) n[k as keyof typeof r.outcomes] += v ?? 0;
    for (const v of r.reviews ?? []) this.reviews.push({ nodeId: r.nodeId, ...v });
    for (const f of r.failures) {
      this.failures.push({
        id: String(this.failures.length + 1),
        runId: this.runId,
        nodeId: r.nodeId,
        recordKey: f.record.key,
        failure: f.failure,
        record: f.record,
        at: new Date().toISOString(),
      });
    }
  }

  async page(results: NodeBatchResult[], mark: { nodeId: string; value: string } | null) {
    for (const r of results) await this.batch(r);
    if (mark) await this.watermark(mark.nodeId, mark.value);
  }

  async nodeState(nodeId: string, state: NodeState, status: string | null = null) {
    const n = this.nodes.get(nodeId)!;
    n.state = state;
    n.status = status;
  }

  async watermark(nodeId: string, value: string) {
    this.watermarks.set(nodeId, value);
    this.nodes.get(nodeId)!.watermark = value;
  }

  async finished(status: RunStatus, error: string | null) {
    this.status = status;
    this.error = error;
  }
}
