// Which pages one node works on at a time. A node takes pages in page order; most
// take one at a time (a binding node's per-run claims depend on it), while a node
// that declares `pagesAtOnce` (a sink whose writes are idempotent) starts page k+1
// while page k is still being written, so the target never waits for the tail of
// a page. Two pages sharing a record key never overlap at a node: a record changed
// twice during a run is written in order. Commits stay in page order (run-flow.ts).
//
// A node that declares `prepare` (pure reads: lookups) has it run as soon as a
// page reaches the node, for up to `prepareAhead` pages beyond the one it is
// working on, so page k+1's lookups overlap page k's order-dependent step; what
// `prepare` returned is handed to that page's `process`, still in page order.
//
// In a paced run (pages committed in units, paced-pages.ts) a node that takes several pages at once
// also gets each page's turn (page-turns.ts): what the page before handed on, and whether the page
// after it has come.
import type { AnyNodeDefinition, PageTurn } from '../../nodes/define-node';
import { LaneTurns, type Turn } from './page-turns';

/** How many pages a node may work on at once (its `pagesAtOnce`; sources read one). */
export function pagesAtOnce(def: AnyNodeDefinition): number {
  return def.category === 'source' ? 1 : Math.max(1, Math.floor(def.pagesAtOnce ?? 1));
}

/** How many pages beyond the one in `process` a node's `prepare` may run for (0 without `prepare`). */
export function prepareAhead(def: AnyNodeDefinition): number {
  if (def.category === 'source' || !def.prepare) return 0;
  return Math.max(1, Math.floor(def.prepareAhead ?? 2));
}

/** Where a page stands in a paced run (paced-pages.ts): its number in the run (1 = first), and its unit's end. */
export interface PagePlace {
  page: number;
  lastOfUnit: boolean;
}

/** A prepare's outcome: kept until the page's turn (a failure is not an unhandled rejection meanwhile). */
export type Prepared<P> = { ok: true; value: P } | { ok: false; error: unknown };

export class NodeLane {
  /** Resolves when the previous page has started here: pages start in page order. */
  private startTail: Promise<void> = Promise.resolve();
  private readonly active = new Set<{ keys: Set<string> | null; done: Promise<void> }>();
  /** Pages that reached this node and have not finished here, in arrival order; the first `1 + ahead` may prepare. */
  private readonly waiting: { startPrepare: (() => void) | null }[] = [];

  /** Set in a paced run for a node that takes several pages at once: the pages' turns. */
  private readonly turns: LaneTurns | null;

  constructor(
    readonly width: number,
    readonly ahead = 0,
    /** Pages come in commit units (paced-pages.ts): a node taking several at once gets turns. */
    units = false,
  ) {
    this.turns = units && width > 1 ? new LaneTurns() : null;
  }

  /** Page `page` of the run passed this node by (nothing of it came here). */
  pass(page: number): void {
    this.turns?.pass(page);
  }

  /** The run read `pages` pages in all. */
  end(pages: number): void {
    this.turns?.end(pages);
  }

  run<T, P = never>(
    keys: () => string[],
    work: (prepared: Prepared<P> | undefined, turn: PageTurn | undefined) => Promise<T>,
    prepare?: () => Promise<P>,
    /** In a paced run: the page's number in the run, and whether it is the last of its commit unit. */
    place?: PagePlace,
  ): Promise<T> {
    let release!: () => void;
    const slot = { keys: this.width > 1 ? new Set(keys()) : null, done: new Promise<void>((r) => (release = r)) };
    const turn: Turn | undefined = place && this.turns?.arrive(place.page, slot.keys, place.lastOfUnit);
    let prepared: Promise<Prepared<P>> | undefined;
    const entry = { startPrepare: null as (() => void) | null };
    if (prepare) {
      let begin!: () => void;
      const go = new Promise<void>((r) => (begin = r));
      prepared = go.then(prepare).then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error }),
      );
      entry.startPrepare = begin;
      this.waiting.push(entry);
      this.admit();
    }
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
    return started
      .then(async () => work(prepared && (await prepared), turn))
      .finally(() => {
        turn?.ended();
        this.active.delete(slot);
        release();
        if (prepare) {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          this.admit();
        }
      });
  }

  /** Starts the prepares of the pages now within reach (the oldest unfinished ones first). */
  private admit(): void {
    const reach = Math.min(this.waiting.length, this.width + this.ahead);
    for (let i = 0; i < reach; i++) {
      const start = this.waiting[i].startPrepare;
      if (start) {
        this.waiting[i].startPrepare = null;
        start();
      }
    }
  }
}

function overlaps(a: Set<string> | null, b: Set<string> | null): boolean {
  if (!a || !b) return false;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
