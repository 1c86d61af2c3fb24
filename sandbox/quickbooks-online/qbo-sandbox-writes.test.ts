// The simulator's writes over real HTTP: full and sparse updates, name rules, totals, requestid
// replay, batch and CDC.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QboSandbox } from './index';
import { call, inOrder, q, startClocked, T0 } from './test-http';

let s: QboSandbox;
let clock = T0;
let token: string;

beforeEach(async () => {
  clock = T0;
  ({ s, token } = await startClocked(() => clock));
});
afterEach(() => s.close());

describe('writes', () => {
  it('full update wipes omitted fields, sparse keeps them, SyncToken must be current (5010)', async () => {
    const c = (
      await call(s, token, 'customer', { body: { DisplayName: 'Wipe Co', CompanyName: 'Wipe Inc', Notes: 'keep?' } })
    ).json.Customer;
    expect(c.SyncToken).toBe('0');
    const sparse = (
      await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '0', sparse: true, Notes: 'changed' } })
    ).json.Customer;
    expect(sparse).toMatchObject({ CompanyName: 'Wipe Inc', Notes: 'changed', SyncToken: '1' });
    const full = (await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '1', DisplayName: 'Wipe Co' } })).json
      .Customer;
    expect(full.CompanyName).toBeUndefined();
    expect(full.Notes).toBeUndefined();
    expect(full.SyncToken).toBe('2');
    const stale = await call(s, token, 'customer', { body: { Id: c.Id, SyncToken: '1', sparse: true, Notes: 'late' } });
    expect(stale.status).toBe(400);
    expect(stale.json.Fault.Error[0]).toMatchObject({ code: '5010', Message: 'Stale Object Error' });
  });

  it('enforces Customer name rules with the real codes', async () => {
    await call(s, token, 'vendor', { body: { DisplayName: 'Shared Name' } });
    const dup = await call(s, token, 'customer', { body: { DisplayName: 'shared name ' } });
    expect(dup.json.Fault.Error[0]).toMatchObject({ code: '6240', Message: 'Duplicate Name Exists Error' });
    expect(dup.json.Fault.Error[0].Detail).toContain('Another vendor is already using this name');
    expect((await call(s, token, 'customer', { body: { DisplayName: 'Parent:Child' } })).json.Fault.Error[0].code).toBe(
      '2040',
    );
    const long = await call(s, token, 'customer', { body: { DisplayName: 'x'.repeat(501) } });
    expect(long.json.Fault.Error[0]).toMatchObject({ code: '2050', element: 'DisplayName' });
    expect(long.json.Fault.Error[0].Detail).toContain('Max:500 supplied:501');
    expect(
      (await call(s, token, 'customer', { body: { DisplayName: 'X', Colour: 'red' } })).json.Fault.Error[0],
    ).toMatchObject({ code: '2010', element: 'Colour' });
    expect((await call(s, token, 'customer', { body: { CompanyName: 'Nameless' } })).json.Fault.Error[0].code).toBe(
      '6080',
    );
    expect(
      (await call(s, token, 'customer', { body: { GivenName: 'Ada', FamilyName: 'Lovelace' } })).json.Customer
        .DisplayName,
    ).toBe('Ada Lovelace');
    const del = await call(s, token, 'customer?operation=delete', { body: { Id: '1', SyncToken: '0' } });
    expect(del.json.Fault.Error[0].code).toBe('500');
    expect((await call(s, token, 'customer/99999')).json.Fault.Error[0].code).toBe('610');
  });

  it('computes invoice totals, checks Qty × UnitPrice, applies payments to balances', async () => {
    const line = (amount: number, qty: number) => ({
      DetailType: 'SalesItemLineDetail',
      Amount: amount,
      SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: qty, UnitPrice: 100 },
    });
    expect(
      (await call(s, token, 'invoice', { body: { CustomerRef: { value: '5' }, Line: [line(150, 2)] } })).json.Fault
        .Error[0].code,
    ).toBe('6070');
    expect(
      (
        await call(s, token, 'invoice', {
          body: { CustomerRef: { value: '5' }, Line: [line(200, 2)], DocNumber: 'D'.repeat(22) },
        })
      ).json.Fault.Error[0].code,
    ).toBe('2050');
    const inv = (
      await call(s, token, 'invoice', { body: { CustomerRef: { value: '5' }, Line: [line(200, 2), line(300, 3)] } })
    ).json.Invoice;
    expect(inv).toMatchObject({ TotalAmt: 500, Balance: 500 });
    expect(inv.Line.at(-1)).toEqual({ Amount: 500, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} });
    await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '5' },
        TotalAmt: 120,
        Line: [{ Amount: 120, LinkedTxn: [{ TxnId: inv.Id, TxnType: 'Invoice' }] }],
      },
    });
    expect((await call(s, token, `invoice/${inv.Id}`)).json.Invoice.Balance).toBe(380);
    expect((await call(s, token, 'customer/5')).json.Customer.Balance).toBe(380);
  });

  it('replays a repeated requestid without running it again', async () => {
    const first = await call(s, token, 'customer?requestid=req-1', { body: { DisplayName: 'Once Only' } });
    const writes = s.stats.writes;
    const again = await call(s, token, 'customer?requestid=req-1', { body: { DisplayName: 'Once Only' } });
    expect(again.json.Customer).toEqual(first.json.Customer);
    expect(s.stats.writes).toBe(writes);
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Once Only'"))).json.QueryResponse
        .totalCount,
    ).toBe(1);
  });

  it('replays a repeated batch requestid whole: the first answer, its failures included, and nothing runs again', async () => {
    const items = [
      { bId: 'a', operation: 'create', Customer: { DisplayName: 'Replayed Batch Co' } },
      { bId: 'b', operation: 'create', Customer: { DisplayName: 'Replayed Batch Co' } }, // 6240: the name is taken by a
    ];
    const first = await call(s, token, 'batch?requestid=batch-r1', { body: { BatchItemRequest: items } });
    expect(
      inOrder(first, ['a', 'b']).map((x: { bId: string; Fault?: { Error: { code: string }[] } }) => [
        x.bId,
        x.Fault?.Error[0].code ?? 'ok',
      ]),
    ).toEqual([
      ['a', 'ok'],
      ['b', '6240'],
    ]);
    const writes = s.stats.writes;
    // Same requestid, other items: QuickBooks answers as the first time (reference B1) and writes nothing.
    const again = await call(s, token, 'batch?requestid=batch-r1', {
      body: { BatchItemRequest: [{ bId: 'c', operation: 'create', Customer: { DisplayName: 'Never Written Co' } }] },
    });
    expect(again.json.BatchItemResponse).toEqual(first.json.BatchItemResponse);
    expect(typeof again.json.time).toBe('string');
    expect(s.stats.writes).toBe(writes);
    expect(
      (await call(s, token, q("select count(*) from Customer where DisplayName = 'Never Written Co'"))).json
        .QueryResponse.totalCount,
    ).toBe(0);
  });

  it('batch: at most 30 items (1040); items fail alone', async () => {
    const many = Array.from({ length: 31 }, (_, i) => ({
      bId: String(i),
      operation: 'create',
      Customer: { DisplayName: `B${i}` },
    }));
    expect((await call(s, token, 'batch', { body: { BatchItemRequest: many } })).json.Fault.Error[0].code).toBe('1040');
    const r = await call(s, token, 'batch', {
      body: {
        BatchItemRequest: [
          { bId: 'a', operation: 'create', Customer: { DisplayName: 'Batch One' } },
          { bId: 'b', operation: 'create', Customer: { DisplayName: 'Batch One' } },
          { bId: 'c', Query: 'select count(*) from Item' },
        ],
      },
    });
    expect(r.status).toBe(200);
    const [a, b, c] = inOrder(r, ['a', 'b', 'c']);
    expect(r.json.BatchItemResponse).toHaveLength(3);
    expect(a.Customer.DisplayName).toBe('Batch One');
    expect(b).toMatchObject({ bId: 'b', Fault: { type: 'ValidationFault', Error: [{ code: '6240' }] } });
    expect(c.QueryResponse.totalCount).toBe(4);
  });

  it('CDC returns changes and deletions within 30 days', async () => {
    await call(s, token, 'customer', { body: { DisplayName: 'Changed Lately' } });
    const inv = (
      await call(s, token, 'invoice', {
        body: {
          CustomerRef: { value: '5' },
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: 100,
              SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: 100 },
            },
          ],
        },
      })
    ).json.Invoice;
    await call(s, token, 'invoice?operation=delete', { body: { Id: inv.Id, SyncToken: inv.SyncToken } });
    const r = await call(
      s,
      token,
      `cdc?entities=Customer,Invoice&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
    );
    const [customers, invoices] = r.json.CDCResponse[0].QueryResponse;
    expect(customers.Customer.map((c: any) => c.DisplayName)).toEqual(['Changed Lately']);
    expect(invoices.Invoice).toEqual([
      { Id: inv.Id, status: 'Deleted', domain: 'QBO', MetaData: { LastUpdatedTime: '2026-07-01T05:00:00-07:00' } },
    ]);
    const old = await call(
      s,
      token,
      `cdc?entities=Customer&changedSince=${encodeURIComponent('2026-05-01T00:00:00Z')}`,
    );
    expect(old.status).toBe(400);
    expect(old.json.Fault.Error[0].Detail).toBe(
      'Operation cdc with changedSince date 2026-05-01T00:00:00Z which is older than fixed days is not supported.',
    );
    expect(
      (
        await call(
          s,
          token,
          `cdc?entities=TimeActivity&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
        )
      ).status,
    ).toBe(400);
  });

  it('CDC answers at most 1000 objects, shared by the entities asked for, oldest changes first', async () => {
    for (let i = 0; i < 1005; i++)
      s.store.insert(s.realmId, 'Vendor', { DisplayName: `Vendor ${i}` }, `Vendor ${i}`, clock + i * 1000);
    await call(s, token, 'customer', { body: { DisplayName: 'Changed Lately' } });
    const r = await call(
      s,
      token,
      `cdc?entities=Vendor,Customer&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
    );
    const [vendors, customers] = r.json.CDCResponse[0].QueryResponse;
    expect(vendors.Vendor).toHaveLength(1000);
    expect(vendors.Vendor[999].DisplayName).toBe('Vendor 999');
    expect(customers).toEqual({});
  });
});
