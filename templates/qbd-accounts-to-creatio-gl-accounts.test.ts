// Golden test of "QuickBooks Desktop chart of accounts → Creatio GL accounts": the company
// file's accounts are read through the Web Connector (inactive ones too), sub-accounts
// named after their parents (Savings:Reserve) and with their balance in the parent's total,
// an inactive one marked so; a later run reads only the account changed since.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { GL_ACCOUNT_COLUMNS, creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-accounts-to-creatio-gl-accounts';
const SEEDED = 8;

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop chart of accounts → Creatio GL accounts" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_coa');
    });
    afterAll(() => g?.close());
    const rows = () => creatioRows(g, 'UsrQBGLAccount', GL_ACCOUNT_COLUMNS);
    const file = () => g.weft.sandboxes!.qbd.file;

    it('writes every account with its full name, type, number, balance with sub-accounts and active flag', async () => {
      const savings = qbdAdd(
        file(),
        'Account',
        '<Name>Savings</Name><AccountType>Bank</AccountType><AccountNumber>1020</AccountNumber>' +
          '<OpenBalance>5000.00</OpenBalance><OpenBalanceDate>2026-01-01</OpenBalanceDate>',
      );
      const reserve = qbdAdd(
        file(),
        'Account',
        '<Name>Reserve &amp; "Rainy Day"</Name><ParentRef><FullName>Savings</FullName></ParentRef>' +
          '<AccountType>Bank</AccountType><AccountNumber>1021</AccountNumber><OpenBalance>250.50</OpenBalance>' +
          '<OpenBalanceDate>2026-01-01</OpenBalanceDate>',
      );
      const old = qbdAdd(
        file(),
        'Account',
        '<Name>Old Till</Name><IsActive>false</IsActive><AccountType>Bank</AccountType>',
      );
      expect(reserve).toMatchObject({ FullName: 'Savings:Reserve & "Rainy Day"', Sublevel: '1', Balance: '250.50' });

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'bind', 'map', 'write']);
      const all = SEEDED + 3;
      for (const id of ['read', 'bind', 'map']) expect(node(s, id)).toMatchObject({ in: all, out: all, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: all, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(all);
      expect(byId.get(savings.ListID)).toEqual({
        UsrQBId: savings.ListID,
        UsrName: 'Savings',
        UsrFullName: 'Savings',
        UsrAccountType: 'Bank',
        UsrAccountNumber: '1020',
        UsrBalance: 5250.5,
        UsrActive: 1,
      });
      expect(byId.get(reserve.ListID)).toMatchObject({
        UsrName: 'Reserve & "Rainy Day"',
        UsrFullName: 'Savings:Reserve & "Rainy Day"',
        UsrBalance: 250.5,
      });
      expect(byId.get(old.ListID)).toMatchObject({ UsrName: 'Old Till', UsrActive: 0, UsrBalance: 0 });
      const checking = file()
        .objects(['Account'])
        .find((a) => a.name === 'Checking')!;
      expect(byId.get(checking.id)).toMatchObject({ UsrFullName: 'Checking', UsrAccountType: 'Bank', UsrActive: 1 });
    });

    it('reads only the account renamed since and updates its row (and its sub-account keeps its own)', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const f = file();
      f.now = () => Date.now() + 60_000;
      const savings = f.objects(['Account']).find((a) => a.name === 'Savings')!;
      qbdMod(
        f,
        'Account',
        `<ListID>${savings.id}</ListID><EditSequence>${savings.editSequence}</EditSequence><Name>Savings Plus</Name>`,
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(SEEDED + 3);
      expect(rows().find((r) => r.UsrQBId === savings.id)).toMatchObject({
        UsrName: 'Savings Plus',
        UsrBalance: 5250.5,
      });
    });
  });
}
