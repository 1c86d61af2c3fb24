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
// Deadlocks: a page waits for the page after it only while that page's event at the node has not
// come; every page read has one (it arrives or passes by), and the run always has room for the page
// after (maxInFlight ≥ 2). A page hands on only to the page numbered after it that came after it and
// shares no record key with it (the lane would hold it back behind this one), and the page after
// never hands it further. Events are matched by page number, not arrival order (see LaneTurns).
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
 * The turns of one node's pages. Every page of the run is an event here, by its number in the run,
 * whether it reaches the node (`arrive`) or passes it by (`pass`: nothing of it for this node), so a
 * page waiting for the one after it learns when none will come.
 *
 * Events come out of page order: a page passes a node by only when its way through the nodes
 * before ends (a filter let none of its records through), which may be before the page ahead of it,
 * held up at a lookup, reaches the node. Taken in arrival order, pages 2 and 3 passing before page 1
 * came told page 1 nothing, and page 1 then waited for a page after it that the run would not read
 * until page 1 committed: under load, the hierarchy template's runs hung (issue 19). So each page
 * is told by the event of the page numbered after it, whenever that comes, and a page hands on only
 * to the page numbered after it, when that page comes after it.
 */
export class LaneTurns {
  /** Each page's event (its turn, or null: it passed by), kept while a neighbour's event may still come. */
  private readonly events = new Map<number, Turn | null>();
  /** Pages 1 to `known` have all had their event. */
  private known = 0;
  private total: number | null = null;

  /** Page `page` (1 = the run's first) reached the node. */
  arrive(page: number, keys: Set<string> | null, lastOfUnit: boolean): Turn {
    const before = this.events.get(page - 1);
    // Sharing a record with the page before, this page waits for it at the lane: no hand-over. Nor
    // when the page before has not come yet: this page may start first, and must not wait for it.
    const carries = before instanceof Turn && !before.lastOfUnit && !overlaps(before.keys, keys);
    if (before) before.resolveFollowing(carries ? 'next' : 'none');
    const turn = new Turn(carries ? before : null, keys, lastOfUnit);
    // The page after it came first (or there is none): it took nothing from this one.
    if (this.events.has(page + 1) || (this.total !== null && page >= this.total)) turn.resolveFollowing('none');
    this.record(page, turn);
    return turn;
  }

  /** Page `page` of the run passed the node by: the page before it hands nothing on. */
  pass(page: number): void {
    this.events.get(page - 1)?.resolveFollowing('none');
    this.record(page, null);
  }

  /** The run read `pages` pages in all: the last one has no page after it. */
  end(pages: number): void {
    this.total = pages;
    this.events.get(pages)?.resolveFollowing('none');
  }

  private record(page: number, event: Turn | null): void {
    this.events.set(page, event);
    while (this.events.has(this.known + 1)) this.known++;
    // An event is needed until both its neighbours have come: below `known`, they all have.
    for (const p of this.events.keys()) if (p < this.known) this.events.delete(p);
  }
}

function overlaps(a: Set<string> | null, b: Set<string> | null): boolean {
  if (!a || !b) return true; // keys unknown: treat as shared
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const k of small) if (large.has(k)) return true;
  return false;
}
