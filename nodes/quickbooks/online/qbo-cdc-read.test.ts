// The source node's change data capture mode against the QuickBooks Online sandbox
// over HTTP, with one clock for the sandbox and the node (the 30-day rule is about time).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import { accessToken, call } from '../../../sandbox/quickbooks-online/test-http';
import type { SourcePage } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qboSourceNode } from './qbo-source.node';

const DAY = 86_400_000;
let clock: number;
let s: QboSandbox;
let ctx: MemoryContext;
let token: string;
let customerId: string;

beforeEach(async () => {
  clock = Date.UTC(2026, 2, 2, 20, 0, 0); // 56 days after the sandbox's seed
  s = await startQboSandbox({ limits: false, seed: { accounts: 20 }, now: () => clock, accessTokenTtlMs: 400 * DAY });
  ctx = memoryContext({
    qbo: {
      kind: 'quickbooks-online',
      settings: {
        baseUrl: s.baseUrl,
        tokenUrl: s.tokenUrl,
        realmId: s.realmId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        refreshToken: s.refreshToken,
      },
    },
  });
  ctx.now = () => new Date(clock);
  token = await accessToken(s);
  customerId = s.store.all(s.realmId, 'Customer')[0].id;
});
afterEach(() => s.close());

const line = (amount: number) => [
  {
    DetailType: 'SalesItemLineDetail',
    Amount: amount,
    SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount },
  },
];
async function newInvoice(amount: number): Promise<{ Id: string; SyncToken: string }> {
  const r = await call(s, token, 'invoice', { body: { CustomerRef: { value: customerId }, Line: line(amount) } });
  expect(r.status).toBe(200);
  return r.json.Invoice;
}
async function deleteInvoice(inv: { Id: string; SyncToken: string }) {
  expect(
    (await call(s, token, 'invoice?operation=delete', { body: { Id: inv.Id, SyncToken: inv.SyncToken } })).status,
  ).toBe(200);
}
async function touchInvoice(id: string, memo: string) {
  const cur = (await call(s, token, `invoice/${id}`)).json.Invoice;
  expect(
    (await call(s, token, 'invoice', { body: { Id: id, SyncToken: cur.SyncToken, sparse: true, PrivateNote: memo } }))
      .status,
  ).toBe(200);
}

const cdc = { connection: 'qbo', entity: 'Invoice', changes: 'cdc', includeDeleted: true, pageSize: 2 };
async function read(
  config: Record<string, unknown>,
  watermark: string | null,
  stopAfter = Infinity,
): Promise<SourcePage[]> {
  const c = qboSourceNode.config.parse(config);
  const pages: SourcePage[] = [];
  for await (const p of qboSourceNode.read(ctx, c, await qboSourceNode.open!(ctx, c), watermark)) {
    pages.push(p);
    if (pages.length >= stopAfter) break; // a crash after this page committed
  }
  return pages;
}
const seen = (pages: SourcePage[]) =>
  pages.flatMap((p) => p.records.map((r) => `${r.key}${r.meta.deleted ? ' deleted' : ''}`));
const lastMark = (pages: SourcePage[]) => pages[pages.length - 1].watermark!;

/** A first run (by query: nothing to catch up from) that ends at an invoice written now. */
async function firstRun(): Promise<string> {
  await newInvoice(10);
  const pages = await read(cdc, null);
  expect(ctx.statuses.at(-1)).toMatch(/^First run: reading every record by query/);
  return lastMark(pages);
}

describe('quickbooks-online.source with change data capture', () => {
  it('catches up with one CDC call: exactly the changed rows, a deletion included, pages of the asked size', async () => {
    const mark = await firstRun();
    clock += DAY;
    const seeded = s.store.all(s.realmId, 'Invoice');
    await touchInvoice(seeded[0].id, 'changed later');
    clock += 1000;
    const added = await newInvoice(20);
    clock += 1000;
    await deleteInvoice({ Id: seeded[1].id, SyncToken: String(seeded[1].syncToken) });
    const before = s.stats.requests;
    const pages = await read(cdc, mark);
    expect(s.stats.requests - before).toBe(1);
    expect(seen(pages)).toEqual([seeded[0].id, added.Id, `${seeded[1].id} deleted`]);
    expect(pages.map((p) => p.records.length)).toEqual([2, 1]);
    const gone = pages[1].records[0];
    expect(gone).toMatchObject({
      data: { Id: seeded[1].id },
      meta: { deleted: true, source: { entity: 'Invoice', modifiedOn: '2026-03-03T12:00:02-08:00' } },
    });
    expect(pages[0].records[0].data.PrivateNote).toBe('changed later');
    expect(ctx.statuses.at(-1)).toBeNull();
    // Without includeDeleted the deletion stays out; nothing is left after the last mark.
    expect(seen(await read({ ...cdc, includeDeleted: false }, mark))).toEqual([seeded[0].id, added.Id]);
    expect(await read(cdc, lastMark(pages))).toEqual([]);
  });

  it('falls back to the query past 30 days and says so on the node — also when QuickBooks itself refuses', async () => {
    const old = lastMark(await read({ ...cdc, changes: 'query' }, null)); // seeded on 2026-01-05
    clock += 1000;
    const added = await newInvoice(30);
    expect(seen(await read(cdc, old))).toEqual([added.Id]);
    expect(ctx.statuses.at(-1)).toBe(
      `Last read up to ${old.split('|')[0]}, beyond the 30 days QuickBooks change data capture looks ` +
        `back: reading changes by query (deleted records are not seen).`,
    );

    // Our clock 10 days behind Intuit's: we think 25 days, QuickBooks counts 35.
    const mark = (await read(cdc, null)).at(-1)!.watermark!;
    clock += 35 * DAY;
    ctx.now = () => new Date(clock - 10 * DAY);
    const late = await newInvoice(40);
    expect(seen(await read(cdc, mark))).toEqual([late.Id]);
    expect(ctx.statuses.at(-1)).toMatch(
      /^QuickBooks refused change data capture from .* \(older than it keeps\): reading changes by query/,
    );
  });

  it('over 1000 changes (the most CDC answers): reads the window by query and loses nothing', async () => {
    const mark = await firstRun();
    // 1050 new invoices over 35 seconds, written straight into the sandbox's store (the
    // API path takes seconds per thousand); the first deleted early, the last at the end.
    const body = s.store.all(s.realmId, 'Invoice')[0].body;
    const ids: string[] = [];
    for (let b = 0; b < 35; b++) {
      clock += 1000;
      s.store.transaction(() => {
        for (let i = 0; i < 30; i++) ids.push(s.store.insert(s.realmId, 'Invoice', body, undefined, clock).id);
      });
      if (b === 0) {
        clock += 1000;
        await deleteInvoice({ Id: ids[0], SyncToken: '0' });
      }
    }
    clock += 1000;
    await deleteInvoice({ Id: ids[1049], SyncToken: '0' });
    expect(ids.length).toBe(1050);
    const pages = await read({ ...cdc, pageSize: 400 }, mark);
    expect(ctx.statuses.at(-1)).toBe(
      `1000 or more Invoice changes since ${mark.split('|')[0]}, more than change data capture answers ` +
        `at once: reading them by query, deletions over 2 change data capture calls.`,
    );
    const got = seen(pages);
    expect(new Set(got).size).toBe(got.length);
    expect(got.sort()).toEqual([...ids.slice(1, 1049), `${ids[0]} deleted`, `${ids[1049]} deleted`].sort());
    expect(pages.every((p) => p.records.length <= 400 + 1)).toBe(true);
    // The next run is a plain CDC catch-up again, from where the query left off.
    expect(await read(cdc, lastMark(pages))).toEqual([]);
    expect(ctx.statuses.at(-1)).toBeNull();
  });

  it('restarts from a mid-run watermark (inside one second) without skipping or repeating, in CDC or query mode', async () => {
    const mark = await firstRun();
    clock += DAY;
    const seeded = s.store.all(s.realmId, 'Invoice');
    await touchInvoice(seeded[0].id, 'one');
    clock += 1000;
    const sameSecond = [await newInvoice(1), await newInvoice(2), await newInvoice(3)];
    clock += 1000;
    await deleteInvoice({ Id: seeded[2].id, SyncToken: String(seeded[2].syncToken) });
    clock += 1000;
    const lastOne = await newInvoice(4);
    const whole = seen(await read(cdc, mark));
    expect(whole).toEqual([seeded[0].id, ...sameSecond.map((i) => i.Id), `${seeded[2].id} deleted`, lastOne.Id]);

    const crashed = await read(cdc, mark, 1); // [touched, first of the same second]
    expect(crashed[0].watermark).toMatch(/^2026-03-03T12:00:01-08:00\|\d+\.0$/);
    const resumed = await read(cdc, crashed[0].watermark);
    expect([...seen(crashed), ...seen(resumed)]).toEqual(whole);
    // A later run in query mode continues from the same watermark (it cannot see the deletion).
    expect(seen(await read({ ...cdc, changes: 'query' }, crashed[0].watermark))).toEqual(
      whole.slice(2).filter((k) => !k.endsWith('deleted')),
    );
  });
});
