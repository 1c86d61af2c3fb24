// Golden test of "QuickBooks Desktop invoices → Creatio opportunities": invoices
// are read from the Desktop sandbox through the Web Connector (an iterator over two
// pages), each becomes a Creatio opportunity keyed by its Invoice Number and tied to
// the Creatio account that "Creatio accounts → QuickBooks Desktop customers" linked
// to the invoice's customer; an invoice of a customer with no Creatio account fails
// alone. A later run reads only the invoice changed in QuickBooks and updates it,
// keeping the title and notes an analyst edited (written only when creating).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededMemo } from '../sandbox/quickbooks-desktop';
import { testDatabases } from '../scripts/test-databases';
import { creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'qbd-invoices-to-creatio-opportunities';
const ACCOUNTS_FLOW = 'creatio-accounts-to-qbd-customers';
const INVOICES = 40;
/** A QuickBooks-only customer (no Creatio account of that name) and its invoice. */
const WALK_IN = { customer: 'Walk-in Buyer (cash sale)', refNumber: '2001' };

interface Opportunity {
  Id: string;
  Title: string;
  UsrInvoiceNumber: string;
  Amount: number;
  Notes: string;
  UsrQBLastModified: string | null;
  AccountId: string;
}

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop invoices → Creatio opportunities" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_qbd_inv');
      const file = g.weft.sandboxes!.qbd.file;
      const walkIn = file.addCustomer({ name: WALK_IN.customer, fields: {} });
      file.addInvoice({
        customerListId: walkIn.listId,
        refNumber: WALK_IN.refNumber,
        txnDate: '2026-01-30',
        dueDate: '2026-02-28',
        memo: 'Counter sale',
        isPaid: true,
        lines: [{ item: 'Shipping', desc: 'Courier', quantity: 1, rate: 40 }],
      });
      // The accounts flow links each Creatio account to its QuickBooks customer (by name the first time).
      expect((await runTemplate(g.weft, ACCOUNTS_FLOW)).status).toBe('completed-with-errors'); // its 52-character name, refused alone
      // … and the items flow each item to its product, for the invoice lines.
      expect((await runTemplate(g.weft, 'qbd-items-to-creatio-products')).status).not.toBe('failed');
    });
    afterAll(() => g?.close());
    const creatio = () => g.weft.sandboxes!.creatio.db;
    const opportunities = () =>
      (
        creatio()
          .prepare(
            'SELECT "Id", "Title", "UsrInvoiceNumber", "Amount", "Notes", "UsrQBLastModified", "AccountId" FROM "Opportunity"',
          )
          .all() as Opportunity[]
      ).filter((o) => /^\d+$/.test(o.UsrInvoiceNumber ?? ''));
    const linesOf = (id: string) =>
      creatio()
        .prepare(
          'SELECT "UsrQBLineId", "Quantity", "Price" FROM "OpportunityProduct" WHERE "OpportunityId" = ? ORDER BY "CreatedOn", "Id"',
        )
        .all(id);
    const accountIdOf = (name: string) =>
      (creatio().prepare('SELECT "Id" FROM "Account" WHERE "Name" = ?').all(name) as { Id: string }[]).map((a) => a.Id);
    const invoices = () => g.weft.sandboxes!.qbd.file.invoices({}).filter((i) => i.refNumber !== WALK_IN.refNumber);

    it('creates one opportunity per invoice under the account linked to its customer; the customer with no account fails alone', async () => {
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
      expect(node(s, 'invoices')).toMatchObject({ in: INVOICES + 1, out: INVOICES + 1, failed: 0 });
      expect(node(s, 'account')).toMatchObject({ in: INVOICES + 1, out: INVOICES, failed: 1 });
      expect(node(s, 'bind-opportunities')).toMatchObject({ in: INVOICES, out: INVOICES, failed: 0 });
      expect(node(s, 'map-opportunity')).toMatchObject({ in: INVOICES, out: INVOICES, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({
        created: INVOICES,
        updated: 0,
        failed: 0,
      });

      const byNumber = new Map(opportunities().map((o) => [o.UsrInvoiceNumber, o]));
      expect(byNumber.size).toBe(INVOICES);
      const file = g.weft.sandboxes!.qbd.file;
      for (const inv of invoices()) {
        const customer = file.customer(inv.customerListId)!.name;
        const o = byNumber.get(inv.refNumber)!;
        expect(o.Title).toBe(`Invoice ${inv.refNumber} — ${customer}`);
        expect(o.Notes).toBe(seededMemo(inv.txnNumber - 1, customer));
        expect(o.Amount).toBeCloseTo(
          inv.lines.reduce((t, l) => t + l.quantity * l.rate, 0),
          2,
        );
        expect(o.UsrQBLastModified).toBeTruthy();
        // Each line is an opportunity product, bound to its line by the TxnLineID.
        expect(linesOf(o.Id)).toEqual(
          inv.lines.map((l) => ({ UsrQBLineId: expect.any(String), Quantity: l.quantity, Price: l.rate })),
        );
        // The account is the one named like the customer (one only), not just any account.
        expect(accountIdOf(customer)).toEqual([o.AccountId]);
      }
      expect(new Set(opportunities().map((o) => o.AccountId)).size).toBe(
        new Set(invoices().map((i) => i.customerListId)).size,
      );

      const [failure, ...others] = await g.weft.services.runs.failures('default', s.runId, 'account', 5);
      expect(others).toEqual([]);
      expect(failure.failure).toMatchObject({
        code: 'weft.reference.unbound',
        field: 'CustomerRef.ListID',
        message: expect.stringMatching(
          new RegExp(
            `^Invoice "${WALK_IN.refNumber}": its Customer "${WALK_IN.customer.replace(/[()]/g, '\\$&')}" ` +
              `\\(.+\\) is not linked to an Account in Creatio sandbox \\(demo company\\) yet\\.$`,
          ),
        ),
        action: expect.stringMatching(
          /^Run 'Creatio accounts → QuickBooks Desktop customers' or the binding utility first .*or create the account in Creatio/,
        ),
      });
      expect(opportunities().find((o) => o.UsrInvoiceNumber === WALK_IN.refNumber)).toBeUndefined();
      // Accents from the customer name and < & " from the memo arrive unchanged.
      expect(byNumber.get('1001')).toMatchObject({
        Title: 'Invoice 1001 — Café Déjà Vu Crème',
        Notes: 'Rush order for Café Déjà Vu Crème — <fragile> & "handle with care"',
      });
    });

    it('reads only the invoices changed since the last run and updates their opportunity, keeping an edited title', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(node(again, 'invoices').in).toBe(0);

      const file = g.weft.sandboxes!.qbd.file;
      const target = invoices()[6];
      // Title and Notes are written only when the opportunity is created (issue 15): an analyst's edit stays.
      const was = opportunities().find((x) => x.UsrInvoiceNumber === target.refNumber)!;
      expect(await (await creatioSession(g.weft)).patch(`Opportunity(${was.Id})`, { Title: 'Renewal — 3 seats' })).toBe(
        204,
      );
      file.now = () => Date.now() + 60_000;
      file.touchInvoice(target.txnId, { memo: 'Paid in full — merci & "thanks" <3', isPaid: true });
      const third = await runTemplate(g.weft, FLOW);
      expect(node(third, 'invoices')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, third.runId, 'opportunities')).toMatchObject({
        created: 0,
        updated: 1,
        failed: 0,
      });
      const o = opportunities().find((x) => x.UsrInvoiceNumber === target.refNumber)!;
      expect(o).toMatchObject({ Title: 'Renewal — 3 seats', Notes: was.Notes });
      expect(o.UsrQBLastModified).not.toBe(was.UsrQBLastModified);
      expect(o.AccountId).toBe(accountIdOf(g.weft.sandboxes!.qbd.file.customer(target.customerListId)!.name)[0]);
      expect(opportunities()).toHaveLength(INVOICES);
    });
  });
}
