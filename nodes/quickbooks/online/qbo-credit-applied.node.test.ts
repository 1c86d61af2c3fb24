// The "invoices a credit memo was applied to" node against the QuickBooks Online sandbox over HTTP: the payments
// that took credit from a credit memo name its invoices, whether the credit and the invoice share a line or not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import { accessToken, call } from '../../../sandbox/quickbooks-online/test-http';
import type { FlowRecord } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qboCreditAppliedNode } from './qbo-credit-applied.node';

let s: QboSandbox;
let ctx: MemoryContext;
let token: string;

beforeEach(async () => {
  s = await startQboSandbox({ limits: false, seed: { accounts: 40 } });
  token = await accessToken(s);
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

const sale = (amount: number) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount },
});
const create = async (entity: string, body: Record<string, unknown>) => {
  const answer = await call(s, token, entity.toLowerCase(), { body });
  expect(answer.status, answer.text).toBe(200);
  return answer.json[entity] as { Id: string; CustomerRef: { value: string } };
};
const record = (memo: { Id: string; CustomerRef: { value: string } }): FlowRecord => ({
  key: memo.Id,
  data: { ...memo },
  meta: { source: { node: 'memos', system: 'quickbooks-online', entity: 'CreditMemo', connection: 'qbo' } },
});

describe('quickbooks-online.credit-applied', () => {
  it('lists the invoices each credit memo was applied to; one applied to nothing gets an empty list', async () => {
    const customer = { value: '2' };
    const [a, b] = [
      await create('Invoice', { CustomerRef: customer, Line: [sale(100)] }),
      await create('Invoice', { CustomerRef: customer, Line: [sale(50)] }),
    ];
    const [m1, m2, m3] = [
      await create('CreditMemo', { CustomerRef: customer, Line: [sale(60)] }),
      await create('CreditMemo', { CustomerRef: customer, Line: [sale(10)] }),
      await create('CreditMemo', { CustomerRef: customer, Line: [sale(5)] }),
    ];
    // Separate lines: 60 of credit over invoice lines of 40 (a) and 20 (b); then one line linking both (m2 → b).
    await create('Payment', {
      CustomerRef: customer,
      TotalAmt: 0,
      Line: [
        { Amount: 40, LinkedTxn: [{ TxnId: a.Id, TxnType: 'Invoice' }] },
        { Amount: 20, LinkedTxn: [{ TxnId: b.Id, TxnType: 'Invoice' }] },
        { Amount: 60, LinkedTxn: [{ TxnId: m1.Id, TxnType: 'CreditMemo' }] },
      ],
    });
    await create('Payment', {
      CustomerRef: customer,
      TotalAmt: 0,
      Line: [
        {
          Amount: 10,
          LinkedTxn: [
            { TxnId: m2.Id, TxnType: 'CreditMemo' },
            { TxnId: b.Id, TxnType: 'Invoice' },
          ],
        },
      ],
    });
    const c = qboCreditAppliedNode.config.parse({ connection: 'qbo' });
    const out = await qboCreditAppliedNode.process(
      ctx,
      c,
      await qboCreditAppliedNode.open!(ctx, c),
      [m1, m2, m3].map(record),
    );
    expect(out.map((r) => r.outcome)).toEqual(['passed', 'passed', 'passed']);
    expect(out.map((r) => r.record.data.AppliedTo)).toEqual([
      [
        { InvoiceId: a.Id, Amount: 40 },
        { InvoiceId: b.Id, Amount: 20 },
      ],
      [{ InvoiceId: b.Id, Amount: 10 }],
      [],
    ]);
  });
});
