// Page turns keep no page alive longer than its work: a unit's turns must not chain back to its
// first page, or every page's handed part (a sink's closure over all of that page's jobs) would
// live until the unit commits: at 200 companies, a worker held 60 MB more (issue 19).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { LaneTurns } from './page-turns';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A page's part, large enough to see, that only the turns refer to. */
function part(): { ref: WeakRef<object>; value: object } {
  const value = { jobs: new Array(10_000).fill('job') };
  return { ref: new WeakRef(value), value };
}

async function collected(ref: WeakRef<object>): Promise<boolean> {
  for (let i = 0; i < 5 && ref.deref(); i++) {
    await new Promise((r) => setImmediate(r));
    gc();
  }
  return ref.deref() === undefined;
}

describe('page turns', () => {
  it('let go of a page’s handed part once the next page took it, while later pages of the unit go on', async () => {
    const lane = new LaneTurns();
    // The first page's own code is done once it ended: only the turns may still refer to it.
    const { handed, following } = (() => {
      const first = lane.arrive(1, new Set(['a']), false);
      const p = part();
      first.hand(p.value, () => {});
      first.ended();
      return { handed: p.ref, following: first.following };
    })();
    const second = lane.arrive(2, new Set(['b']), false);
    expect(await following).toBe('next');
    expect(((await second.take()) as { jobs: string[] }).jobs).toHaveLength(10_000);
    second.hand(undefined);
    second.ended();
    const third = lane.arrive(3, new Set(['c']), false); // the unit goes on: the lane keeps `second`
    expect(await collected(handed)).toBe(true);
    third.ended();
  });

  it('give a part back to its page when the next page ended without taking it', async () => {
    const lane = new LaneTurns();
    const first = lane.arrive(1, new Set(['a']), false);
    const given: unknown[] = [];
    first.hand('part', (v) => given.push(v));
    first.ended();
    const second = lane.arrive(2, new Set(['b']), false);
    second.ended();
    await new Promise((r) => setImmediate(r));
    expect(given).toEqual(['part']);
  });

  it('tell a page that none follows when the pages after it passed the node by before it came', async () => {
    // Pages 2 and 3 had no record for this node and went by while page 1 was still held up before it.
    const lane = new LaneTurns();
    lane.pass(2);
    lane.pass(3);
    const first = lane.arrive(1, new Set(['a']), false);
    expect(await settledWithin(first.following)).toBe('none');
  });

  it('let a page that came before the page ahead of it start alone, and tell that page none follows', async () => {
    const lane = new LaneTurns();
    const second = lane.arrive(2, new Set(['b']), false);
    expect(await settledWithin(second.take())).toBeUndefined();
    const first = lane.arrive(1, new Set(['a']), false);
    expect(await settledWithin(first.following)).toBe('none');
  });

  it('hand on between pages that come in order, and to no page after the last the run read', async () => {
    const lane = new LaneTurns();
    const first = lane.arrive(1, new Set(['a']), false);
    lane.end(2);
    const second = lane.arrive(2, new Set(['b']), false);
    expect(await settledWithin(first.following)).toBe('next');
    expect(await settledWithin(second.following)).toBe('none');
  });
});

/** The promise's value, or "pending" when it has not settled after the queued work ran. */
async function settledWithin<T>(p: Promise<T>): Promise<T | 'pending'> {
  return Promise.race([p, new Promise<'pending'>((r) => setTimeout(() => r('pending'), 50))]);
}
