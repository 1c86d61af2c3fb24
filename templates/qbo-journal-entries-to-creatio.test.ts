// Golden test of "QuickBooks Online journal entries → Creatio journal entries": each entry
// becomes a QB Journal Entry in Creatio and its lines QB Journal Line rows pointing to it,
// the amount in the Debit or the Credit column by its posting type, with the account and
// the customer, vendor or employee named on the line. A later run reads only the entry
// changed since and keeps its lines in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { JOURNAL_COLUMNS, JOURNAL_LINE_COLUMNS, creatioDate, creatioRows, qboApi } from './test-apgl';

const FLOW = 'qbo-journal-entries-to-creatio';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online journal entries → Creatio journal entries" on ${db.name}`, () => {
    let g: Golden;
    let api: Awaited<ReturnType<typeof qboApi>>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_je');
      api = await qboApi(g);
    });
    afterAll(() => g?.close());
    const entries = () => creatioRows(g, 'UsrQBJournalEntry', [...JOURNAL_COLUMNS, 'UsrMemo']);
    const lines = () => creatioRows(g, 'UsrQBJournalLine', JOURNAL_LINE_COLUMNS);
    const account = (name: string) => api.all('Account').find((a) => a.Name === name)!.Id as string;
    const je = (type: 'Debit' | 'Credit', amount: number, accountName: string, more: Record<string, unknown> = {}) => ({
      DetailType: 'JournalEntryLineDetail',
      Amount: amount,
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account(accountName) }, ...more },
    });

    it('writes each entry and its debit and credit lines, each line pointing to its entry', async () => {
      const vendor = api.all('Vendor').find((v) => v.DisplayName === 'Cloud Hosting Inc')!;
      const accrual = await api.create('JournalEntry', {
        DocNumber: 'JE-7',
        TxnDate: '2026-01-31',
        Adjustment: true,
        PrivateNote: 'Accrue "January" hosting <est.> & fees',
        Line: [
          { ...je('Debit', 320.4, 'Office Expenses'), Description: 'Hosting, January' },
          je('Credit', 320.4, 'Accounts Payable (A/P)', {
            Entity: { Type: 'Vendor', EntityRef: { value: vendor.Id } },
          }),
        ],
      });
      const owner = await api.create('JournalEntry', {
        TxnDate: '2026-02-01',
        Line: [je('Debit', 1000, 'Checking'), je('Credit', 1000, 'Owner Equity')],
      });

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write', 'write-lines']);
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ in: 2, created: 2, failed: 0 });

      const byId = new Map(entries().map((e) => [e.UsrQBId, e]));
      const e1 = byId.get(accrual.Id)!;
      expect(e1).toMatchObject({
        UsrName: 'Journal entry JE-7 of 2026-01-31',
        UsrRefNumber: 'JE-7',
        UsrTxnDate: creatioDate('2026-01-31'),
        UsrTotalAmount: 320.4,
        UsrAdjustment: 1,
        UsrMemo: 'Accrue "January" hosting <est.> & fees',
      });
      expect(lines().filter((l) => l.UsrJournalEntryId === e1.Id)).toEqual([
        {
          UsrJournalEntryId: e1.Id,
          UsrQBLineId: '1',
          UsrPostingType: 'Debit',
          UsrDebit: 320.4,
          UsrCredit: 0,
          UsrAccount: 'Office Expenses',
          UsrEntityName: '',
          UsrDescription: 'Hosting, January',
        },
        {
          UsrJournalEntryId: e1.Id,
          UsrQBLineId: '2',
          UsrPostingType: 'Credit',
          UsrDebit: 0,
          UsrCredit: 320.4,
          UsrAccount: 'Accounts Payable (A/P)',
          UsrEntityName: 'Cloud Hosting Inc',
          UsrDescription: '',
        },
      ]);
      const e2 = byId.get(owner.Id)!;
      expect(e2).toMatchObject({
        UsrName: `Journal entry ${owner.Id} of 2026-02-01`,
        UsrTotalAmount: 1000,
        UsrAdjustment: 0,
      });
      expect(lines().filter((l) => l.UsrJournalEntryId === e2.Id)).toMatchObject([
        { UsrAccount: 'Checking', UsrDebit: 1000, UsrCredit: 0 },
        { UsrAccount: 'Owner Equity', UsrDebit: 0, UsrCredit: 1000 },
      ]);
    });

    it('reads only the entry changed since and keeps its lines in step', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const entry = api.all('JournalEntry').find((e) => e.DocNumber === 'JE-7')!;
      const answer = await api.send('journalentry', {
        Id: entry.Id,
        SyncToken: entry.SyncToken,
        sparse: true,
        Line: [
          je('Debit', 300, 'Office Expenses'),
          je('Debit', 25, 'Office Expenses'),
          je('Credit', 325, 'Accounts Payable (A/P)'),
        ],
      });
      expect(answer.status, answer.text).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write-lines')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      const master = entries().find((e) => e.UsrQBId === entry.Id)!;
      expect(master.UsrTotalAmount).toBe(325);
      expect(lines().filter((l) => l.UsrJournalEntryId === master.Id)).toMatchObject([
        { UsrQBLineId: '1', UsrDebit: 300 },
        // Line 2 was the vendor's credit: nothing of it stays on the debit that took its place.
        { UsrQBLineId: '2', UsrDebit: 25, UsrCredit: 0, UsrPostingType: 'Debit', UsrEntityName: '' },
        { UsrQBLineId: '3', UsrCredit: 325, UsrEntityName: '' },
      ]);
      expect(lines()).toHaveLength(5);
    });
  });
}
