// Golden test of "QuickBooks Online vendors → Creatio accounts": vendors are bound to
// the Creatio account of the same name (or created), with their QB Full Name kept on
// it; with the permitted operations set to "update only", a new vendor is skipped
// with the reason instead of created. A later run reads only what changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'qbo-vendors-to-creatio-accounts';
const SEEDED = ['Office Supplies Depot', 'Cloud Hosting Inc'];

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online vendors → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbovend2crm');
      token = await accessToken(g.weft.sandboxes!.qbo);
    });
    afterAll(() => g?.close());

    const named = (name: string) =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Name", "UsrQBFullName", "Phone", "Web", "UsrQBLastModified" FROM "Account" WHERE "Name" = ?',
        )
        .all(name) as { Name: string; UsrQBFullName: string; Phone: string; Web: string; UsrQBLastModified: string }[];
    const addVendor = (body: Record<string, unknown>) =>
      call(g.weft.sandboxes!.qbo, token, 'vendor?minorversion=75', { body });

    it('creates accounts for new vendors and binds a vendor to the account of the same name', async () => {
      const known = demoAccount(4).name; // a Creatio account, not a QuickBooks customer (names are shared)
      expect(named(known)).toHaveLength(1);
      expect(isAlreadyInQuickBooks(4)).toBe(false);
      const answer = await addVendor({
        DisplayName: known,
        PrimaryPhone: { FreeFormNumber: '+1 555 0142' },
        WebAddr: { URI: 'https://supplier.example' },
      });
      expect(answer.status).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'vendors',
        'supplier',
        'active',
        'bind-accounts',
        'map-account',
        'accounts',
      ]);
      expect(node(s, 'vendors')).toMatchObject({ in: 3, out: 3, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 2, updated: 1, failed: 0 });
      for (const name of SEEDED) expect(named(name)).toEqual([expect.objectContaining({ UsrQBFullName: name })]);
      expect(named(known)).toEqual([
        expect.objectContaining({ UsrQBFullName: known, Phone: '+1 555 0142', Web: 'https://supplier.example' }),
      ]);
      expect(named(known)[0].UsrQBLastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(node(await runTemplate(g.weft, FLOW), 'vendors').in).toBe(0);
    });

    it('"Update only" skips a vendor that has no account yet instead of creating one', async () => {
      expect((await addVendor({ DisplayName: 'Brand-new Supplier & Sons' })).status).toBe(200);
      const s = await runTemplateWith(g.weft, FLOW, { 'bind-accounts': { operations: 'update-only' } });
      expect(node(s, 'vendors').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'bind-accounts')).toMatchObject({ skipped: 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated: 0 });
      expect(named('Brand-new Supplier & Sons')).toHaveLength(0);
    });
  });
}
