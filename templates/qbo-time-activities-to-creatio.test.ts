// Golden test of "QuickBooks Online time activities → Creatio time entries": after the
// accounts flow has linked each Creatio account to its QuickBooks customer, time worked for
// a customer becomes a QB Time Entry tied to that account, with its hours from Hours and
// Minutes or from StartTime to EndTime less the break; time for no customer is kept without
// one, and time for a customer no account is linked to fails alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { TIME_ENTRY_COLUMNS, accountIdsNamed, creatioDate, creatioRows, qboApi } from './test-apgl';

const FLOW = 'qbo-time-activities-to-creatio';

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online time activities → Creatio time entries" on ${db.name}`, () => {
    let g: Golden;
    let api: Awaited<ReturnType<typeof qboApi>>;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qbo_time');
      api = await qboApi(g);
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).not.toBe('failed');
    });
    afterAll(() => g?.close());
    const rows = () => creatioRows(g, 'UsrQBTimeEntry', TIME_ENTRY_COLUMNS);
    const accountIds = (name: string) => accountIdsNamed(g, name);

    it("ties each entry to its customer's Creatio account, with hours from either form; an unlinked customer fails alone", async () => {
      const customer = api.all('Customer').find((c) => accountIds(c.DisplayName).length === 1)!;
      const walkIn = await api.create('Customer', { DisplayName: 'Walk-in Client (QuickBooks only)' });
      const employee = api.all('Employee')[0];
      const vendor = api.all('Vendor').find((v) => v.DisplayName === 'Cloud Hosting Inc')!;
      const item = api.all('Item').find((i) => i.Name === 'Consulting Hours')!;
      const worked = await api.create('TimeActivity', {
        NameOf: 'Employee',
        EmployeeRef: { value: employee.Id },
        CustomerRef: { value: customer.Id },
        ItemRef: { value: item.Id },
        TxnDate: '2026-02-03',
        Hours: 2,
        Minutes: 30,
        BillableStatus: 'Billable',
        HourlyRate: 150,
        Description: 'Workshop "kick-off" <remote> & notes',
      });
      const span = await api.create('TimeActivity', {
        NameOf: 'Vendor',
        VendorRef: { value: vendor.Id },
        TxnDate: '2026-02-04',
        StartTime: '2026-02-04T09:00:00-05:00',
        EndTime: '2026-02-04T12:45:00-05:00',
        BreakMinutes: 15,
        BillableStatus: 'NotBillable',
      });
      await api.create('TimeActivity', {
        NameOf: 'Employee',
        EmployeeRef: { value: employee.Id },
        CustomerRef: { value: walkIn.Id },
        TxnDate: '2026-02-05',
        Hours: 1,
      });

      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual(['read', 'account', 'bind', 'map', 'write']);
      expect(node(s, 'read')).toMatchObject({ in: 3, out: 3 });
      expect(node(s, 'account')).toMatchObject({ in: 3, out: 2, failed: 1 });
      for (const id of ['bind', 'map']) expect(node(s, id)).toMatchObject({ in: 2, out: 2, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });

      const byId = new Map(rows().map((r) => [r.UsrQBId, r]));
      expect(byId.size).toBe(2);
      expect(byId.get(worked.Id)).toEqual({
        UsrQBId: worked.Id,
        UsrName: `${employee.DisplayName} — 2026-02-03`,
        UsrDate: creatioDate('2026-02-03'),
        UsrHours: 2.5,
        UsrWorkerName: employee.DisplayName,
        UsrAccountId: accountIds(customer.DisplayName)[0],
        UsrCustomerName: customer.DisplayName,
        UsrServiceItem: 'Consulting Hours',
        UsrBillableStatus: 'Billable',
        UsrDescription: 'Workshop "kick-off" <remote> & notes',
      });
      expect(byId.get(span.Id)).toMatchObject({
        UsrName: 'Cloud Hosting Inc — 2026-02-04',
        UsrHours: 3.5,
        UsrWorkerName: 'Cloud Hosting Inc',
        UsrCustomerName: '',
        UsrBillableStatus: 'NotBillable',
      });
      expect(byId.get(span.Id)!.UsrAccountId ?? null).toBeNull();
      const [failure] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(failure.failure).toMatchObject({
        code: 'weft.reference.unbound',
        message: expect.stringContaining('its Customer "Walk-in Client (QuickBooks only)"'),
        action: expect.stringContaining("Run 'Creatio accounts → QuickBooks Online customers' first"),
      });
    });

    it('reads only the entry changed since and updates it', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'read').in).toBe(0);
      const entry = api.all('TimeActivity').find((t) => t.TxnDate === '2026-02-03')!;
      const answer = await api.send('timeactivity', { ...entry, Hours: 4, Minutes: 15, sparse: false });
      expect(answer.status, answer.text).toBe(200);

      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'read')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(rows()).toHaveLength(2);
      expect(rows().find((r) => r.UsrQBId === entry.Id)).toMatchObject({ UsrHours: 4.25 });
    });
  });
}
