// The name rules of issue 14 on the QuickBooks Desktop binding: node → outbox (real
// PostgreSQL) → QBWC SOAP service → Web Connector simulator → company file (NameFilter Contains).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from '../../../server/qbwc/test-qbwc';
import type { FlowRecord, NodeContext } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qbdBindingNode } from './qbd-binding.node';

const CONN = LOGIN.connectionId;
const account = (key: string, Name: string, Phone: string): FlowRecord => ({
  key,
  data: { Name, Phone },
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account', connection: 'creatio-sandbox' } },
});

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop binding name rules on ${db.name}`, () => {
    let rig: QbwcRig;
    let ctx: MemoryContext & NodeContext;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbdr'), { sandbox: { seed: { accounts: 5 } } });
      ctx = {
        ...memoryContext({ [CONN]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } } }),
        desktop: rig.outbox,
      };
      const file = rig.sandbox.file;
      file.addCustomer({ name: 'Quasar Optics, Inc.', fields: { Phone: '(617) 555-0100' } });
      file.addCustomer({ name: 'QUASAR OPTICS Inc', fields: { Phone: '617-555-0100' } });
      file.addCustomer({ name: 'Nimbus Freight Corp', fields: { Phone: '617-555-0200' } });
      rig.sandbox.start(20);
    });
    afterEach(() => rig.close());

    it('parks look-alikes for review, binds the one the phone picks, and creates what has none', async () => {
      const c = qbdBindingNode.config.parse({ connection: CONN, matchRule: 'name-phone' });
      const out = await qbdBindingNode.process(ctx, c, await qbdBindingNode.open!(ctx, c), [
        account('a1', 'Quasar Optics Inc', '617 555 0100'),
        account('a2', 'NIMBUS FREIGHT', '617 555 0200'),
        account('a3', 'Initech', '617 555 0300'),
      ]);
      expect(out.map((r) => r.outcome)).toEqual(['review', 'passed', 'passed']);
      expect(out[0].review!.message).toBe(
        "2 QuickBooks Desktop customers look like Creatio account 'Quasar Optics Inc' (Name + Phone); " +
          'Weft cannot tell which one is meant.',
      );
      expect(out[1].record.meta.binding).toMatchObject({
        matchedBy: 'match-rule',
        targetId: rig.sandbox.file.customerByName('Nimbus Freight Corp')!.listId,
      });
      expect(out[2].record.meta.binding).toMatchObject({ matchedBy: 'none', targetId: null });
    }, 60_000);
  });
}
