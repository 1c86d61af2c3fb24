// Which pages one node works on at a time. A node takes pages in page order; most
// take one at a time (a binding node's per-run claims depend on it), while a node
// that declares `pagesAtOnce` (a sink whose writes are idempotent) starts page k+1
// while page k is still being written, so the target never waits for the tail of
// a page. Two pages sharing a record key never overlap at a node: a record changed
// twice during a run is written in order. Commits stay in page order (run-flow.ts).
import type { AnyNodeDefinition } from '../../nodes/define-node';

/** How many pages a node may work on at once (its `pagesAtOnce`; sources read one). */
export function pagesAtOnce(def: AnyNodeDefinition): number {
  return def.category === 'source' ? 1 : Math.max(1, Math.floor(def.pagesAtOnce ?? 1));
}

export class NodeLane {
  /** Resolves when the previous page has started here: pages start in page order. */
  private startTail: Promise<void> = Promise.resolve();
  private readonly active = new Set<{ keys: Set<string> | null; done: Promise<void> }>();

  constructor(readonly width: number) {}

  run<T>(keys: () => string[], work: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const slot = { keys: this.width > 1 ? new Set(keys()) : null, done: new Promise<void>((r) => (release = r)) };
    const started = this.startTail.then(async () => {
      for (;;) {
        const full = this.active.size >= this.width;
        const blockers = full ? [...this.active] : [...this.active].filter((a) => overlaps(a.keys, slot.keys));
        if (blockers.length === 0) break;
        await Promise.race(blockers.map((a) => a.done));
      }
      this.active.add(slot);
    });
    this.startTail = started;
    return started.then(work).finally(() => {
      this.active.delete(slot);
      release();
    });
  }
}

function overlaps(a: Set<string> | null, b: Set<string> | null): boolean {
  if (!a || !b) return false;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
