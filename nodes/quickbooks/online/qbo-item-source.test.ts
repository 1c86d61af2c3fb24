// The item lookup and the source node against the QuickBooks Online sandbox over HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import type { FlowRecord, RecordResult, SourcePage } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qboItemLookupNode } from './qbo-item-lookup.node';
import { parseQboWatermark, qboSourceNode } from './qbo-source.node';

let s: QboSandbox;
let ctx: MemoryContext;

beforeEach(async () => {
  s = await startQboSandbox({ limits: false, seed: { accounts: 40 } });
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
});
afterEach(() => s.close());

const opp = (key: string, lines: [string, string, number][]): FlowRecord => ({
  key,
  data: {
    Title: `Deal ${key}`,
    Lines: lines.map(([ProductId, Name, Price]) => ({ ProductId, Price, Product: { Name } })),
  },
  meta: { source: { node: 'opps', system: 'creatio', entity: 'Opportunity', connection: 'crm' } },
});

async function items(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboItemLookupNode.config.parse({ connection: 'qbo', collection: 'Lines', ...config });
  return qboItemLookupNode.process(ctx, c, await qboItemLookupNode.open!(ctx, c), batch);
}
const itemRows = () =>
  s.store
    .all(s.realmId, 'Item')
    .map((r) => ({ Id: r.id, ...r.body }) as { Id: string; Name: string; Type: string; UnitPrice: number });

describe('quickbooks-online.item-lookup', () => {
  it('finds items by name (any case), creates the missing ones once, and links products to them', async () => {
    const before = itemRows().length;
    const out = await items({ operations: 'find-or-create', priceField: 'Price' }, [
      opp('o1', [
        ['p1', ' consulting hours ', 150],
        ['p2', 'Gizmo "Pro" & <Max>', 12.5],
      ]),
      opp('o2', [['p2', 'Gizmo "Pro" & <Max>', 12.5]]),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['passed', 'passed']);
    const consulting = itemRows().find((x) => x.Name === 'Consulting Hours')!;
    const gizmo = itemRows().find((x) => x.Name === 'Gizmo "Pro" & <Max>')!;
    expect(gizmo).toMatchObject({ Type: 'Service', UnitPrice: 12.5 });
    expect(itemRows()).toHaveLength(before + 1);
    expect(out[0].record.data.Lines).toMatchObject([{ ItemId: consulting.Id }, { ItemId: gizmo.Id }]);
    expect(out[1].record.data.Lines).toMatchObject([{ ItemId: gizmo.Id }]);
    // A renamed product stays on its item: the link wins over the name.
    const again = await items({ operations: 'find-only' }, [opp('o3', [['p2', 'Gizmo renamed', 12.5]])]);
    expect(again[0].record.data.Lines).toMatchObject([{ ItemId: gizmo.Id }]);
  });

  it('fails only the records whose product has no item (find only) or cannot become one (name too long)', async () => {
    const findOnly = await items({}, [opp('o1', [['p9', 'Unknown thing', 1]]), opp('o2', [['p1', 'Shipping', 15]])]);
    expect(findOnly.map((r) => r.outcome)).toEqual(['failed', 'passed']);
    expect(findOnly[0].failure).toMatchObject({
      code: 'weft.item.missing',
      message: 'Opportunity "Deal o1": no QuickBooks item is named "Unknown thing" (line 1).',
    });
    const long = 'L'.repeat(101);
    const create = await items({ operations: 'find-or-create' }, [
      opp('o3', [
        ['p1', 'Shipping', 15],
        ['p7', long, 1],
      ]),
      opp('o4', [['p8', 'Fine & dandy', 1]]),
    ]);
    expect(create.map((r) => r.outcome)).toEqual(['failed', 'passed']);
    expect(create[0].failure).toMatchObject({
      code: 'qbo.2050',
      field: 'Name',
      message: expect.stringContaining(
        'Opportunity "Deal o3", line 2: QuickBooks refused the Item: Name is too long: 101 characters',
      ),
    });
    expect(itemRows().some((x) => x.Name.startsWith('LLL'))).toBe(false);
  });
});

async function readAll(config: Record<string, unknown>, watermark: string | null): Promise<SourcePage[]> {
  const c = qboSourceNode.config.parse({ connection: 'qbo', ...config });
  const pages: SourcePage[] = [];
  for await (const p of qboSourceNode.read(ctx, c, await qboSourceNode.open!(ctx, c), watermark)) pages.push(p);
  return pages;
}

describe('quickbooks-online.source', () => {
  it('reads every row once across pages, even when many share one LastUpdatedTime, then only the changes', async () => {
    const all = s.store.all(s.realmId, 'Customer');
    const pages = await readAll({ pageSize: 2 }, null);
    const keys = pages.flatMap((p) => p.records.map((r) => r.key));
    expect(keys.sort()).toEqual(
      all
        .filter((r) => r.body.Active !== false)
        .map((r) => r.id)
        .sort(),
    );
    expect(pages.every((p) => p.records.length <= 2)).toBe(true);
    expect(pages[0].records[0].meta.source).toMatchObject({
      system: 'quickbooks-online',
      entity: 'Customer',
      connection: 'qbo',
    });
    const last = pages[pages.length - 1].watermark!;
    expect(parseQboWatermark(last)!.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    expect(await readAll({ pageSize: 2 }, last)).toEqual([]);

    // Two writes in the same second as each other: both come, once.
    const token = ctx.settings.get('qbo')!.accessToken as string;
    for (const name of ['Nouveau Client & Fils <Québec>', 'Second "new" one']) {
      const r = await fetch(`${s.baseUrl}/v3/company/${s.realmId}/customer?minorversion=75`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ DisplayName: name }),
      });
      expect(r.status).toBe(200);
    }
    const changed = await readAll({ pageSize: 1 }, last);
    expect(changed.flatMap((p) => p.records.map((r) => r.data.DisplayName))).toEqual([
      'Nouveau Client & Fils <Québec>',
      'Second "new" one',
    ]);
  });

  it('includes inactive rows on request and refuses OR in its conditions', async () => {
    await readAll({}, null); // signs in
    const token = ctx.settings.get('qbo')!.accessToken as string;
    const r = await fetch(`${s.baseUrl}/v3/company/${s.realmId}/customer?minorversion=75`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ DisplayName: 'Dormant Ltd', Active: false }),
    });
    expect(r.status).toBe(200);
    const active = (await readAll({ incremental: false }, null)).flatMap((p) => p.records);
    const every = (await readAll({ incremental: false, includeInactive: true }, null)).flatMap((p) => p.records);
    expect(every.map((x) => x.data.DisplayName).filter((n) => !active.some((a) => a.data.DisplayName === n))).toEqual([
      'Dormant Ltd',
    ]);
    expect(qboSourceNode.config.safeParse({ where: 'Job = false or Active = true' }).success).toBe(false);
    expect(qboSourceNode.config.safeParse({ connection: 'qbo', where: "DisplayName = 'Salt or Pepper'" }).success).toBe(
      true,
    );
  });
});
