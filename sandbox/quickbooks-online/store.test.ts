import { describe, expect, it } from 'vitest';
import { QboStore } from './store';

describe('QuickBooks Online sandbox store', () => {
  it('finds customers by a list of names through the index on names, whatever the company size', () => {
    const store = new QboStore(':memory:');
    store.addRealm({ id: 'r', name: 'Co', timeZone: 'UTC' });
    store.transaction(() => {
      for (let i = 0; i < 2_000; i++) store.insert('r', 'Customer', { DisplayName: `Name ${i}` }, `Name ${i}`, 0);
    });
    expect(
      store
        .byName('r', ['Customer'], ['name 7', ' NAME 1999 ', 'nobody'])
        .map((r) => r.body.DisplayName)
        .sort(),
    ).toEqual(['Name 1999', 'Name 7']);
    expect(store.nameHolders('r', ['Customer', 'Vendor', 'Employee'], 'Name 42')).toEqual([
      { entity: 'Customer', id: '43' },
    ]);
    // The binding query asks for 100 names at a time: reading every row of the entity instead made a 100k run twice as slow.
    // The statement the store ran (its cache of prepared statements holds the text), explained.
    const sql = [...(store as unknown as { statements: Map<string, unknown> }).statements.keys()].find((k) =>
      k.includes('name_key IN'),
    )!;
    const plan = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('r', 'Customer', 'a', 'b', 'c') as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX row_name/);
    store.close();
  });
});
