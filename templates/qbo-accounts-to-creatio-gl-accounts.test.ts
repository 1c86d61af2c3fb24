// Golden test of "QuickBooks Online chart of accounts → Creatio GL accounts": every account
// of the demo company, a sub-account and an inactive one included, becomes a QB GL Account
// in Creatio with its full name, type, number, balance and active flag; a later run reads
// only the account changed since and updates its row instead of adding one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { GL_ACCOUNT_COLUMNS, creatioRows, qboApi } from './test-apgl';

const FLOW = 'qbo-accounts-to-creatio-gl-accounts';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online chart of accounts → Creatio GL accounts" on ${db.name}`, () => {
    let g: Golden;
    let api: Awaited<ReturnType<typeof qboApi>>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_coa');
      api = await qboApi(g);
    });
    afterAll(() => g?.close());
    const rows = () => creatioRows(g, 'UsrQBGLAccount', GL_ACCOUNT_COLUMNS);

    it('writes every account, sub-accounts with their parent in the full name and inactive ones marked so', async () => {
      const office = api.all('Account').find((a) => a.Name === 'Office Expenses')!;
      const phone = await api.create('Account', {
        Name: 'Telephone & "Fax" <Line>',
        AccountType: 'Expense',
        AcctNum: '6120',
        ParentRef: { value: office.Id },
      });
      const petty = await api.create('Account', { Name: 'Petty Cash', AccountType: 'Bank', AcctNum: '1050' });
      await api.send('account', { Id: petty.Id, SyncToken: petty.SyncToken, sparse: true, Active: false });
      // Balances are QuickBooks' sums of the transactions posted to an account (the sandbox posts none):
      // the checking account's stands here as QuickBooks would report it.
      const qbo = g.weft.sandboxes!.qbo;
      const checking = qbo.store.all(qbo.realmId, 'Account').find((r) => r.body.Name === 'Checking')!;
      qbo.store.setBody(qbo.realmId, checking, {
        ...checking.body,
        CurrentBalance: 1234.56,
        CurrentBalanceWithSubAccounts: 1234.56,
      });
      const accounts = api.all('Account');
      expect(accounts).toHaveLength(13);
      expect(rows()).toEqual([]);

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write']);
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: 13, out: 13, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 13, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(13);
      for (const a of accounts)
        expect(byId.get(a.Id), a.Name).toMatchObject({ UsrName: a.Name, UsrAccountType: a.AccountType });
      expect(byId.get(phone.Id)).toEqual({
        UsrQBId: phone.Id,
        UsrName: 'Telephone & "Fax" <Line>',
        UsrFullName: 'Office Expenses:Telephone & "Fax" <Line>',
        UsrAccountType: 'Expense',
        UsrAccountNumber: '6120',
        UsrBalance: 0,
        UsrActive: 1,
      });
      expect(byId.get(petty.Id)).toMatchObject({ UsrName: 'Petty Cash', UsrActive: 0, UsrAccountNumber: '1050' });
      expect(byId.get(checking.id)).toMatchObject({ UsrFullName: 'Checking', UsrBalance: 1234.56, UsrActive: 1 });
    });

    it('reads only the account changed since and updates its row', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const sales = api.all('Account').find((a) => a.Name === 'Services')!;
      const answer = await api.send('account', {
        Id: sales.Id,
        SyncToken: sales.SyncToken,
        sparse: true,
        Name: 'Consulting Services',
      });
      expect(answer.status).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(13);
      expect(rows().find((r) => r.UsrQBId === sales.Id)).toMatchObject({
        UsrName: 'Consulting Services',
        UsrFullName: 'Consulting Services',
      });
    });
  });
}
