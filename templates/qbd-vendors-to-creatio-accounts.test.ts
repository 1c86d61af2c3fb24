// Golden test of "QuickBooks Desktop vendors → Creatio accounts": the company file's
// active vendors are read through the Web Connector and bound to the Creatio account of
// the same name, or created; an inactive vendor stays out, and a vendor whose NoSync
// custom field is set is skipped when "Skip records whose field is set" names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { SEED_VENDORS } from '../sandbox/quickbooks-desktop/seed';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { runTemplateWith } from './test-variant-golden';

const FLOW = 'qbd-vendors-to-creatio-accounts';
const KNOWN = demoAccount(4).name; // a Creatio account that is no QuickBooks customer (vendors share their names)

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop vendors → Creatio accounts" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbdvend2crm');
      const file = g.weft.sandboxes!.qbd.file;
      const vendor = (name: string, data: Record<string, unknown>, isActive = true) =>
        file.addObject({
          object: 'Vendor',
          kind: 'list',
          name,
          namespace: 'Name',
          isActive,
          data: { Name: name, ...data },
        });
      expect(isAlreadyInQuickBooks(4)).toBe(false);
      vendor(KNOWN, { Phone: '+1 555 0142', Notes: 'Preferred supplier' });
      vendor('Gone Away Ltd', {}, false);
    });
    afterAll(() => g?.close());

    const named = (name: string) =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT "Name", "UsrQBFullName", "Phone", "Notes" FROM "Account" WHERE "Name" = ?',
        )
        .all(name) as { Name: string; UsrQBFullName: string; Phone: string | null; Notes: string | null }[];

    it('creates accounts for new vendors, binds one to the account of its name, leaves the inactive one out', async () => {
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
      expect(node(s, 'vendors')).toMatchObject({ in: SEED_VENDORS.length + 1, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({
        created: SEED_VENDORS.length,
        updated: 1,
        failed: 0,
      });
      for (const name of SEED_VENDORS) expect(named(name)).toEqual([expect.objectContaining({ UsrQBFullName: name })]);
      expect(named(KNOWN)).toEqual([
        expect.objectContaining({ UsrQBFullName: KNOWN, Phone: '+1 555 0142', Notes: 'Preferred supplier' }),
      ]);
      expect(named('Gone Away Ltd')).toHaveLength(0);
    });

    it('skips a vendor whose NoSync custom field is set', async () => {
      const file = g.weft.sandboxes!.qbd.file;
      const now = Math.floor(Date.now() / 1000) * 1000;
      const held = file.addObject({
        object: 'Vendor',
        kind: 'list',
        name: 'Held Back Supplies',
        namespace: 'Name',
        at: now,
        data: { Name: 'Held Back Supplies' },
      });
      file.addDataExtDef('0', 'NoSync', 'STR255TYPE', ['Vendor']);
      file.setDataExt('0', 'NoSync', held.id, 'Yes');
      const s = await runTemplateWith(g.weft, FLOW, { 'bind-accounts': { suppressField: 'DataExt.NoSync' } });
      expect(node(s, 'vendors').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'bind-accounts')).toMatchObject({ skipped: 1, failed: 0 });
      expect(named('Held Back Supplies')).toHaveLength(0);
    });
  });
}
