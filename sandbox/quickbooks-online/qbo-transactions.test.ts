// Transactions beyond Invoice/Payment — each entity's life cycle, and queries, CDC and batch with
// them — over real HTTP against the simulator. Business rules are in qbo-transactions-rules.test.ts,
// multicurrency and custom fields in qbo-preferences.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboSandbox } from './index';
import { call, inOrder, q } from './test-http';
import { expense, fault, je, sale, startTxnSandbox } from './test-txn';

let s: QboSandbox;
let token: string;

beforeAll(async () => {
  ({ s, token } = await startTxnSandbox());
});
afterAll(() => s.close());

describe('each transaction entity: create, query, sparse and full update, delete or void', () => {
  const cases: { entity: string; body: Record<string, unknown>; total?: number; end: 'void' | 'delete'; by: string }[] =
    [
      {
        entity: 'SalesReceipt',
        body: { CustomerRef: { value: '1' }, Line: [sale(200, 2)], DepositToAccountRef: { value: '6' } },
        total: 200,
        end: 'void',
        by: 'CustomerRef',
      },
      {
        entity: 'Estimate',
        body: { CustomerRef: { value: '1' }, Line: [sale(150, 1)], ExpirationDate: '2026-08-01' },
        total: 150,
        end: 'delete',
        by: 'CustomerRef',
      },
      {
        entity: 'CreditMemo',
        body: { CustomerRef: { value: '2' }, Line: [sale(50, 1)] },
        total: 50,
        end: 'delete',
        by: 'CustomerRef',
      },
      {
        entity: 'Bill',
        body: {
          VendorRef: { value: '1' },
          Line: [expense(80), expense(20)],
          DocNumber: 'B-77',
          APAccountRef: { value: '8' },
        },
        total: 100,
        end: 'delete',
        by: 'VendorRef',
      },
      {
        entity: 'VendorCredit',
        body: { VendorRef: { value: '2' }, Line: [expense(30)] },
        total: 30,
        end: 'delete',
        by: 'VendorRef',
      },
      {
        entity: 'PurchaseOrder',
        body: {
          VendorRef: { value: '1' },
          Line: [
            {
              DetailType: 'ItemBasedExpenseLineDetail',
              Amount: 500,
              ItemBasedExpenseLineDetail: { ItemRef: { value: '3' }, Qty: 2, UnitPrice: 250 },
            },
          ],
        },
        total: 500,
        end: 'delete',
        by: 'VendorRef',
      },
      {
        entity: 'Purchase',
        body: {
          PaymentType: 'Cash',
          AccountRef: { value: '6' },
          EntityRef: { value: '1', type: 'Vendor' },
          Line: [expense(12.5)],
        },
        total: 12.5,
        end: 'delete',
        by: 'TxnDate',
      },
      {
        entity: 'Purchase',
        body: { PaymentType: 'Check', AccountRef: { value: '6' }, DocNumber: '1042', Line: [expense(40)] },
        total: 40,
        end: 'delete',
        by: 'DocNumber',
      },
      {
        entity: 'Purchase',
        body: { PaymentType: 'CreditCard', AccountRef: { value: '9' }, Line: [expense(60)] },
        total: 60,
        end: 'delete',
        by: 'TxnDate',
      },
      {
        entity: 'Deposit',
        body: {
          DepositToAccountRef: { value: '6' },
          Line: [{ DetailType: 'DepositLineDetail', Amount: 1000, DepositLineDetail: { AccountRef: { value: '11' } } }],
        },
        total: 1000,
        end: 'delete',
        by: 'TxnDate',
      },
      {
        entity: 'JournalEntry',
        body: { DocNumber: 'JE-1', Line: [je('Debit', 75, '10'), je('Credit', 75, '6')] },
        total: 75,
        end: 'delete',
        by: 'DocNumber',
      },
      {
        entity: 'TimeActivity',
        body: {
          NameOf: 'Employee',
          EmployeeRef: { value: '1' },
          CustomerRef: { value: '1' },
          ItemRef: { value: '2' },
          Hours: 2,
          Minutes: 30,
          BillableStatus: 'Billable',
          HourlyRate: 150,
          TxnDate: '2026-06-30',
        },
        end: 'delete',
        by: 'CustomerRef',
      },
    ];
  for (const c of cases) {
    it(`${c.entity}${c.body.PaymentType ? ` (${String(c.body.PaymentType)})` : ''}`, async () => {
      const path = c.entity.toLowerCase();
      const note = c.entity === 'TimeActivity' ? 'Description' : 'PrivateNote';
      const made = await call(s, token, `${path}?minorversion=75`, { body: { ...c.body, [note]: 'first' } });
      expect(made.status).toBe(200);
      const row = made.json[c.entity];
      expect(row).toMatchObject({
        Id: expect.any(String),
        SyncToken: '0',
        domain: 'QBO',
        TxnDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      });
      if (c.total !== undefined) expect(row.TotalAmt).toBe(c.total);
      if (c.entity !== 'TimeActivity') expect(row.CurrencyRef).toEqual({ value: 'USD', name: 'United States Dollar' });

      const where =
        c.by === 'TxnDate'
          ? `TxnDate = '${row.TxnDate}'`
          : c.by === 'DocNumber'
            ? `DocNumber = '${row.DocNumber}'`
            : `${c.by} = '${row[c.by].value}'`;
      const found = await call(
        s,
        token,
        q(`select * from ${c.entity} where ${where} AND MetaData.LastUpdatedTime >= '2026-07-01T00:00:00-07:00'`),
      );
      expect(found.json.QueryResponse[c.entity].map((x: any) => x.Id)).toContain(row.Id);

      const field = note;
      const sparse = await call(s, token, path, {
        body: { Id: row.Id, SyncToken: '0', sparse: true, [field]: 'second' },
      });
      expect(sparse.json[c.entity]).toMatchObject({ SyncToken: '1', [field]: 'second' });
      if (c.total !== undefined) expect(sparse.json[c.entity].TotalAmt).toBe(c.total);

      // Full update: send the record back without the note — QuickBooks clears it.
      const { [field]: _drop, ...rest } = sparse.json[c.entity];
      const full = await call(s, token, path, { body: rest });
      expect(full.status).toBe(200);
      expect(full.json[c.entity][field]).toBeUndefined();
      expect(full.json[c.entity].SyncToken).toBe('2');
      expect((await call(s, token, path, { body: { ...rest, SyncToken: '1' } })).json.Fault.Error[0].code).toBe('5010');

      const ended = await call(s, token, `${path}?operation=${c.end}`, { body: { Id: row.Id, SyncToken: '2' } });
      expect(ended.status).toBe(200);
      if (c.end === 'delete') {
        expect(ended.json[c.entity]).toEqual({ status: 'Deleted', domain: 'QBO', Id: row.Id });
        expect(fault(await call(s, token, `${path}/${row.Id}`)).code).toBe('610');
      } else {
        expect((await call(s, token, `${path}/${row.Id}`)).json[c.entity]).toMatchObject({
          TotalAmt: 0,
          PrivateNote: 'Voided',
          SyncToken: '3',
        });
      }
      if (c.end === 'delete' && !['Invoice', 'SalesReceipt', 'Payment', 'BillPayment'].includes(c.entity)) {
        expect(
          fault(await call(s, token, `${path}?operation=void`, { body: { Id: row.Id, SyncToken: '3' } })).code,
        ).toBe('500');
      }
    });
  }
});

describe('queries, CDC and batch with the new entities', () => {
  it('queries by TxnDate, DocNumber, VendorRef; CDC returns them (not TimeActivity); batch mixes them', async () => {
    const b = (
      await call(s, token, 'bill', {
        body: { VendorRef: { value: '1' }, Line: [expense(10)], DocNumber: 'Q-1', TxnDate: '2026-06-15' },
      })
    ).json.Bill;
    expect(
      (
        await call(
          s,
          token,
          q("select * from Bill where TxnDate >= '2026-06-01' AND TxnDate < '2026-06-30' AND VendorRef = '1'"),
        )
      ).json.QueryResponse.Bill.map((x: any) => x.Id),
    ).toContain(b.Id);
    expect(
      (await call(s, token, q("select count(*) from Bill where DocNumber LIKE 'Q-%'"))).json.QueryResponse.totalCount,
    ).toBe(1);
    const cdc = await call(
      s,
      token,
      `cdc?entities=Bill,JournalEntry&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
    );
    const [bills] = cdc.json.CDCResponse[0].QueryResponse;
    expect(bills.Bill.map((x: any) => x.Id)).toContain(b.Id);
    expect(
      fault(
        await call(
          s,
          token,
          `cdc?entities=TimeActivity&changedSince=${encodeURIComponent('2026-06-30T00:00:00-07:00')}`,
        ),
      ).code,
    ).toBe('500');

    const sr = (await call(s, token, 'salesreceipt', { body: { CustomerRef: { value: '1' }, Line: [sale(100)] } })).json
      .SalesReceipt;
    const r = await call(s, token, 'batch', {
      body: {
        BatchItemRequest: [
          { bId: '1', operation: 'create', JournalEntry: { Line: [je('Debit', 5, '10'), je('Credit', 5, '6')] } },
          { bId: '2', operation: 'create', JournalEntry: { Line: [je('Debit', 5, '10'), je('Credit', 4, '6')] } },
          { bId: '3', operation: 'update', optionsData: 'void', SalesReceipt: { Id: sr.Id, SyncToken: sr.SyncToken } },
          { bId: '4', Query: "select * from Bill where DocNumber = 'Q-1'" },
        ],
      },
    });
    const [ok, bad, voided, query] = inOrder(r, ['1', '2', '3', '4']);
    expect(ok.JournalEntry.TotalAmt).toBe(5);
    expect(bad.Fault.Error[0].code).toBe('6000');
    expect(voided.SalesReceipt.TotalAmt).toBe(0);
    expect(query.QueryResponse.Bill[0].Id).toBe(b.Id);
  });
});

describe('expense line ids (Bill, PurchaseOrder, Purchase)', () => {
  it('an update keeps a line sent with its Id and numbers a new one past the kept ones', async () => {
    const made = await call(s, token, 'bill?minorversion=75', {
      body: { VendorRef: { value: '1' }, Line: [expense(80), expense(20), expense(5)] },
    });
    const bill = made.json.Bill;
    expect(bill.Line.map((l: { Id: string }) => l.Id)).toEqual(['1', '2', '3']);
    // The first line dropped, the third edited, a new line added: the kept line keeps Id 3, the new one takes a free Id.
    const [, second, third] = bill.Line;
    const body = { Id: bill.Id, SyncToken: '0', sparse: true, Line: [second, { ...third, Amount: 7 }, expense(9)] };
    const updated = (await call(s, token, 'bill?minorversion=75', { body })).json.Bill;
    expect(updated.Line.map((l: { Id: string; Amount: number }) => [l.Id, l.Amount])).toEqual([
      ['2', 20],
      ['3', 7],
      ['1', 9],
    ]);
  });
});
