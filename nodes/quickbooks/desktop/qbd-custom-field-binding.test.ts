// Items bound by the ItemCode custom field (seed §3.2: a binding on product code or SKU needs a custom field named
// ItemCode in QuickBooks): node → outbox (real PostgreSQL) → QBWC SOAP service → Web Connector simulator → company
// file, which answers each item's DataExtRet when OwnerID 0 is asked.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from '../../../server/qbwc/test-qbwc';
import type { FlowRecord, NodeContext } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qbdBindingNode } from './qbd-binding.node';

const CONN = LOGIN.connectionId;
const product = (key: string, Name: string, Code: string): FlowRecord => ({
  key,
  data: { Name, Code },
  meta: { source: { node: 'products', system: 'creatio', entity: 'Product', connection: 'creatio-sandbox' } },
});

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop binding by the ItemCode custom field on ${db.name}`, () => {
    let rig: QbwcRig;
    let ctx: MemoryContext & NodeContext;
    const item = (name: string, code?: string) => {
      const file = rig.sandbox.file;
      const row = file.addObject({
        object: 'ItemService',
        kind: 'list',
        name,
        namespace: 'Item',
        data: { Name: name },
      });
      if (code) file.setDataExt('0', 'ItemCode', row.id, code);
      return row.id;
    };
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbdext'), { sandbox: { seed: { accounts: 2 } } });
      ctx = {
        ...memoryContext({ [CONN]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } } }),
        desktop: rig.outbox,
      };
      rig.sandbox.file.addDataExtDef('0', 'ItemCode', 'STR255TYPE', ['Item']);
      rig.sandbox.start(20);
    });
    afterEach(() => rig.close());

    it('binds a product to the item holding its code, whatever the names; a code no item has is created', async () => {
      const audit = item('Audit (old name)', 'P-1');
      item('Setup', 'p-2 ');
      item('Setup copy', 'P-2');
      item('P-3'); // named like a code, but no ItemCode: not a match
      const c = qbdBindingNode.config.parse({
        connection: CONN,
        entity: 'ItemService',
        matchSourceField: 'Code',
        matchCustomField: 'ItemCode',
      });
      const out = await qbdBindingNode.process(ctx, c, await qbdBindingNode.open!(ctx, c), [
        product('p1', 'Audit', 'P-1'),
        product('p2', 'Setup', 'P-2'),
        product('p3', 'Training', 'P-3'),
      ]);
      expect(out.map((r) => r.outcome)).toEqual(['passed', 'failed', 'passed']);
      expect(out[0].record.meta.binding).toMatchObject({ matchedBy: 'match-rule', targetId: audit });
      expect(out[1].failure).toMatchObject({
        code: 'weft.binding.ambiguous',
        message: expect.stringContaining('2 QuickBooks Desktop ItemService records have ItemCode "P-2"'),
        action: 'Give each ItemService its own ItemCode in QuickBooks (or bind the record by hand), then reprocess.',
      });
      expect(out[2].record.meta.binding).toMatchObject({ matchedBy: 'none', targetId: null });
      expect(qbdBindingNode.ui.summary!(c)).toBe('ItemService: Code = custom field ItemCode, create and update');
    }, 60_000);
  });
}
