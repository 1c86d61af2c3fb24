// Page turns: how a node hands work over from one page to the next page of the same commit unit
// (issue 19). A rate-limited sink writes in batch calls Intuit counts whole, however few records
// they hold; with small pages (so that a run at its company's limits holds seconds of records,
// not thousands) each page's last, part-filled batch call would waste a call. A turn lets the page
// hand that last part to the page after it, which fills the call with its first records.
//
// The engine commits pages in units (engine/run/paced-pages.ts), and a turn never hands past the
// end of a unit: a run taken over after a crash starts again at a unit's first page, so it cuts
// the same batch calls (and so the same request ids) from the same records as the run before.
//
// Deadlocks: a page waits for the page after it only when that page has reached the node and
// shares no record key with it (the lane would hold it back behind this one), and a node hands a
// part on at most once (the page after never hands it further): at most one page of a run waits
// for a page to come, and the run always has room for that page (maxInFlight ≥ 2).
import type { Following, PageTurn } from '../../nodes/define-node';

interface Handed {
  value: unknown;
  orphaned?: (value: unknown) => void;
}

/** One page's turn as its lane keeps it. */
export class Turn implements PageTurn {
  readonly following: Promise<Following>;
  private settleFollowing!: (f: Following) => void;
  private readonly handed: Promise<Handed | undefined>;
  private settleHanded!: (h: Handed | undefined) => void;
  private handedOnce = false;
  private took = false;

  constructor(
    /**
     * The turn of the page before, when this page may take what it hands on. Let go once taken or
     * given back: kept, the turns of a unit would chain back to its first page, and each page's
     * handed part (a sink's closure over all of that page's jobs) would live until the unit ends.
     */
    private before: Turn | null,
    readonly keys: Set<string> | null,
    readonly lastOfUnit: boolean,
  ) {
    this.following = new Promise((r) => (this.settleFollowing = r));
    this.handed = new Promise((r) => (this.settleHanded = r));
    if (lastOfUnit) this.settleFollowing('none');
  }

  /** Called by the lane once the next event at the node is known. */
  resolveFollowing(f: Following): void {
    this.settleFollowing(f);
  }

  take(): Promise<unknown> {
    this.took = true;
    const before = this.before;
    this.before = null;
    return before ? before.handed.then((h) => h?.value) : Promise.resolve(undefined);
  }

  hand(value: unknown, orphaned?: (value: unknown) => void): void {
    if (this.handedOnce) return;
    this.handedOnce = true;
    this.settleHanded(value === undefined ? undefined : { value, orphaned });
  }

  /** The page's work ended: hand nothing if it did not hand, and give back what it did not take. */
  ended(): void {
    this.hand(undefined);
    const before = this.before;
    this.before = null;
    if (!this.took && before)
      void before.handed.then((h) => {
        if (h) h.orphaned?.(h.value);
      });
  }
}

/**
 * The turns of one node's pages, in the order pages reach it. Every page of the run is an event here,
 * whether it reaches the node or passes it by (`pass`: nothing of it for this node), so a page waiting
 * for the one after it learns when none will come.
 */
export class LaneTurns {
  private last: Turn | null = null;
  private events = 0;
  private total: number | null = null;

  /** A page reached the node. */
  arrive(keys: Set<string> | null, lastOfUnit: boolean): Turn {
    const before = this.last;
    // Sharing a record with the page before, this page waits for it at the lane: no hand-over.
    const carries = before !== null && !before.lastOfUnit && !overlaps(before.keys, keys);
    before?.resolveFollowing(carries ? 'next' : 'none');
    const turn = new Turn(carries ? before : null, keys, lastOfUnit);
    this.last = turn;
    this.count();
    return turn;
  }

  /** A page of the run passed the node by: the page before it hands nothing on. */
  pass(): void {
    this.last?.resolveFollowing('none');
    this.last = null;
    this.count();
  }

  /** The run read `pages` pages in all: once that many have come or passed, the last one has no page after it. */
  end(pages: number): void {
    this.total = pages;
    this.closeIfDone();
  }

  private count(): void {
    this.events++;
    this.closeIfDone();
  }

  private closeIfDone(): void {
    if (this.total !== null && this.events >= this.total) this.last?.resolveFollowing('none');
  }
}

function overlaps(a: Set<string> | null, b: Set<string> | null): boolean {
  if (!a || !b) return true; // keys unknown: treat as shared
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
