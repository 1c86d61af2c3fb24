// Business rules of the transactions beyond Invoice/Payment (balanced journal entries, bill payments,
// references, DocNumber, Group items) — over real HTTP against the simulator.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QboSandbox } from './index';
import { call } from './test-http';
import { expense, fault, je, sale, startTxnSandbox } from './test-txn';

let s: QboSandbox;
let token: string;
let token2: string;

beforeAll(async () => {
  ({ s, token, token2 } = await startTxnSandbox());
});
afterAll(() => s.close());

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

  it('names a sub-account after its parent (Parent:Child, SubAccount) and refuses a parent that does not exist', async () => {
    const sub = await call(s, token, 'account', {
      body: { Name: 'Telephone', AccountType: 'Expense', ParentRef: { value: '10' } },
    });
    expect(sub.json.Account).toMatchObject({
      FullyQualifiedName: 'Office Expenses:Telephone',
      SubAccount: true,
      ParentRef: { value: '10', name: 'Office Expenses' },
    });
    const top = await call(s, token, 'account', { body: { Name: 'Savings', AccountType: 'Bank' } });
    expect(top.json.Account).toMatchObject({ FullyQualifiedName: 'Savings', SubAccount: false });
    const orphan = await call(s, token, 'account', {
      body: { Name: 'Lost', AccountType: 'Bank', ParentRef: { value: '999' } },
    });
    expect(fault(orphan)).toMatchObject({ code: '2500', element: 'ParentRef' });
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

  it('refuses to create or change a bundle through the API, and sells one made in QuickBooks expanded', async () => {
    // Intuit: bundles are made in the QuickBooks Online UI only; the API reads them but cannot create them.
    const ItemGroupLine = [
      { ItemRef: { value: '1', name: 'Services' }, Qty: 2 },
      { ItemRef: { value: '4', name: 'Shipping' }, Qty: 1 },
    ];
    const body = { Name: 'Starter Bundle', Type: 'Group', ItemGroupDetail: { ItemGroupLine } };
    const refused = await call(s, token, 'item', { body });
    expect(refused.status).toBe(400);
    expect(fault(refused)).toMatchObject({ code: '2010', element: 'Type' });
    expect(fault(refused).Detail).toContain('Item bundles are created and changed in QuickBooks Online only');
    // The accountant's bundle, as the QuickBooks Online UI saves it.
    const row = s.store.insert(
      s.realmId,
      'Item',
      { ...body, Active: true, UnitPrice: 0, PrintGroupedItems: false, FullyQualifiedName: 'Starter Bundle' },
      'Starter Bundle',
      Date.now(),
    );
    const group = await call(s, token, `item/${row.id}`);
    expect(group.json.Item).toMatchObject({ Type: 'Group', ItemGroupDetail: { ItemGroupLine } });
    const change = { ...group.json.Item, Name: 'Starter Bundle 2', sparse: true };
    expect(fault(await call(s, token, 'item', { body: change })).code).toBe('2010');
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
