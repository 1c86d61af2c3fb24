// Issue 15: a ReceivePaymentAdd with SetCredit (CreditTxnID, AppliedAmount) under AppliedToTxnAdd sets a credit
// memo's credit against an invoice, in qbXML as the Web Connector carries it: the invoice's BalanceRemaining and
// IsPaid move, the credit memo's CreditRemaining drops; more than remains is refused with 3210.
import { XMLParser } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { CompanyFile } from './company-file';
import { processRequestSet, type Session } from './qbxml-engine';
import { seedCompany } from './seed';

let file: CompanyFile;
let session: Session;
const p = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  htmlEntities: true,
  isArray: (n) => n.endsWith('Ret') || (n.endsWith('Rs') && n !== 'QBXMLMsgsRs'),
});
type Rs = Record<string, any> & { statusCode: string; statusMessage: string };
const one = (body: string): Rs => {
  const xml = `<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${body}</QBXMLMsgsRq></QBXML>`;
  const doc = p.parse(processRequestSet(file, xml, session)) as { QBXML: { QBXMLMsgsRs: Record<string, Rs[]> } };
  return Object.values(doc.QBXML.QBXMLMsgsRs).flat()[0];
};
const ret = (rs: Rs) => Object.entries(rs).find(([k]) => k.endsWith('Ret'))![1][0] as Record<string, any>;

const customer = () => file.customers()[0].listId;
const sales = (kind: 'Invoice' | 'CreditMemo', ref: string, amount: string) =>
  ret(
    one(
      `<${kind}AddRq requestID="1"><${kind}Add><CustomerRef><ListID>${customer()}</ListID></CustomerRef>` +
        `<RefNumber>${ref}</RefNumber><${kind}LineAdd><ItemRef><FullName>Consulting Hours</FullName></ItemRef>` +
        `<Amount>${amount}</Amount></${kind}LineAdd></${kind}Add></${kind}AddRq>`,
    ),
  );
const setCredit = (memo: string, amount: string) =>
  `<SetCredit><CreditTxnID>${memo}</CreditTxnID><AppliedAmount>${amount}</AppliedAmount></SetCredit>`;
const receive = (invoice: string, payment: string, credits: string, total = payment) =>
  one(
    `<ReceivePaymentAddRq requestID="2"><ReceivePaymentAdd><CustomerRef><ListID>${customer()}</ListID></CustomerRef>` +
      `<TotalAmount>${total}</TotalAmount><AppliedToTxnAdd><TxnID>${invoice}</TxnID>` +
      `<PaymentAmount>${payment}</PaymentAmount>${credits}</AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`,
  );
const query = (kind: 'Invoice' | 'CreditMemo', id: string) =>
  ret(one(`<${kind}QueryRq requestID="3"><TxnID>${id}</TxnID></${kind}QueryRq>`));

beforeEach(() => {
  file = new CompanyFile();
  file.now = () => Date.UTC(2026, 1, 1, 12, 0, 0);
  seedCompany(file, { accounts: 40, invoices: 4 });
  session = { iterators: new Map() };
});

describe('QuickBooks Desktop sandbox: credits set against invoices (SetCredit)', () => {
  it('40 of a 60 credit memo against a 100 invoice: BalanceRemaining 60, CreditRemaining 20', () => {
    const inv = sales('Invoice', 'CA-1', '100.00');
    const memo = sales('CreditMemo', 'CM-1', '60.00');
    expect(memo.CreditRemaining).toBe('60.00');
    expect(receive(inv.TxnID, '0.00', setCredit(memo.TxnID, '40.00')).statusCode).toBe('0');
    expect(query('Invoice', inv.TxnID)).toMatchObject({ BalanceRemaining: '60.00', IsPaid: 'false' });
    expect(query('CreditMemo', memo.TxnID)).toMatchObject({ CreditRemaining: '20.00' });
    expect(query('CreditMemo', memo.TxnID).LinkedTxn).toBeUndefined();
    // IncludeLinkedTxns: the credit memo names the invoice its credit went to.
    const linked = ret(
      one(
        `<CreditMemoQueryRq requestID="5"><TxnID>${memo.TxnID}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns>` +
          `</CreditMemoQueryRq>`,
      ),
    );
    expect(linked.LinkedTxn).toMatchObject({
      TxnID: inv.TxnID,
      TxnType: 'Invoice',
      RefNumber: 'CA-1',
      Amount: '-40.00',
    });
  });

  it('money and credit together pay the invoice off (IsPaid true)', () => {
    const inv = sales('Invoice', 'CA-2', '50.00');
    const memo = sales('CreditMemo', 'CM-2', '25.00');
    expect(receive(inv.TxnID, '30.00', setCredit(memo.TxnID, '20.00')).statusCode).toBe('0');
    expect(query('Invoice', inv.TxnID)).toMatchObject({ BalanceRemaining: '0.00', IsPaid: 'true' });
    expect(query('CreditMemo', memo.TxnID).CreditRemaining).toBe('5.00');
  });

  it('refuses more credit than remains (3210 on AppliedAmount) and changes nothing', () => {
    const inv = sales('Invoice', 'CA-3', '100.00');
    const memo = sales('CreditMemo', 'CM-3', '30.00');
    expect(receive(inv.TxnID, '0.00', setCredit(memo.TxnID, '20.00')).statusCode).toBe('0');
    const over = receive(inv.TxnID, '0.00', setCredit(memo.TxnID, '15.00'));
    expect(over).toMatchObject({ statusCode: '3210', statusSeverity: 'Error' });
    expect(over.statusMessage).toContain('"AppliedAmount" field has an invalid value "15.00"');
    expect(over.statusMessage).toContain('10.00 remaining on credit memo CM-3');
    expect(query('Invoice', inv.TxnID).BalanceRemaining).toBe('80.00');
    expect(query('CreditMemo', memo.TxnID).CreditRemaining).toBe('10.00');
  });

  it('two SetCredits of one memo count together; a credit that is no credit memo is 3140; TxnDel gives it back', () => {
    const inv = sales('Invoice', 'CA-4', '100.00');
    const memo = sales('CreditMemo', 'CM-4', '30.00');
    const twice = receive(inv.TxnID, '0.00', setCredit(memo.TxnID, '20.00') + setCredit(memo.TxnID, '20.00'));
    expect(twice.statusCode).toBe('3210');
    expect(receive(inv.TxnID, '0.00', setCredit(inv.TxnID, '5.00')).statusCode).toBe('3140');
    const pay = ret(receive(inv.TxnID, '0.00', setCredit(memo.TxnID, '30.00')));
    expect(query('CreditMemo', memo.TxnID).CreditRemaining).toBe('0.00');
    one(`<TxnDelRq requestID="4"><TxnDelType>ReceivePayment</TxnDelType><TxnID>${pay.TxnID}</TxnID></TxnDelRq>`);
    expect(query('CreditMemo', memo.TxnID).CreditRemaining).toBe('30.00');
    expect(query('Invoice', inv.TxnID).BalanceRemaining).toBe('100.00');
  });
});
