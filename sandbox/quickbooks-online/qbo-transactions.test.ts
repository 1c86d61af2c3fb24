// Transactions beyond Invoice/Payment, multicurrency, custom fields and
// preferences — over real HTTP against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from './index';
import { accessToken, call, inOrder, q } from './test-http';

let s: QboSandbox;
let token: string;
let token2: string;
const clock = Date.UTC(2026, 6, 1, 12, 0, 0);

// Seeded Ids (per entity): accounts 6 Checking, 8 A/P, 9 Company Visa, 10 Office Expenses, 11 Owner Equity;
// items 1 Services, 3 Hardware Kit; vendors 1, 2; employee 1; demo customers 1….
const expense = (amount: number, account = '10') => ({
  DetailType: 'AccountBasedExpenseLineDetail',
  Amount: amount,
  AccountBasedExpenseLineDetail: { AccountRef: { value: account } },
});
const sale = (amount: number, qty = 1, item = '1') => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty: qty, UnitPrice: amount / qty },
});
const je = (type: 'Debit' | 'Credit', amount: number, account: string) => ({
  DetailType: 'JournalEntryLineDetail',
  Amount: amount,
  JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account } },
});

beforeAll(async () => {
  s = await startQboSandbox({ limits: false, now: () => clock, seed: { accounts: 40 } });
  token = await accessToken(s);
  token2 = await accessToken(s, s.realmIds[1]);
});
afterAll(() => s.close());

const fault = (r: { json: any }) => r.json.Fault.Error[0];

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

describe('business rules', () => {
  it('refuses a journal entry whose debits and credits differ (6000), naming both sums', async () => {
    const r = await call(s, token, 'journalentry', { body: { Line: [je('Debit', 100, '10'), je('Credit', 90, '6')] } });
    expect(r.status).toBe(400);
    expect(fault(r)).toMatchObject({
      code: '6000',
      Message: 'A business validation error has occurred while processing your request',
      element: 'Line',
    });
    expect(fault(r).Detail).toContain('debits 100.00 must equal credits 90.00');
    expect(
      fault(
        await call(s, token, 'journalentry', {
          body: { Line: [{ ...je('Debit', 1, '10'), JournalEntryLineDetail: { AccountRef: { value: '10' } } }] },
        }),
      ),
    ).toMatchObject({ code: '2020', element: 'PostingType' });
  });

  it('pays a bill with a check BillPayment, and voiding the payment opens the bill again', async () => {
    const bill = (
      await call(s, token, 'bill', { body: { VendorRef: { value: '2' }, Line: [expense(300)], DueDate: '2026-07-31' } })
    ).json.Bill;
    expect(bill).toMatchObject({ Balance: 300, TotalAmt: 300 });
    const pay = (amount: number, extra: Record<string, unknown>) => ({
      VendorRef: { value: '2' },
      TotalAmt: amount,
      Line: [{ Amount: amount, LinkedTxn: [{ TxnId: bill.Id, TxnType: 'Bill' }] }],
      ...extra,
    });
    const wrong = await call(s, token, 'billpayment', {
      body: pay(300, { PayType: 'CreditCard', CreditCardPayment: { CCAccountRef: { value: '6' } } }),
    });
    expect(fault(wrong)).toMatchObject({ code: '6000', element: 'CCAccountRef' });
    expect(fault(await call(s, token, 'billpayment', { body: pay(300, { PayType: 'Check' }) }))).toMatchObject({
      code: '2020',
      element: 'BankAccountRef',
    });
    const paid = await call(s, token, 'billpayment', {
      body: pay(300, { PayType: 'Check', CheckPayment: { BankAccountRef: { value: '6' } } }),
    });
    expect(paid.json.BillPayment).toMatchObject({
      PayType: 'Check',
      TotalAmt: 300,
      CheckPayment: { BankAccountRef: { value: '6', name: 'Checking' }, PrintStatus: 'NeedToPrint' },
    });
    expect((await call(s, token, `bill/${bill.Id}`)).json.Bill.Balance).toBe(0);
    await call(s, token, 'billpayment?operation=void', { body: { Id: paid.json.BillPayment.Id, SyncToken: '0' } });
    expect((await call(s, token, `bill/${bill.Id}`)).json.Bill.Balance).toBe(300);
    const card = await call(s, token, 'billpayment', {
      body: pay(100, { PayType: 'CreditCard', CreditCardPayment: { CCAccountRef: { value: '9' } } }),
    });
    expect(card.json.BillPayment.CreditCardPayment.CCAccountRef.name).toBe('Company Visa');
    expect((await call(s, token, `bill/${bill.Id}`)).json.Bill.Balance).toBe(200);
    expect((await call(s, token, 'vendor/2')).json.Vendor.Balance).toBe(200);
  });

  it('validates references and required fields with the real codes', async () => {
    expect(fault(await call(s, token, 'bill', { body: { Line: [expense(1)] } }))).toMatchObject({
      code: '2020',
      element: 'VendorRef',
    });
    expect(
      fault(await call(s, token, 'bill', { body: { VendorRef: { value: '999' }, Line: [expense(1)] } })),
    ).toMatchObject({ code: '2500', element: 'VendorRef' });
    expect(
      fault(await call(s, token, 'bill', { body: { VendorRef: { value: '1' }, Line: [expense(1, '404')] } })),
    ).toMatchObject({ code: '2500', element: 'AccountRef' });
    const checks = [
      await call(s, token, 'purchase', {
        body: { PaymentType: 'CreditCard', AccountRef: { value: '6' }, Line: [expense(1)] },
      }),
      await call(s, token, 'timeactivity', { body: { NameOf: 'Employee', EmployeeRef: { value: '1' } } }),
      await call(s, token, 'estimate', {
        body: { CustomerRef: { value: '1' }, Line: [{ ...sale(150, 2), Amount: 140 }] },
      }),
    ];
    expect(checks.map((r) => r.json.Fault?.Error[0].code ?? r.status)).toEqual(['6000', '2020', '6070']);
  });

  it('refuses a duplicate DocNumber where the company numbers its own sales forms (6140), not elsewhere', async () => {
    const body = { CustomerRef: { value: '1' }, Line: [sale(100)], DocNumber: 'SR-9' };
    expect((await call(s, token, 'salesreceipt', { body })).status).toBe(200);
    const dup = await call(s, token, 'salesreceipt', { body: { ...body, DocNumber: 'sr-9' } });
    expect(fault(dup)).toMatchObject({
      code: '6140',
      Message: 'Duplicate Document Number Error',
      element: 'DocNumber',
    });
    expect(fault(dup).Detail).toContain('TxnType=SalesReceipt');
    // The second company lets QuickBooks number sales forms (CustomTxnNumbers off): no duplicate check.
    const other = (
      await call(s, token2, 'customer', { body: { DisplayName: 'Dup Numbers Ltd' }, realmId: s.realmIds[1] })
    ).json.Customer;
    const c2 = { CustomerRef: { value: other.Id }, Line: [sale(100)], DocNumber: 'SR-9' };
    expect((await call(s, token2, 'salesreceipt', { body: c2, realmId: s.realmIds[1] })).status).toBe(200);
    expect((await call(s, token2, 'salesreceipt', { body: c2, realmId: s.realmIds[1] })).status).toBe(200);
  });

  it('sells a Group item (bundle) as a GroupLineDetail expanded into its items', async () => {
    const group = await call(s, token, 'item', {
      body: {
        Name: 'Starter Bundle',
        Type: 'Group',
        ItemGroupDetail: {
          ItemGroupLine: [
            { ItemRef: { value: '1' }, Qty: 2 },
            { ItemRef: { value: '4' }, Qty: 1 },
          ],
        },
      },
    });
    expect(group.json.Item).toMatchObject({
      Type: 'Group',
      ItemGroupDetail: {
        ItemGroupLine: [
          { ItemRef: { value: '1', name: 'Services' }, Qty: 2 },
          { ItemRef: { value: '4', name: 'Shipping' }, Qty: 1 },
        ],
      },
    });
    expect((await call(s, token, `item/${group.json.Item.Id}`)).json.Item.Type).toBe('Group');
    expect(fault(await call(s, token, 'item', { body: { Name: 'Empty Bundle', Type: 'Group' } })).code).toBe('2020');
    const inv = await call(s, token, 'invoice', {
      body: {
        CustomerRef: { value: '1' },
        Line: [
          {
            DetailType: 'GroupLineDetail',
            GroupLineDetail: { GroupItemRef: { value: group.json.Item.Id }, Quantity: 2 },
          },
        ],
      },
    });
    expect(inv.json.Invoice.TotalAmt).toBe(2 * (2 * 100 + 15));
    expect(inv.json.Invoice.Line[0].GroupLineDetail.Line.map((l: any) => l.Amount)).toEqual([400, 30]);
  });
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

describe('multicurrency (the second company has it on)', () => {
  const r2 = { realmId: '' };
  beforeAll(() => {
    r2.realmId = s.realmIds[1];
  });

  it('shows the preference per company; a single-currency company refuses a foreign currency', async () => {
    expect((await call(s, token, 'preferences')).json.Preferences.CurrencyPrefs).toEqual({
      MultiCurrencyEnabled: false,
      HomeCurrency: { value: 'USD' },
    });
    expect((await call(s, token2, 'preferences', r2)).json.Preferences.CurrencyPrefs.MultiCurrencyEnabled).toBe(true);
    const eur = await call(s, token, 'customer', { body: { DisplayName: 'Euro Co', CurrencyRef: { value: 'EUR' } } });
    expect(fault(eur)).toMatchObject({ code: '6000', element: 'CurrencyRef' });
    expect(fault(eur).Detail).toContain('Multicurrency is not turned on');
    expect(
      fault(
        await call(s, token, 'invoice', {
          body: { CustomerRef: { value: '1' }, CurrencyRef: { value: 'EUR' }, Line: [sale(100)] },
        }),
      ).code,
    ).toBe('6000');
  });

  it("a euro customer's invoice carries CurrencyRef, ExchangeRate and HomeTotalAmt; the currency is then fixed", async () => {
    const c = (
      await call(s, token2, 'customer', { ...r2, body: { DisplayName: 'Berlin GmbH', CurrencyRef: { value: 'EUR' } } })
    ).json.Customer;
    expect(c.CurrencyRef).toEqual({ value: 'EUR', name: 'Euro' });
    const inv = (
      await call(s, token2, 'invoice', {
        ...r2,
        body: { CustomerRef: { value: c.Id }, ExchangeRate: 1.1, Line: [sale(200, 2)] },
      })
    ).json.Invoice;
    expect(inv).toMatchObject({
      CurrencyRef: { value: 'EUR', name: 'Euro' },
      ExchangeRate: 1.1,
      TotalAmt: 200,
      HomeTotalAmt: 220,
    });
    const usd = await call(s, token2, 'invoice', {
      ...r2,
      body: { CustomerRef: { value: c.Id }, CurrencyRef: { value: 'USD' }, Line: [sale(200, 2)] },
    });
    expect(fault(usd).Detail).toContain('uses EUR');
    const change = await call(s, token2, 'customer', {
      ...r2,
      body: { Id: c.Id, SyncToken: c.SyncToken, sparse: true, CurrencyRef: { value: 'GBP' } },
    });
    expect(fault(change).Detail).toContain('cannot change: it already has transactions');
    const home = (await call(s, token2, 'customer', { ...r2, body: { DisplayName: 'Home Dollar Inc' } })).json.Customer;
    const homeInv = (
      await call(s, token2, 'invoice', { ...r2, body: { CustomerRef: { value: home.Id }, Line: [sale(50)] } })
    ).json.Invoice;
    expect(homeInv).toMatchObject({ ExchangeRate: 1, HomeTotalAmt: 50 });
  });

  it('multicurrency cannot be turned off again', async () => {
    const p = (await call(s, token2, 'preferences', r2)).json.Preferences;
    const off = await call(s, token2, 'preferences', {
      ...r2,
      body: { Id: p.Id, SyncToken: p.SyncToken, sparse: true, CurrencyPrefs: { MultiCurrencyEnabled: false } },
    });
    expect(fault(off)).toMatchObject({ code: '6000', element: 'MultiCurrencyEnabled' });
    expect(fault(await call(s, token2, 'preferences', { ...r2, body: { SalesFormsPrefs: {} } })).code).toBe('500');
  });
});

describe('sales-form custom fields', () => {
  it('are defined in Preferences; an invoice takes them by DefinitionId with a 31-character limit', async () => {
    const prefs = (await call(s, token, 'preferences')).json.Preferences;
    const names = prefs.SalesFormsPrefs.CustomField.flatMap((g: any) => g.CustomField)
      .filter((f: any) => f.Type === 'StringType')
      .map((f: any) => f.StringValue);
    expect(names).toEqual(['Sales Rep', 'PO Number']);
    const inv = await call(s, token, 'invoice', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '2', Type: 'StringType', StringValue: 'PO-4471' }],
      },
    });
    expect(inv.json.Invoice.CustomField).toEqual([
      { DefinitionId: '2', Name: 'PO Number', Type: 'StringType', StringValue: 'PO-4471' },
    ]);
    const long = await call(s, token, 'estimate', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '1', Type: 'StringType', StringValue: 'x'.repeat(32) }],
      },
    });
    expect(fault(long)).toMatchObject({ code: '2050', element: 'CustomField.Sales Rep' });
    expect(fault(long).Detail).toContain('Max:31 supplied:32');
    const unknown = await call(s, token, 'creditmemo', {
      body: {
        CustomerRef: { value: '1' },
        Line: [sale(100)],
        CustomField: [{ DefinitionId: '3', Type: 'StringType', StringValue: 'x' }],
      },
    });
    expect(fault(unknown)).toMatchObject({ code: '2010', element: 'CustomField' });
    expect(fault(unknown).Detail).toContain('1 "Sales Rep", 2 "PO Number"');
  });
});
