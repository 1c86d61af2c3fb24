// Issue 15: a credit memo applied to an invoice through a Payment (Line.LinkedTxn of TxnType CreditMemo beside one
// of TxnType Invoice), over real HTTP: the invoice's Balance and the credit memo's RemainingCredit drop, and a
// credit over what remains is refused with QuickBooks' 6000 Business Validation Error.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from './test-http';
import { fault, sale, startTxnSandbox } from './test-txn';
import type { QboSandbox } from './index';

let s: QboSandbox;
let token: string;
beforeAll(async () => ({ s, token } = await startTxnSandbox()));
afterAll(() => s.close());

const link = (amount: number, id: string, type: 'Invoice' | 'CreditMemo') => ({
  Amount: amount,
  LinkedTxn: [{ TxnId: id, TxnType: type }],
});
const get = async (entity: string, id: string) => (await call(s, token, `${entity.toLowerCase()}/${id}`)).json[entity];

async function invoiceAndMemo(customer: string, invoiceAmt: number, creditAmt: number) {
  const inv = (
    await call(s, token, 'invoice', { body: { CustomerRef: { value: customer }, Line: [sale(invoiceAmt)] } })
  ).json.Invoice;
  const memo = (
    await call(s, token, 'creditmemo', { body: { CustomerRef: { value: customer }, Line: [sale(creditAmt)] } })
  ).json.CreditMemo;
  return { inv, memo };
}

describe('QuickBooks Online sandbox: credit memos applied to invoices', () => {
  it('a zero-dollar payment moves 40 of a credit memo onto an invoice; the customer balance stays', async () => {
    const { inv, memo } = await invoiceAndMemo('3', 100, 60);
    expect(memo).toMatchObject({ TotalAmt: 60, RemainingCredit: 60 });
    const before = (await get('Customer', '3')).Balance;
    const pay = await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '3' },
        TotalAmt: 0,
        Line: [link(40, inv.Id, 'Invoice'), link(40, memo.Id, 'CreditMemo')],
      },
    });
    expect(pay.status).toBe(200);
    expect(pay.json.Payment).toMatchObject({ TotalAmt: 0, UnappliedAmt: 0 });
    expect((await get('Invoice', inv.Id)).Balance).toBe(60);
    expect(await get('CreditMemo', memo.Id)).toMatchObject({ RemainingCredit: 20, Balance: 20 });
    // Changed by the payment: a reader of changes sees it again.
    expect(Number((await get('CreditMemo', memo.Id)).SyncToken)).toBe(Number(memo.SyncToken) + 1);
    expect((await get('Customer', '3')).Balance).toBe(before);
  });

  it('money and credit together: 30 paid and 20 of credit settle a 50 invoice', async () => {
    const { inv, memo } = await invoiceAndMemo('4', 50, 25);
    const pay = await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '4' },
        TotalAmt: 30,
        Line: [link(50, inv.Id, 'Invoice'), link(20, memo.Id, 'CreditMemo')],
      },
    });
    expect(pay.json.Payment.UnappliedAmt).toBe(0);
    expect((await get('Invoice', inv.Id)).Balance).toBe(0);
    expect((await get('CreditMemo', memo.Id)).RemainingCredit).toBe(5);
    // Editing the credit memo keeps what the payment took of it.
    const cur = await get('CreditMemo', memo.Id);
    const edited = await call(s, token, 'creditmemo', {
      body: { Id: memo.Id, SyncToken: cur.SyncToken, sparse: true, PrivateNote: 'checked' },
    });
    expect(edited.json.CreditMemo).toMatchObject({ RemainingCredit: 5, SyncToken: String(Number(cur.SyncToken) + 1) });
  });

  it('refuses a credit over what the credit memo has left (6000), and changes nothing', async () => {
    const { inv, memo } = await invoiceAndMemo('1', 100, 30);
    await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '1' },
        TotalAmt: 0,
        Line: [link(20, inv.Id, 'Invoice'), link(20, memo.Id, 'CreditMemo')],
      },
    });
    const over = await call(s, token, 'payment', {
      body: {
        CustomerRef: { value: '1' },
        TotalAmt: 0,
        Line: [link(15, inv.Id, 'Invoice'), link(15, memo.Id, 'CreditMemo')],
      },
    });
    expect(over.status).toBe(400);
    expect(fault(over)).toMatchObject({ code: '6000', element: 'LinkedTxn' });
    expect(fault(over).Detail).toContain('10.00 of credit remaining');
    expect((await get('Invoice', inv.Id)).Balance).toBe(80);
    expect((await get('CreditMemo', memo.Id)).RemainingCredit).toBe(10);
  });

  it('deleting the payment gives the credit back; another customer’s credit memo is refused', async () => {
    const { inv, memo } = await invoiceAndMemo('2', 70, 70);
    const pay = (
      await call(s, token, 'payment', {
        body: {
          CustomerRef: { value: '2' },
          TotalAmt: 0,
          Line: [link(70, inv.Id, 'Invoice'), link(70, memo.Id, 'CreditMemo')],
        },
      })
    ).json.Payment;
    expect((await get('CreditMemo', memo.Id)).RemainingCredit).toBe(0);
    await call(s, token, 'payment?operation=delete', { body: { Id: pay.Id, SyncToken: pay.SyncToken } });
    expect((await get('CreditMemo', memo.Id)).RemainingCredit).toBe(70);
    expect((await get('Invoice', inv.Id)).Balance).toBe(70);
    const other = await call(s, token, 'payment', {
      body: { CustomerRef: { value: '4' }, TotalAmt: 0, Line: [link(10, memo.Id, 'CreditMemo')] },
    });
    expect(fault(other).code).toBe('6000');
  });
});
