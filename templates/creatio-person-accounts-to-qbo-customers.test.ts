// Golden test of "Creatio person accounts → QuickBooks Online customers" (seed §5.1 "Creatio Person Account to QB
// Customer/Job"): each contact without a company becomes a customer of its own, names byte for byte; contacts of
// a company stay out; a rerun after a change updates the customer instead of adding one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSON_ACCOUNTS, personAccountId } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'creatio-person-accounts-to-qbo-customers';

interface Customer {
  DisplayName: string;
  GivenName?: string;
  FamilyName?: string;
  Job?: boolean;
  ParentRef?: unknown;
  PrimaryEmailAddr?: { Address: string };
  PrimaryPhone?: { FreeFormNumber: string };
  BillAddr?: { Line1?: string; PostalCode?: string };
}

for (const db of testDatabases()) {
  describe(`template "${FLOW}" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_person_qbo');
    });
    afterAll(() => g?.close());
    const qbo = () => g.weft.sandboxes!.qbo;
    const customers = () =>
      qbo()
        .store.all(qbo().realmId, 'Customer')
        .map((r) => r.body as unknown as Customer);

    it('makes each contact without a company a customer of its own, and leaves company contacts out', async () => {
      const all = (g.weft.sandboxes!.creatio.db.prepare('SELECT count(*) AS n FROM "Contact"').get() as { n: number })
        .n;
      // The Supervisor (the user records are owned by) has no company either, but is no customer: it stays out.
      const persons = PERSON_ACCOUNTS.length;
      const before = customers().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(s.nodes.map((n) => n.id)).toEqual(['contacts', 'persons', 'bind-customers', 'map-customer', 'customers']);
      expect(node(s, 'contacts')).toMatchObject({ in: all, out: all, failed: 0 });
      expect(node(s, 'persons')).toMatchObject({ in: all, out: persons, failed: 0 });
      expect(node(s, 'map-customer')).toMatchObject({ in: persons, out: persons, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: persons, failed: 0 });
      const after = customers();
      expect(after).toHaveLength(before + persons);
      expect(after.map((x) => x.DisplayName)).not.toContain('Supervisor');
      for (const [n, p] of PERSON_ACCOUNTS.entries()) {
        const c = after.find((x) => x.DisplayName === `${p.GivenName} ${p.Surname}`);
        expect(c, p.Surname).toMatchObject({
          GivenName: p.GivenName,
          FamilyName: p.Surname,
          PrimaryEmailAddr: { Address: p.Email },
          PrimaryPhone: { FreeFormNumber: p.Phone },
          BillAddr: { Line1: `${10 + n} Market Street`, PostalCode: `0210${n}` },
        });
        expect(c!.Job ?? false).toBe(false);
        expect(c!.ParentRef).toBeUndefined();
      }
    });

    it('reruns without duplicating: an e-mail changed in Creatio reaches its customer', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'contacts').in).toBe(0);
      const before = customers().length;
      const creatio = await creatioSession(g.weft);
      expect(await creatio.patch(`Contact(${personAccountId(1)})`, { Email: 'zoe@new.example.test' })).toBe(204);
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'contacts').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'customers')).toMatchObject({ created: 0, updated: 1 });
      expect(customers()).toHaveLength(before);
      const p = PERSON_ACCOUNTS[1];
      expect(customers().find((x) => x.DisplayName === `${p.GivenName} ${p.Surname}`)!.PrimaryEmailAddr).toEqual({
        Address: 'zoe@new.example.test',
      });
    });
  });
}
