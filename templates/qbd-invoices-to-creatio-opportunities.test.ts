// Golden test of "QuickBooks Desktop invoices → Creatio opportunities": invoices
// are read from the Desktop sandbox through the Web Connector (an iterator over two
// pages), each becomes a Creatio opportunity keyed by its Invoice Number; a later
// run reads only the invoice changed in QuickBooks and updates its opportunity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededMemo } from '../sandbox/quickbooks-desktop';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

const FLOW = 'qbd-invoices-to-creatio-opportunities';
const INVOICES = 40;

interface Opportunity { Id: string; Title: string; UsrInvoiceNumber: string; Amount: number; Notes: string; UsrQBLastModified: string | null }

for (const db of testDatabases()) {
  describe(`template "QuickBooks Desktop invoices → Creatio opportunities" on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => { g = await bootQbdGolden(db.url, 'golden_qbd_inv'); });
    afterAll(() => g?.close());
    const opportunities = () => (g.weft.sandboxes!.creatio.db.prepare('SELECT "Id", "Title", "UsrInvoiceNumber", "Amount", "Notes", "UsrQBLastModified" FROM "Opportunity"').all() as Opportunity[])
      .filter((o) => /^\d+$/.test(o.UsrInvoiceNumber ?? ''));
    const invoices = () => g.weft.sandboxes!.qbd.file.invoices({});

    it('creates one opportunity per invoice, with amount, memo and customer name intact', async () => {
      expect(opportunities()).toHaveLength(0);
      const s = await runTemplate(g.weft, FLOW);
      expect(s.status).toBe('succeeded');
      expect(s.nodes.map((n) => n.id)).toEqual(['invoices', 'bind-opportunities', 'map-opportunity', 'opportunities']);
      expect(node(s, 'invoices')).toMatchObject({ in: INVOICES, out: INVOICES, failed: 0 });
      expect(node(s, 'bind-opportunities')).toMatchObject({ in: INVOICES, out: INVOICES, failed: 0 });
      expect(node(s, 'map-opportunity')).toMatchObject({ in: INVOICES, out: INVOICES, failed: 0 });
      expect(await sinkCounts(g.weft, s.runId, 'opportunities')).toMatchObject({ created: INVOICES, updated: 0, failed: 0 });

      const byNumber = new Map(opportunities().map((o) => [o.UsrInvoiceNumber, o]));
      expect(byNumber.size).toBe(INVOICES);
      const file = g.weft.sandboxes!.qbd.file;
      for (const inv of invoices()) {
        const customer = file.customer(inv.customerListId)!.name;
        const o = byNumber.get(inv.refNumber)!;
        expect(o.Title).toBe(`Invoice ${inv.refNumber} — ${customer}`);
        expect(o.Notes).toBe(seededMemo(inv.txnNumber - 1, customer));
        expect(o.Amount).toBeCloseTo(inv.lines.reduce((t, l) => t + l.quantity * l.rate, 0), 2);
        expect(o.UsrQBLastModified).toBeTruthy();
      }
      // Accents from the customer name and < & " from the memo arrive unchanged.
      expect(byNumber.get('1001')).toMatchObject({ Title: 'Invoice 1001 — Café Déjà Vu Crème', Notes: 'Rush order for Café Déjà Vu Crème — <fragile> & "handle with care"' });
    });

    it('reads only the invoices changed since the last run and updates their opportunity', async () => {
      const again = await runTemplate(g.weft, FLOW);
      expect(again.status).toBe('succeeded');
      expect(node(again, 'invoices').in).toBe(0);

      const file = g.weft.sandboxes!.qbd.file;
      const target = invoices()[6];
      file.now = () => Date.now() + 60_000;
      file.touchInvoice(target.txnId, { memo: 'Paid in full — merci & "thanks" <3', isPaid: true });
      const third = await runTemplate(g.weft, FLOW);
      expect(node(third, 'invoices')).toMatchObject({ in: 1, out: 1 });
      expect(await sinkCounts(g.weft, third.runId, 'opportunities')).toMatchObject({ created: 0, updated: 1, failed: 0 });
      const o = opportunities().find((x) => x.UsrInvoiceNumber === target.refNumber)!;
      expect(o.Notes).toBe('Paid in full — merci & "thanks" <3');
      expect(opportunities()).toHaveLength(INVOICES);
    });
  });
}
