import { describe, expect, it } from 'vitest';
import { GroupedWrites } from './grouped-writes';

/** A statement that stays open until the test lets it finish, recording the rows it carried. */
function manualWriter() {
  const statements: number[][] = [];
  const finish: (() => void)[] = [];
  const fail: ((e: Error) => void)[] = [];
  const write = (rows: number[]) => {
    statements.push([...rows]);
    return new Promise<void>((ok, no) => {
      finish.push(ok);
      fail.push(no);
    });
  };
  return { statements, finish, fail, write };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('GroupedWrites', () => {
  it('sends the first rows at once and the rows handed in meanwhile together in one statement', async () => {
    const w = manualWriter();
    const g = new GroupedWrites(w.write);
    const settled: string[] = [];
    g.add([1]).then(() => settled.push('a'));
    g.add([2]).then(() => settled.push('b'));
    g.add([3, 4]).then(() => settled.push('c'));
    expect(w.statements).toEqual([[1]]);
    w.finish[0]();
    await tick();
    expect(settled).toEqual(['a']); // b and c are not stored yet: their promise waits for their statement
    expect(w.statements).toEqual([[1], [2, 3, 4]]);
    w.finish[1]();
    await tick();
    expect(settled).toEqual(['a', 'b', 'c']);
  });

  it('gives a failed statement’s error to the callers whose rows it held, and goes on with the next', async () => {
    const w = manualWriter();
    const g = new GroupedWrites(w.write);
    const first = g.add([1]);
    const second = g.add([2]);
    w.fail[0](new Error('connection lost'));
    await expect(first).rejects.toThrow('connection lost');
    await tick();
    expect(w.statements).toEqual([[1], [2]]);
    w.finish[1]();
    await expect(second).resolves.toBeUndefined();
  });

  it('sends a failed group again caller by caller: only the caller whose rows are refused fails', async () => {
    const statements: number[][] = [];
    // PostgreSQL refuses any statement holding the row 13 (as it would a text with a NUL in it).
    const g = new GroupedWrites(async (rows: number[]) => {
      statements.push([...rows]);
      await new Promise((r) => setImmediate(r));
      if (rows.includes(13)) throw new Error('invalid byte sequence');
    });
    const first = g.add([1]);
    const fine = g.add([2, 3]);
    const bad = g.add([13]);
    const alsoFine = g.add([4]);
    await expect(first).resolves.toBeUndefined();
    await expect(fine).resolves.toBeUndefined();
    await expect(bad).rejects.toThrow('invalid byte sequence');
    await expect(alsoFine).resolves.toBeUndefined();
    expect(statements).toEqual([[1], [2, 3, 13, 4], [2, 3], [13], [4]]);
  });

  it('never puts more than maxRows in one statement', async () => {
    const w = manualWriter();
    const g = new GroupedWrites(w.write, 3);
    const all = [g.add([1]), g.add([2, 3]), g.add([4, 5]), g.add([6])];
    for (let i = 0; i < 3; i++) {
      w.finish[i]();
      await tick();
    }
    await Promise.all(all);
    expect(w.statements).toEqual([[1], [2, 3], [4, 5, 6]]);
  });
});
