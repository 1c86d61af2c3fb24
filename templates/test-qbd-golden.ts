// Test support for the QuickBooks Desktop golden tests: a whole Weft on its own
// schema whose Desktop sandbox polls /qbwc every 200 ms (npm start: every 3 s), and
// the checks the opportunity → Desktop transaction tests share.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { bootWeft } from '../server/boot';
import { testSchema } from '../scripts/test-databases';
import { node, quiet, runTemplate, sinkCounts, type Golden } from './test-golden';

export async function bootQbdGolden(
  url: string,
  prefix: string,
  extra: { demoCredits?: boolean } = {},
): Promise<Golden> {
  const dir = mkdtempSync(join(tmpdir(), `weft-${prefix}-`));
  const weft = await bootWeft({
    dataDir: dir,
    port: null,
    databaseUrl: url,
    pgSchema: testSchema(prefix),
    log: quiet,
    qbdPollMs: 200,
    ...extra,
  });
  return {
    weft,
    close: async () => {
      await weft.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The product whose name is past QuickBooks Desktop's 31 characters: the products flow makes no item of it. */
export const LONG_PRODUCT = PRODUCTS.findIndex((p) => [...p.Name].length > 31);

/** The opportunities, of those given, with a line of that product: their transaction fails at the sink. */
export const withoutItem = (opps: number[]) =>
  opps.filter((i) => opportunityLines(i).some((l) => l.product === LONG_PRODUCT));

type QbdLine = { ItemRef: { FullName: string }; Quantity: string; Rate?: string; Cost?: string };

/** A Desktop transaction's item lines are the opportunity's products, quantities and prices, in order. */
export function expectOpportunityLines(lines: QbdLine[], i: number): void {
  expect(
    lines.map((l) => ({ item: l.ItemRef.FullName, qty: Number(l.Quantity), price: Number(l.Rate ?? l.Cost) })),
  ).toEqual(opportunityLines(i).map((l) => ({ item: PRODUCTS[l.product].Name, qty: l.quantity, price: l.price })));
}

/** The sink's failures: QuickBooks' own 3140 (no such item) for each opportunity whose item was never made. */
export async function expectMissingItems(g: Golden, runId: string, sink: string, count: number): Promise<void> {
  const missing = await g.weft.services.runs.failures('default', runId, sink, 10);
  expect(missing).toHaveLength(count);
  for (const f of missing)
    expect(f.failure).toMatchObject({ code: 'qbd.3140', message: expect.stringContaining('QuickBooks Item') });
}

/**
 * A second run reads nothing new; read again from the start, every bound opportunity updates its transaction
 * in place, and the company file holds as many as before.
 */
export async function expectRerunUpdates(
  g: Golden,
  c: { flow: string; bind: string; sink: string },
  bound: number,
  updated: number,
  transactions: () => unknown[],
): Promise<void> {
  expect(node(await runTemplate(g.weft, c.flow), 'opportunities').in).toBe(0);
  const count = transactions().length;
  await g.weft.services.runs.setWatermark('default', `template-${c.flow}`, 'opportunities', null);
  const third = await runTemplate(g.weft, c.flow);
  expect(node(third, c.bind)).toMatchObject({ out: bound, failed: 0 });
  expect(await sinkCounts(g.weft, third.runId, c.sink)).toMatchObject({ created: 0, updated });
  expect(transactions()).toHaveLength(count);
}
