// Golden test of "QuickBooks Desktop deposits → Creatio deposits": deposits read through the
// Web Connector become QB Deposits in Creatio, their lines QB Deposit Line rows pointing to
// them (keyed by TxnLineID); a later run reads only the deposit changed since, updates the
// line kept, adds the new one and removes the one QuickBooks no longer has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { DEPOSIT_COLUMNS, DEPOSIT_LINE_COLUMNS, creatioDate, creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-deposits-to-creatio-deposits';
const line = (account: string, amount: string, more = '') =>
  `<DepositLineAdd>${more}<AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount></DepositLineAdd>`;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop deposits → Creatio deposits" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_dep');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const deposits = () => creatioRows(g, 'UsrQBDeposit', DEPOSIT_COLUMNS);
    const lines = () => creatioRows(g, 'UsrQBDepositLine', DEPOSIT_LINE_COLUMNS);

    it('writes each deposit and its lines, each line pointing to its deposit', async () => {
      const f = file();
      // A customer whose name goes into the qbXML as it is (no entities needed).
      const customer = f.customers().find((c) => /^[\x20-\x7e]+$/.test(c.name) && !/[&<"]/.test(c.name))!;
      const first = qbdAdd(
        f,
        'Deposit',
        '<TxnDate>2026-02-03</TxnDate><DepositToAccountRef><FullName>Checking</FullName></DepositToAccountRef>' +
          '<Memo>Front desk &amp; "cash"</Memo>' +
          line('Sales Income', '500.00', `<EntityRef><FullName>${customer.name}</FullName></EntityRef>`) +
          line('Undeposited Funds', '250.25'),
      );
      const second = qbdAdd(
        f,
        'Deposit',
        '<TxnDate>2026-02-04</TxnDate><DepositToAccountRef><FullName>Checking</FullName></DepositToAccountRef>' +
          line('Sales Income', '99.99'),
      );
      expect(first.DepositTotal).toBe('750.25');

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write', 'write-lines']);
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ in: 2, created: 2, failed: 0 });

      const byId = new Map(deposits().map((d) => [d.UsrQBId, d]));
      const d1 = byId.get(first.TxnID)!;
      expect(d1).toMatchObject({
        UsrName: 'Deposit 2026-02-03 to Checking',
        UsrTxnDate: creatioDate('2026-02-03'),
        UsrDepositTo: 'Checking',
        UsrTotalAmount: 750.25,
        UsrMemo: 'Front desk & "cash"',
      });
      const retLines = first.DepositLineRet as { TxnLineID: string }[];
      expect(lines().filter((l) => l.UsrDepositId === d1.Id)).toEqual([
        {
          UsrDepositId: d1.Id,
          UsrQBLineId: retLines[0].TxnLineID,
          UsrAccount: 'Sales Income',
          UsrReceivedFrom: customer.name,
          UsrAmount: 500,
          UsrDescription: '',
          UsrCheckNumber: '',
        },
        {
          UsrDepositId: d1.Id,
          UsrQBLineId: retLines[1].TxnLineID,
          UsrAccount: 'Undeposited Funds',
          UsrReceivedFrom: '',
          UsrAmount: 250.25,
          UsrDescription: '',
          UsrCheckNumber: '',
        },
      ]);
      expect(lines().filter((l) => l.UsrDepositId === byId.get(second.TxnID)!.Id)).toMatchObject([
        { UsrAmount: 99.99 },
      ]);
      expect(lines()).toHaveLength(3);
    });

    it('reads only the deposit changed since: its kept line updated, the new one added, the dropped one removed', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const f = file();
      f.now = () => Date.now() + 60_000;
      const dep = f.objects(['Deposit']).find((d) => d.data.TxnDate === '2026-02-03')!;
      const [kept] = dep.data.DepositLineAdd as { TxnLineID: string }[];
      const mod = qbdMod(
        f,
        'Deposit',
        `<TxnID>${dep.id}</TxnID><EditSequence>${dep.editSequence}</EditSequence>` +
          `<DepositLineMod><TxnLineID>${kept.TxnLineID}</TxnLineID><Memo>Retainer, corrected</Memo><Amount>600.00</Amount></DepositLineMod>` +
          '<DepositLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Sales Income</FullName></AccountRef>' +
          '<CheckNumber>1042</CheckNumber><Amount>40.00</Amount></DepositLineMod>',
      );
      expect(mod.DepositTotal).toBe('640.00');

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      const master = deposits().find((d) => d.UsrQBId === dep.id)!;
      expect(master.UsrTotalAmount).toBe(640);
      const now = (mod.DepositLineRet as { TxnLineID: string }[]).map((l) => l.TxnLineID);
      expect(lines().filter((l) => l.UsrDepositId === master.Id)).toEqual([
        expect.objectContaining({ UsrQBLineId: kept.TxnLineID, UsrAmount: 600, UsrDescription: 'Retainer, corrected' }),
        expect.objectContaining({ UsrQBLineId: now[1], UsrAmount: 40, UsrCheckNumber: '1042' }),
      ]);
      expect(lines()).toHaveLength(3);
    });
  });
}
