// Golden test of "QuickBooks Desktop time tracking → Creatio time entries": after the
// accounts flow has linked each Creatio account to its QuickBooks customer, time tracked
// for a customer, read through the Web Connector, becomes a QB Time Entry tied to that
// account with its Duration (PT2H30M) in hours; time for no customer is kept without one,
// and time for a customer no account is linked to fails alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { TIME_ENTRY_COLUMNS, accountIdsNamed, creatioDate, creatioRows, qbdAdd, qbdMod } from './test-apgl';

const FLOW = 'qbd-time-tracking-to-creatio';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop time tracking → Creatio time entries" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_time');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).not.toBe('failed');
    });
    afterAll(() => g?.close());
    const file = () => g.weft.sandboxes!.qbd.file;
    const rows = () => creatioRows(g, 'UsrQBTimeEntry', TIME_ENTRY_COLUMNS);
    const accountIds = (name: string) => accountIdsNamed(g, name);

    it("ties each entry to its customer's Creatio account with its duration in hours; an unlinked customer fails alone", async () => {
      const f = file();
      const customer = f.customers().find((c) => accountIds(c.name).length === 1)!;
      const walkIn = f.addCustomer({ name: 'Walk-in Client', fields: {} });
      const vendor = f.objects(['Vendor']).find((v) => v.name === 'Northwind Supplies')!;
      const add = (body: string) => qbdAdd(f, 'TimeTracking', body);
      const worked = add(
        `<TxnDate>2026-02-03</TxnDate><EntityRef><ListID>${vendor.id}</ListID></EntityRef>` +
          `<CustomerRef><ListID>${customer.listId}</ListID></CustomerRef>` +
          '<ItemServiceRef><FullName>Consulting Hours</FullName></ItemServiceRef><Duration>PT2H30M</Duration>' +
          '<Notes>Workshop "kick-off" &lt;remote&gt; &amp; notes</Notes><BillableStatus>Billable</BillableStatus>',
      );
      const short = add(
        `<TxnDate>2026-02-04</TxnDate><EntityRef><ListID>${vendor.id}</ListID></EntityRef>` +
          '<Duration>PT0H45M</Duration><BillableStatus>NotBillable</BillableStatus>',
      );
      add(
        `<TxnDate>2026-02-05</TxnDate><EntityRef><ListID>${vendor.id}</ListID></EntityRef>` +
          `<CustomerRef><ListID>${walkIn.listId}</ListID></CustomerRef><Duration>PT1H</Duration>`,
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'account', 'bind', 'map', 'write']);
      expect(node(s, 'read')).toMatchObject({ in: 3, out: 3 });
      expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
      for (const id of ['bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(2);
      expect(byId.get(worked.TxnID)).toEqual({
        UsrQBId: worked.TxnID,
        UsrName: 'Northwind Supplies — 2026-02-03',
        UsrDate: creatioDate('2026-02-03'),
        UsrHours: 2.5,
        UsrWorkerName: 'Northwind Supplies',
        UsrAccountId: accountIds(customer.name)[0],
        UsrCustomerName: customer.name,
        UsrServiceItem: 'Consulting Hours',
        UsrBillableStatus: 'Billable',
        UsrDescription: 'Workshop "kick-off" <remote> & notes',
      });
      expect(byId.get(short.TxnID)).toMatchObject({
        UsrHours: 0.75,
        UsrCustomerName: '',
        UsrBillableStatus: 'NotBillable',
      });
      expect(byId.get(short.TxnID)!.UsrAccountId ?? null).toBeNull();
      const [failure] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(failure.failure).toMatchObject({
        code: 'weft.reference.unbound',
        message: expect.stringContaining('its Customer "Walk-in Client"'),
        action: expect.stringContaining("Run 'Creatio accounts → QuickBooks Desktop customers' first"),
      });
    });

    it('reads only the entry changed since and updates its hours', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const f = file();
      f.now = () => Date.now() + 60_000;
      const entry = f.objects(['TimeTracking']).find((t) => t.data.TxnDate === '2026-02-03')!;
      qbdMod(
        f,
        'TimeTracking',
        `<TxnID>${entry.id}</TxnID><EditSequence>${entry.editSequence}</EditSequence><Duration>PT4H15M</Duration>`,
      );

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(2);
      expect(rows().find((r) => r.UsrQBId === entry.id)).toMatchObject({ UsrHours: 4.25 });
    });
  });
}
