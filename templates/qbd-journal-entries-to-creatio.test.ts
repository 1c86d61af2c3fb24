// Golden test of "QuickBooks Desktop journal entries → Creatio journal entries": entries read
// through the Web Connector become QB Journal Entries in Creatio, their debit and credit lines
// QB Journal Line rows pointing to them (keyed by TxnLineID), the amount in the Debit or the
// Credit column; a later run reads only the entry changed since and keeps its lines in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { JOURNAL_COLUMNS, JOURNAL_LINE_COLUMNS, creatioDate, creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-journal-entries-to-creatio';
const line = (kind: 'Debit' | 'Credit', account: string, amount: string, more = '') =>
  `<Journal${kind}Line><AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount>${more}</Journal${kind}Line>`;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop journal entries → Creatio journal entries" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_je');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const entries = () => creatioRows(g, 'UsrQBJournalEntry', JOURNAL_COLUMNS);
    const lines = () => creatioRows(g, 'UsrQBJournalLine', JOURNAL_LINE_COLUMNS);

    it('writes each entry and its debit and credit lines, each line pointing to its entry', async () => {
      const f = file();
      const vendor = f.objects(['Vendor']).find((v) => v.name === 'Northwind Supplies')!;
      const accrual = qbdAdd(
        f,
        'JournalEntry',
        '<TxnDate>2026-01-31</TxnDate><RefNumber>JE-7</RefNumber><IsAdjustment>true</IsAdjustment>' +
          line('Debit', 'Office Expenses', '320.40', '<Memo>Hosting &amp; "support", January</Memo>') +
          line('Credit', 'Accounts Payable', '320.40', `<EntityRef><ListID>${vendor.id}</ListID></EntityRef>`),
      );
      const plain = qbdAdd(
        f,
        'JournalEntry',
        '<TxnDate>2026-02-01</TxnDate>' +
          line('Debit', 'Checking', '1000.00') +
          line('Credit', 'Sales Income', '600.00') +
          line('Credit', 'Undeposited Funds', '400.00'),
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write', 'write-lines']);
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ in: 2, created: 2, failed: 0 });

      const byId = new Map(entries().map((e) => [e.UsrQBId, e]));
      const e1 = byId.get(accrual.TxnID)!;
      expect(e1).toMatchObject({
        UsrName: 'Journal entry JE-7 of 2026-01-31',
        UsrRefNumber: 'JE-7',
        UsrTxnDate: creatioDate('2026-01-31'),
        UsrTotalAmount: 320.4,
        UsrAdjustment: 1,
      });
      expect(lines().filter((l) => l.UsrJournalEntryId === e1.Id)).toEqual([
        {
          UsrJournalEntryId: e1.Id,
          UsrQBLineId: accrual.JournalDebitLine[0].TxnLineID,
          UsrPostingType: 'Debit',
          UsrDebit: 320.4,
          UsrCredit: 0,
          UsrAccount: 'Office Expenses',
          UsrEntityName: '',
          UsrDescription: 'Hosting & "support", January',
        },
        {
          UsrJournalEntryId: e1.Id,
          UsrQBLineId: accrual.JournalCreditLine[0].TxnLineID,
          UsrPostingType: 'Credit',
          UsrDebit: 0,
          UsrCredit: 320.4,
          UsrAccount: 'Accounts Payable',
          UsrEntityName: 'Northwind Supplies',
          UsrDescription: '',
        },
      ]);
      const e2 = byId.get(plain.TxnID)!;
      expect(e2).toMatchObject({ UsrName: `Journal entry ${plain.TxnNumber} of 2026-02-01`, UsrTotalAmount: 1000 });
      expect(lines().filter((l) => l.UsrJournalEntryId === e2.Id)).toMatchObject([
        { UsrAccount: 'Checking', UsrDebit: 1000, UsrCredit: 0 },
        { UsrAccount: 'Sales Income', UsrDebit: 0, UsrCredit: 600 },
        { UsrAccount: 'Undeposited Funds', UsrDebit: 0, UsrCredit: 400 },
      ]);
      expect(lines()).toHaveLength(5);
    });

    it('reads only the entry changed since and keeps its lines in step', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const f = file();
      f.now = () => Date.now() + 60_000;
      const entry = f.objects(['JournalEntry']).find((e) => e.name === 'JE-7')!;
      const [debit] = entry.data.JournalDebitLine as { TxnLineID: string }[];
      const mod = (id: string, kind: string, account: string, amount: string) =>
        `<JournalLineMod><TxnLineID>${id}</TxnLineID><JournalLineType>${kind}</JournalLineType>` +
        `<AccountRef><FullName>${account}</FullName></AccountRef><Amount>${amount}</Amount></JournalLineMod>`;
      const changed = qbdMod(
        f,
        'JournalEntry',
        `<TxnID>${entry.id}</TxnID><EditSequence>${entry.editSequence}</EditSequence>` +
          mod(debit.TxnLineID, 'Debit', 'Office Expenses', '300.00') +
          mod('-1', 'Debit', 'Office Expenses', '25.00') +
          mod('-1', 'Credit', 'Accounts Payable', '325.00'),
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      const master = entries().find((e) => e.UsrQBId === entry.id)!;
      expect(master.UsrTotalAmount).toBe(325);
      const mine = lines().filter((l) => l.UsrJournalEntryId === master.Id);
      expect(mine.map((l) => l.UsrQBLineId).sort()).toEqual(
        [...changed.JournalDebitLine, ...changed.JournalCreditLine]
          .map((l: { TxnLineID: string }) => l.TxnLineID)
          .sort(),
      );
      expect(mine.find((l) => l.UsrQBLineId === debit.TxnLineID)).toMatchObject({
        UsrDebit: 300,
        UsrDescription: 'Hosting & "support", January', // a line Mod keeps what it does not send (qbXML)
      });
      expect(mine.filter((l) => l.UsrPostingType === 'Credit')).toMatchObject([
        { UsrCredit: 325, UsrEntityName: '', UsrAccount: 'Accounts Payable' },
      ]);
      expect(lines()).toHaveLength(6);
    });
  });
}
