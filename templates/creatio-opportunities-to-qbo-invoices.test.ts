// Golden test of "Creatio opportunities → QuickBooks invoices": the whole Weft runs
// the accounts flow (which binds the customers) and then this one, against both
// sandboxes over HTTP, and the QuickBooks company must end up holding exactly the
// invoices — customer, lines, items, amounts — the Creatio opportunities describe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX, demoAccount } from '../sandbox/demo-data';
import { PRODUCTS, opportunityLines } from '../sandbox/creatio/index';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const ACCOUNTS = 300;
const FLOW = 'creatio-opportunities-to-qbo-invoices';
const LONG_PRODUCT = PRODUCTS.findIndex((p) => p.Name.length > 100);

type Invoice = {
  Id: string;
  DocNumber: string;
  DueDate: string;
  PrivateNote?: string;
  TotalAmt: number;
  CustomerRef: { value: string; name: string };
  Line: {
    Id: string;
    Amount: number;
    DetailType: string;
    Description?: string;
    SalesItemLineDetail?: { ItemRef: { value: string; name: string }; Qty: number; UnitPrice: number };
  }[];
};

for (const db of testDatabases()) {
  describe(`template "Creatio opportunities → QuickBooks invoices" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_opp');
    });
    afterAll(() => g?.close());

    const qbo = () => g.weft.sandboxes!.qbo;
    const rows = <T>(entity: string) =>
      qbo()
        .store.all(qbo().realmId, entity)
        .map((r) => ({ Id: r.id, ...r.body }) as T);
    // Opportunities sit on every tenth account (1, 11, 21, …); the one on account 11 shares its
    // account's name with account 10, so the accounts flow cannot bind it.
    const opps = Array.from({ length: ACCOUNTS }, (_, i) => i).filter((i) => i % 10 === 1);
    const unbound = opps.filter((i) => i === DUPLICATE_INDEX + 1 || i === DUPLICATE_INDEX);
    const longName = opps.filter(
      (i) => !unbound.includes(i) && opportunityLines(i).some((l) => l.product === LONG_PRODUCT),
    );
    const good = opps.filter((i) => !unbound.includes(i) && !longName.includes(i));
    const doc = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
    const oppId = (i: number) =>
      (
        g.weft
          .sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?')
          .get(doc(i)) as { Id: string }
      ).Id;

    it('refuses, one by one, the opportunities whose account is not bound yet', async () => {
      const first = await runTemplate(g.weft, FLOW);
      expect(first.status).toBe('completed-with-errors');
      expect(node(first, 'customer')).toMatchObject({ in: opps.length, out: 0, failed: opps.length });
      const failures = await g.weft.services.runs.failures('default', first.runId, 'customer', 1);
      expect(failures[0].failure).toMatchObject({
        code: 'weft.reference.unbound',
        action: expect.stringContaining('Run the "Creatio accounts → QuickBooks customers" flow first'),
      });
      // Nothing was read twice later on: reset the position, as an operator would after fixing the cause.
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'opportunities', null);
    });

    it('creates one invoice per opportunity with its customer, lines, items and amounts', async () => {
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      const invoicesBefore = rows<Invoice>('Invoice').length;
      const itemsBefore = rows('Item').length;
      const s = await runTemplate(g.weft, FLOW);

      expect(s.nodes.map((n) => n.id)).toEqual([
        'opportunities',
        'customer',
        'items',
        'bind-invoices',
        'map-invoice',
        'invoices',
        'write-back',
      ]);
      expect(node(s, 'opportunities')).toMatchObject({ in: opps.length, out: opps.length, failed: 0 });
      expect(node(s, 'customer')).toMatchObject({
        in: opps.length,
        out: opps.length - unbound.length,
        failed: unbound.length,
      });
      expect(node(s, 'items')).toMatchObject({
        in: opps.length - unbound.length,
        out: good.length,
        failed: longName.length,
      });
      expect(node(s, 'map-invoice')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(node(s, 'invoices')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({ created: good.length, updated: 0 });
      // Every opportunity had its number already; its products get their QuickBooks line ids (UsrQBLineId), which
      // is how the invoices → opportunities flow finds each line again.
      expect(await sinkCounts(g.weft, s.runId, 'write-back')).toMatchObject({
        in: good.length,
        updated: good.length,
        failed: 0,
      });
      const lineIds = g.weft
        .sandboxes!.creatio.db.prepare('SELECT "UsrQBLineId" FROM "OpportunityProduct" WHERE "OpportunityId" = ?')
        .all(oppId(good[0])) as { UsrQBLineId: string }[];
      const first = rows<Invoice>('Invoice').find((x) => x.DocNumber === doc(good[0]))!;
      expect(lineIds.map((l) => l.UsrQBLineId).sort()).toEqual(
        first.Line.filter((l) => l.DetailType === 'SalesItemLineDetail')
          .map((l) => l.Id)
          .sort(),
      );

      // Each bad record fails alone, saying what to do.
      const noCustomer = await g.weft.services.runs.failures('default', s.runId, 'customer', 10);
      expect(noCustomer.map((f) => f.record.key)).toHaveLength(unbound.length);
      expect(noCustomer[0].failure.message).toContain(`Opportunity "${demoAccount(unbound[0]).name} — renewal"`);
      expect(noCustomer[0].failure.action).toMatch(
        /Run the "Creatio accounts → QuickBooks customers" flow first \(or bind that Account/,
      );
      const tooLong = await g.weft.services.runs.failures('default', s.runId, 'items', 10);
      expect(tooLong).toHaveLength(longName.length);
      for (const f of tooLong)
        expect(f.failure).toMatchObject({
          code: 'qbo.2050',
          field: 'Name',
          message: expect.stringMatching(/Name is too long: 164 characters, QuickBooks allows at most 100/),
        });

      const invoices = rows<Invoice>('Invoice');
      expect(invoices).toHaveLength(invoicesBefore + good.length);
      const customers = rows<{ Id: string; DisplayName: string }>('Customer');
      const items = rows<{ Id: string; Name: string; Type: string }>('Item');
      for (const i of good) {
        const inv = invoices.find((x) => x.DocNumber === `OPP-${String(i).padStart(6, '0')}`)!;
        expect(inv, `invoice of opportunity ${i}`).toBeDefined();
        // Special characters of the account and product names arrive byte for byte.
        expect(inv.PrivateNote).toBe(`Creatio opportunity: ${demoAccount(i).name} — renewal`);
        expect(inv.CustomerRef.value).toBe(customers.find((c) => c.DisplayName === demoAccount(i).name)!.Id);
        expect(inv.DueDate).toBe('2026-02-04');
        const want = opportunityLines(i);
        const lines = inv.Line.filter((l) => l.DetailType === 'SalesItemLineDetail');
        expect(
          lines.map((l) => ({
            item: items.find((x) => x.Id === l.SalesItemLineDetail!.ItemRef.value)!.Name,
            qty: l.SalesItemLineDetail!.Qty,
            price: l.SalesItemLineDetail!.UnitPrice,
            amount: l.Amount,
            text: l.Description,
          })),
        ).toEqual(
          want.map((l) => ({
            item: PRODUCTS[l.product].Name,
            qty: l.quantity,
            price: l.price,
            amount: l.amount,
            text: PRODUCTS[l.product].Name,
          })),
        );
        expect(inv.TotalAmt).toBe(Math.round(want.reduce((t, l) => t + l.amount, 0) * 100) / 100);
      }
      // Products become Service items once each ("Consulting Hours" already existed and was bound by name),
      // also those of an opportunity that then failed for another line: the item is ready when it is reprocessed.
      const reached = opps.filter((i) => !unbound.includes(i));
      const used = new Set(
        reached.flatMap((i) =>
          opportunityLines(i)
            .filter((l) => l.product !== LONG_PRODUCT)
            .map((l) => PRODUCTS[l.product].Name),
        ),
      );
      for (const name of used)
        expect(
          items.filter((x) => x.Name === name),
          name,
        ).toHaveLength(1);
      expect(used.has('Consulting Hours')).toBe(true);
      expect(items.length - itemsBefore).toBe(used.size - 1);
      expect(items.filter((x) => x.Name.startsWith('Product ')).every((x) => x.Type === 'Service')).toBe(true);
      expect(items.some((x) => x.Name.startsWith('Extended warranty'))).toBe(false);
    });

    it('reruns without duplicating: bound opportunities update their invoice, changed lines included', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(node(again, 'opportunities').in).toBe(0); // nothing changed since the last run
      const invoicesBefore = rows<Invoice>('Invoice').length;
      const itemsBefore = rows('Item').length;

      // A salesperson changes the quantity of one line; the opportunity's ModifiedOn moves with it.
      const creatio = await creatioSession(g.weft);
      const i = good[2];
      const [opp] = await creatio.get<{ Id: string; OpportunityProductCollectionByOpportunity: { Id: string }[] }>(
        `Opportunity?$filter=${encodeURIComponent(`UsrInvoiceNumber eq 'OPP-${String(i).padStart(6, '0')}'`)}` +
          '&$select=Id&$expand=OpportunityProductCollectionByOpportunity($select=Id;$orderby=CreatedOn,Id)',
      );
      expect(
        await creatio.patch(`OpportunityProduct(${opp.OpportunityProductCollectionByOpportunity[0].Id})`, {
          Quantity: 7,
        }),
      ).toBe(204);
      expect(await creatio.patch(`Opportunity(${opp.Id})`, { Amount: 1 })).toBe(204);
      await g.weft.services.runs.setWatermark('default', `template-${FLOW}`, 'opportunities', null);

      const third = await runTemplate(g.weft, FLOW);
      expect(await sinkCounts(g.weft, third.runId, 'invoices')).toMatchObject({
        created: 0,
        updated: good.length,
        failed: 0,
      });
      expect(node(third, 'bind-invoices')).toMatchObject({ in: good.length, out: good.length, failed: 0 });
      expect(rows('Invoice')).toHaveLength(invoicesBefore);
      expect(rows('Item')).toHaveLength(itemsBefore);
      const inv = rows<Invoice>('Invoice').find((x) => x.DocNumber === `OPP-${String(i).padStart(6, '0')}`)!;
      const first = opportunityLines(i)[0];
      expect(inv.Line[0]).toMatchObject({
        Amount: Math.round(7 * first.price * 100) / 100,
        SalesItemLineDetail: { Qty: 7, UnitPrice: first.price },
      });
      expect(inv.Line.filter((l) => l.DetailType === 'SalesItemLineDetail')).toHaveLength(opportunityLines(i).length);
    });
  });
}
