// Seed §5.2 "Opportunity creation without line items", through the whole Weft against the sandboxes: an
// opportunity without products fails (it waits in Failed records), is skipped with the reason on the node, or —
// on QuickBooks Desktop, where a sales form may have no lines — becomes a transaction without lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { docNode, qboRows, runDoc, templateDoc } from './test-options';

const NUMBER = 'NOLINES-1';

/** A new opportunity without products, on the account of seeded opportunity 21 (bound by the accounts flow). */
async function opportunityWithoutProducts(g: Golden): Promise<string> {
  const creatio = await creatioSession(g.weft);
  const [opp] = await creatio.get<{ AccountId: string; Title: string }>(
    `Opportunity?$filter=${encodeURIComponent("UsrInvoiceNumber eq 'OPP-000021'")}&$select=AccountId,Title`,
  );
  const title = `${opp.Title} (no products yet)`;
  const created = await creatio.post('Opportunity', {
    Title: title,
    AccountId: opp.AccountId,
    DueDate: '2026-02-04T09:00:00Z',
    UsrInvoiceNumber: NUMBER,
  });
  expect(created).toBe(201);
  return title;
}

function withFewer(id: string, minItems: number, whenFewer: 'fail' | 'skip') {
  const doc = templateDoc(id);
  const lines = (docNode(doc, 'map-invoice').config.lines as Record<string, unknown>[])[0];
  Object.assign(lines, { minItems, whenFewer });
  return doc;
}

for (const db of testDatabases()) {
  describe(`opportunities without products, QuickBooks Online, on ${db.name}`, () => {
    let g: Golden;
    let title: string;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_nolines');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      title = await opportunityWithoutProducts(g);
    });
    afterAll(() => g?.close());
    const invoices = () => qboRows<{ DocNumber: string }>(g.weft, 'Invoice').filter((x) => x.DocNumber === NUMBER);

    it('"fail" (the template\'s setting): the opportunity waits in Failed records, saying to add products', async () => {
      const s = await runDoc(g.weft, 'no-lines-fail', withFewer('creatio-opportunities-to-qbo-invoices', 1, 'fail'));
      const failures = await g.weft.services.runs.failures('default', s.runId, 'map-invoice', 5);
      expect(failures).toHaveLength(1);
      expect(failures[0].failure.message).toBe(
        `Opportunity "${title}": Line needs at least 1 line, but OpportunityProductCollectionByOpportunity has 0.`,
      );
      expect(invoices()).toHaveLength(0);
    });

    it('"skip": the opportunity is skipped, not failed, and the node says why and what to do', async () => {
      const s = await runDoc(g.weft, 'no-lines-skip', withFewer('creatio-opportunities-to-qbo-invoices', 1, 'skip'));
      expect(node(s, 'map-invoice').failed).toBe(0);
      const run = await g.weft.services.runs.getRun('default', s.runId);
      const map = run!.nodes.find((n) => n.id === 'map-invoice')!;
      expect(map.skipped).toBe(1);
      expect(map.status).toContain('1 record was skipped for having no lines');
      expect(map.status).toContain(`Opportunity "${title}" was not sent`);
      expect(map.status).toContain('Add lines (OpportunityProductCollectionByOpportunity) to the record in the source');
      expect(invoices()).toHaveLength(0);
    });
  });

  describe(`opportunities without products, QuickBooks Desktop, on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'opt_nolines_qbd');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-customers')).status).toBe('completed-with-errors');
      await opportunityWithoutProducts(g);
    });
    afterAll(() => g?.close());

    it('"at least 0 lines": the invoice is created without lines, on the customer of the account', async () => {
      const s = await runDoc(g.weft, 'no-lines-qbd', withFewer('creatio-opportunities-to-qbd-invoices', 0, 'fail'));
      expect(node(s, 'map-invoice').failed).toBe(0);
      const inv = g.weft.sandboxes!.qbd.file.objects(['Invoice']).find((o) => o.name === NUMBER);
      expect(inv).toBeDefined();
      const data = inv!.data as Record<string, unknown>;
      expect(data.InvoiceLineAdd ?? []).toEqual([]);
      expect((data.CustomerRef as { FullName: string }).FullName).toBeTruthy();
    });
  });
}
