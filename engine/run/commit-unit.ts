// The pages a paced run commits together (paced-pages.ts): their outcomes, merged per node, and the
// watermark after the last of them, written in one page commit. A run that commits page by page
// has units of one page, so this is also the plain case.
import type { NodeBatchResult, RunRecorder } from '../record/run-recorder';

type Mark = { nodeId: string; value: string } | null;

export class CommitUnit {
  private results = new Map<string, NodeBatchResult>();
  private mark: Mark = null;
  private pages = 0;

  /** One page's outcomes and the watermark after it (null: the source has none yet, as an unordered read's early pages). */
  add(results: NodeBatchResult[], mark: Mark): void {
    for (const r of results) {
      const had = this.results.get(r.nodeId);
      this.results.set(r.nodeId, had ? merged(had, r) : r);
    }
    if (mark) this.mark = mark;
    this.pages++;
  }

  /** Writes the pages added since the last commit, if any, as one page of the run store. */
  async commit(recorder: RunRecorder): Promise<void> {
    if (this.pages === 0) return;
    const results = [...this.results.values()];
    const mark = this.mark;
    this.discard();
    await recorder.page(results, mark);
  }

  /** Forgets the pages added: the next run reads them again from the unit's first page. */
  discard(): void {
    this.results = new Map();
    this.mark = null;
    this.pages = 0;
  }
}

/** Two pages' outcomes at one node as one (the run store adds a node's counters once per commit). */
function merged(a: NodeBatchResult, b: NodeBatchResult): NodeBatchResult {
  const outcomes = { ...a.outcomes };
  for (const [k, n] of Object.entries(b.outcomes) as [keyof typeof outcomes, number][])
    outcomes[k] = (outcomes[k] ?? 0) + n;
  return {
    nodeId: a.nodeId,
    inCount: a.inCount + b.inCount,
    outCount: a.outCount + b.outCount,
    outcomes,
    failures: [...a.failures, ...b.failures],
    passedKeys: [...(a.passedKeys ?? []), ...(b.passedKeys ?? [])],
    ...(a.reviews || b.reviews ? { reviews: [...(a.reviews ?? []), ...(b.reviews ?? [])] } : {}),
  };
}
