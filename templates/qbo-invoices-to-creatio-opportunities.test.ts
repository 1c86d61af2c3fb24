// Golden test of "QuickBooks Online invoices → Creatio opportunities": each invoice
// becomes a Creatio opportunity keyed by its invoice number (DocNumber), on the account
// that "QuickBooks Online customers → Creatio accounts" linked to the invoice's customer;
// an invoice of a customer with no linked account fails alone, saying which flow to
// run. A later run reads only the invoice changed in QuickBooks and updates it; the title and
// notes, written only when the opportunity is created, keep what an analyst made of them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';

const FLOW = 'qbo-invoices-to-creatio-opportunities';
const ACCOUNTS_FLOW = 'qbo-customers-to-creatio-accounts';

interface Opportunity {
  Title: string;
  UsrInvoiceNumber: string;
  Amount: number;
  Notes: string | null;
  AccountId: string;
  UsrQBLastModified: string | null;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Online invoices → Creatio opportunities" on ${db.name}`, () => {
    let g: Golden;
    let token: string;
    const qbo = (path: string, body?: unknown) =>
      call(g.weft.sandboxes!.qbo, token, path, body === undefined ? {} : { body });
    const rows = (entity: string) =>
      g.weft
        .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, entity)
        .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Record<string, any>);
    const invoiceFor = (customerId: string, amount: number, note: string) =>
      qbo('invoice?minorversion=75', {
        CustomerRef: { value: customerId },
        PrivateNote: note,
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: amount,
            SalesItemLineDetail: { ItemRef: { value: rows('Item')[0].Id }, Qty: 1, UnitPrice: amount },
          },
        ],
      });

    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_qboinv2crm');
      token = await accessToken(g.weft.sandboxes!.qbo);
      // The accounts flow links each customer to its Creatio account.
      expect((await runTemplate(g.weft, ACCOUNTS_FLOW)).status).toBe('succeeded');
      // … and the items flow each item to its product, for the invoice lines.
      expect((await runTemplate(g.weft, 'qbo-items-to-creatio-products')).status).not.toBe('failed');
      const bound = rows('Customer')[0];
      expect((await invoiceFor(bound.Id, 321.5, 'Rush & <fragile> "handle with care"')).status).toBe(200);
      const walkIn = await qbo('customer?minorversion=75', { DisplayName: 'Walk-in Buyer (cash sale)' });
      expect((await invoiceFor(walkIn.json.Customer.Id, 40, 'Counter sale')).status).toBe(200);
    });
    afterAll(() => g?.close());

    const opportunities = () =>
      (
        g.weft
          .sandboxes!.creatio.db.prepare(
            'SELECT "Title", "UsrInvoiceNumber", "Amount", "Notes", "AccountId", "UsrQBLastModified" FROM "Opportunity"',
          )
          .all() as Opportunity[]
      ).filter((o) => /^\d+$/.test(o.UsrInvoiceNumber ?? ''));
    const productsOf = (docNumber: string) =>
      g.weft
        .sandboxes!.creatio.db.prepare(
          'SELECT p."UsrQBLineId", p."Quantity", p."Price" FROM "OpportunityProduct" p ' +
            'JOIN "Opportunity" o ON o."Id" = p."OpportunityId" WHERE o."UsrInvoiceNumber" = ?',
        )
        .all(docNumber);
    const accountOf = (customerName: string) =>
      (
        g.weft
          .sandboxes!.creatio.db.prepare('SELECT "Id" FROM "Account" WHERE "UsrQBFullName" = ?')
          .get(customerName) as { Id: string } | undefined
      )?.Id;

    it('creates one opportunity per invoice under the linked account; the unlinked customer fails alone', async () => {
      const invoices = rows('Invoice');
      expect(opportunities()).toHaveLength(0);
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('completed-with-errors');
      expect(s.nodes.map((n) => n.id)).toEqual([
        'invoices',
        'account',
        'products',
        'bind-opportunities',
        'map-opportunity',
        'opportunities',
        'opportunity-products',
      ]);
      expect(node(s, 'invoices')).toMatchObject({ in: invoices.length, out: invoices.length, failed: 0 });
      expect(node(s, 'account')).toMatchObject({ in: invoices.length, out: invoices.length - 1, failed: 1 });
      expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({
        created: invoices.length - 1,
        updated: 0,
        failed: 0,
      });
      const [unbound] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(unbound.failure.message).toContain('Walk-in Buyer (cash sale)');
      expect(unbound.failure.action).toContain('QuickBooks Online customers → Creatio accounts');

      const byNumber = new Map(opportunities().map((o) => [o.UsrInvoiceNumber, o]));
      for (const inv of invoices.filter((i) => i.CustomerRef.name !== 'Walk-in Buyer (cash sale)')) {
        const customer = rows('Customer').find((c) => c.Id === inv.CustomerRef.value)!;
        expect(byNumber.get(inv.DocNumber)).toMatchObject({
          Title: `Invoice ${inv.DocNumber} — ${customer.DisplayName}`,
          Amount: inv.TotalAmt,
          AccountId: accountOf(customer.DisplayName),
        });
      }
      expect(opportunities().find((o) => o.Amount === 321.5)).toMatchObject({
        Notes: 'Rush & <fragile> "handle with care"',
      });
      // Each item line is an opportunity product, bound to its line by the QuickBooks line id.
      const inv = invoices.find((i) => i.TotalAmt === 321.5)!;
      expect(productsOf(inv.DocNumber)).toEqual([{ UsrQBLineId: inv.Line[0].Id, Quantity: 1, Price: 321.5 }]);
    });

    it('reads only the invoice changed since and updates its opportunity, keeping the title an analyst edited', async () => {
      expect(node(await runTemplate(g.weft, FLOW), 'invoices').in).toBe(0);
      const inv = rows('Invoice').find((i) => i.TotalAmt === 321.5)!;
      const mine = () => opportunities().find((o) => o.UsrInvoiceNumber === inv.DocNumber)!;
      // Title and Notes are written only when the opportunity is created (issue 15): the analyst's title stays.
      const [{ Id }] = await (
        await creatioSession(g.weft)
      ).get<{ Id: string }>(`Opportunity?$filter=UsrInvoiceNumber eq '${inv.DocNumber}'&$select=Id`);
      expect(await (await creatioSession(g.weft)).patch(`Opportunity(${Id})`, { Title: 'Renewal — 3 seats' })).toBe(
        204,
      );
      const answer = await qbo('invoice?minorversion=75', {
        Id: inv.Id,
        SyncToken: inv.SyncToken,
        sparse: true,
        PrivateNote: 'Paid by wire',
      });
      expect(answer.status).toBe(200);
      const before = opportunities().length;
      const s = await runTemplate(g.weft, FLOW);
      expect(node(s, 'invoices').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      expect(opportunities()).toHaveLength(before);
      expect(mine()).toMatchObject({ Title: 'Renewal — 3 seats', Notes: 'Rush & <fragile> "handle with care"' });
      expect(Date.parse(mine().UsrQBLastModified!)).toBe(Date.parse(answer.json.Invoice.MetaData.LastUpdatedTime));
    });
  });
}
