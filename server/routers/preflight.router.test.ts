// `flows.preflight` through the API, on a whole Weft whose Creatio connection is the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import { bootGolden, type Golden } from '../../templates/test-golden';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);

for (const db of testDatabases()) {
  describe(`flows.preflight on ${db.name}`, () => {
    let g: Golden;
    let api: ReturnType<typeof makeCaller>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'preflight');
      g.weft.services.accounts.store.createUser({
        id: 'viewer',
        email: 'viewer@example.com',
        name: 'Viewer',
        passwordHash: null,
      });
      g.weft.services.accounts.store.setRole('viewer', 'default', 'support');
      api = makeCaller({ services: g.weft.services, actor: { userId: 'viewer', workspaceId: 'default' } });
    });
    afterAll(() => g?.close());

    it('passes a shipped flow on the demo site and lists what it checked', async () => {
      const doc = g.weft.services.design.getTemplate('qbo-customers-to-creatio-accounts')!;
      const report = await api.flows.preflight({ document: doc });
      expect(report.ok).toBe(true);
      expect(report.checked.map((c) => `${c.entity}.${c.field} ${c.expected}`)).toEqual([
        'Account.UsrQBFullName Text(210)',
        'Account.UsrQBLastModified Date/Time',
        'Account.UsrActive Lookup',
      ]);
    });

    it("names each missing field and object with the seed's type and length", async () => {
      const doc = g.weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      doc.nodes.find((n) => n.id === 'accounts')!.config.select = [
        'Id',
        'Name',
        'UsrAccRecvOver45',
        'UsrQBRegion',
        'ModifiedOn',
      ];
      const report = await api.flows.preflight({ document: doc, options: { transactions: true, aging: true } });
      expect(report.ok).toBe(false);
      expect(report.problems.map((p) => `${p.kind} ${p.entity}${p.field ? `.${p.field}` : ''} ${p.expected}`)).toEqual([
        'missing-field Account.UsrAccRecvOver45 any type',
        'missing-field Account.UsrQBRegion any type',
      ]);
      // The demo site has the aging fields and the Transaction object the finance templates write.
      const fine = report.checked.filter((c) => c.ok).map((c) => `${c.entity}.${c.field} ${c.expected}`);
      expect(fine).toContain('Account.UsrAccRecvOver90 Currency(9,2)');
      expect(fine).toContain('UsrTransaction.UsrTransactionStatus Lookup');
      expect(report.problems[1].message).toBe(
        'Account has no field UsrQBRegion ("UsrQBRegion", any type) (used by accounts); used by this flow.',
      );
    });

    it('refuses a wrong request and an unknown connection with a reason', async () => {
      await expect(api.flows.preflight({ id: 'no-such-flow' })).rejects.toThrow(/Flow "no-such-flow" was not found/);
      await expect(api.flows.preflight({} as never)).rejects.toThrow(
        /Give either the id of a saved flow or a flow document/,
      );
      const doc = g.weft.services.design.getTemplate('creatio-contacts-to-qbo-customers')!;
      doc.nodes.find((n) => n.id === 'contacts')!.config.connection = 'nowhere';
      await expect(api.flows.preflight({ document: doc })).rejects.toMatchObject({
        code: 'PRECONDITION_FAILED',
        message: expect.stringContaining('The connection "nowhere" does not exist in this workspace'),
      });
    });
  });
}
