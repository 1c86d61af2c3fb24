// Golden test of "QuickBooks Online deposits → Creatio deposits": each deposit becomes a QB
// Deposit in Creatio and its lines QB Deposit Line rows pointing to it (written by the
// detail sink after the deposit itself); a later run reads only the deposit changed since,
// updates its lines by their QuickBooks line id and removes the line QuickBooks no longer has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { DEPOSIT_COLUMNS, DEPOSIT_LINE_COLUMNS, creatioDate, creatioRows, qboApi } from './test-apgl';

const FLOW = 'qbo-deposits-to-creatio-deposits';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online deposits → Creatio deposits" on ${db.name}`, () => {
    let g: Golden;
    let api: Awaited<ReturnType<typeof qboApi>>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_dep');
      api = await qboApi(g);
    });
    afterAll(() => g?.close());
    const deposits = () => creatioRows(g, 'UsrQBDeposit', DEPOSIT_COLUMNS);
    const lines = () => creatioRows(g, 'UsrQBDepositLine', DEPOSIT_LINE_COLUMNS);
    const account = (name: string) => api.all('Account').find((a) => a.Name === name)!.Id as string;
    const line = (amount: number, accountName: string, more: Record<string, unknown> = {}, detail = {}) => ({
      DetailType: 'DepositLineDetail',
      Amount: amount,
      DepositLineDetail: { AccountRef: { value: account(accountName) }, ...detail },
      ...more,
    });

    it('writes each deposit and its lines, each line pointing to its deposit', async () => {
      const customer = api.all('Customer')[0];
      const first = await api.create('Deposit', {
        DepositToAccountRef: { value: account('Checking') },
        TxnDate: '2026-02-03',
        PrivateNote: 'Front desk — "cash" & <checks>',
        Line: [
          line(
            500,
            'Services',
            { Description: 'Retainer "Q1" <paid>' },
            { Entity: { value: customer.Id, name: customer.DisplayName, type: 'Customer' }, CheckNum: '1042' },
          ),
          line(250.25, 'Owner Equity'),
        ],
      });
      // A customer's payment taken out of Undeposited Funds: the line names it instead of an account.
      const payment = api.all('Payment')[0];
      const second = await api.create('Deposit', {
        DepositToAccountRef: { value: account('Checking') },
        TxnDate: '2026-02-04',
        Line: [
          line(99.99, 'Services'),
          { Amount: payment.TotalAmt, LinkedTxn: [{ TxnId: payment.Id, TxnType: 'Payment' }] },
        ],
      });

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write', 'write-lines']);
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ in: 2, created: 2, failed: 0 });

      const byId = new Map(deposits().map((d) => [d.UsrQBId, d]));
      const d1 = byId.get(first.Id)!;
      expect(d1).toMatchObject({
        UsrName: 'Deposit 2026-02-03 to Checking',
        UsrTxnDate: creatioDate('2026-02-03'),
        UsrDepositTo: 'Checking',
        UsrTotalAmount: 750.25,
        UsrMemo: 'Front desk — "cash" & <checks>',
      });
      expect(byId.get(second.Id)).toMatchObject({ UsrTotalAmount: 99.99 + payment.TotalAmt });
      expect(lines()).toHaveLength(4);
      expect(lines().filter((l) => l.UsrDepositId === d1.Id)).toEqual([
        {
          UsrDepositId: d1.Id,
          UsrQBLineId: '1',
          UsrAccount: 'Services',
          UsrReceivedFrom: customer.DisplayName,
          UsrAmount: 500,
          UsrDescription: 'Retainer "Q1" <paid>',
          UsrCheckNumber: '1042',
        },
        {
          UsrDepositId: d1.Id,
          UsrQBLineId: '2',
          UsrAccount: 'Owner Equity',
          UsrReceivedFrom: '',
          UsrAmount: 250.25,
          UsrDescription: '',
          UsrCheckNumber: '',
        },
      ]);
      expect(lines().filter((l) => l.UsrDepositId === byId.get(second.Id)!.Id)).toMatchObject([
        { UsrAmount: 99.99, UsrAccount: 'Services', UsrDescription: '' },
        { UsrAmount: payment.TotalAmt, UsrAccount: '', UsrDescription: `Payment ${payment.Id}` },
      ]);
    });

    it('reads only the deposit changed since, updates its line and removes the one QuickBooks no longer has', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const dep = api.all('Deposit').find((d) => d.TxnDate === '2026-02-03')!;
      const answer = await api.send('deposit', {
        Id: dep.Id,
        SyncToken: dep.SyncToken,
        sparse: true,
        Line: [line(600, 'Services', { Description: 'Retainer, corrected' })],
      });
      expect(answer.status, answer.text).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      const master = deposits().find((d) => d.UsrQBId === dep.Id)!;
      expect(master.UsrTotalAmount).toBe(600);
      expect(lines().filter((l) => l.UsrDepositId === master.Id)).toMatchObject([
        // The payer and check number QuickBooks no longer has on the line are gone from it too.
        {
          UsrQBLineId: '1',
          UsrAmount: 600,
          UsrDescription: 'Retainer, corrected',
          UsrReceivedFrom: '',
          UsrCheckNumber: '',
        },
      ]);
      expect(lines()).toHaveLength(3);
    });
  });
}
