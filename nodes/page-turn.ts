// A page's turn at a node: what a node taking several pages at once learns from the pages beside it
// in a paced run (the engine's side: engine/run/page-turns.ts).

/** What follows a page at a node: `next`, the following page of its unit, already there; `none`, no page will take a hand-over. */
export type Following = 'next' | 'none';

/**
 * A page's turn at a node that takes several pages at once, in a paced run whose pages commit in units
 * (engine/run/page-turns.ts): a rate-limited sink hands its page's part-filled last batch call to the next
 * page of the unit, which fills it.
 */
export interface PageTurn {
  /** Resolves once it is known whether the following page of this unit has come to this node (see Following). */
  readonly following: Promise<Following>;
  /**
   * What the page before handed on (undefined for the first page of a unit, or when it handed nothing).
   * Call it where the value is used, and settle everything in it from there on: a page whose work ends
   * without calling it has the value given back to its owner's `orphaned`.
   */
  take(): Promise<unknown>;
  /**
   * Hands a value to the following page (once; a page that does not hand hands nothing when its work
   * ends). `orphaned` runs if that page's work ends without taking it: the value's owner then settles it.
   */
  hand(value: unknown, orphaned?: (value: unknown) => void): void;
}
