// Seed §5.2 "QB custom field to suppress transaction", through the whole Weft against both sandboxes: an
// accountant sets the invoice's custom field "Sync" to "Do not sync" in QuickBooks, and the QuickBooks sink no
// longer updates that invoice — the others are updated as usual, and the node says which and why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, runTemplate, sinkCounts, type Golden } from './test-golden';
import { docNode, qboRows, runDoc, templateDoc } from './test-options';

const FLOW = 'opportunity-suppress';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;
type Invoice = { Id: string; DocNumber: string; DueDate: string; CustomField?: unknown[] };

function withSuppression() {
  const doc = templateDoc('creatio-opportunities-to-qbo-invoices');
  Object.assign(docNode(doc, 'invoices').config, { suppressField: 'Sync', suppressValue: 'Do not sync' });
  return doc;
}

for (const db of testDatabases()) {
  describe(`a QuickBooks field that suppresses updates, on ${db.name}`, () => {
    let g: Golden;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_suppress');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
    });
    afterAll(() => g?.close());

    /** What the accountant does in QuickBooks: a third custom field "Sync", set on one invoice. */
    function markDoNotSync(number: string) {
      const qbo = g.weft.sandboxes!.qbo;
      const [prefs] = qbo.store.all(qbo.realmId, 'Preferences');
      const groups = (prefs.body.SalesFormsPrefs as { CustomField: { CustomField: Record<string, unknown>[] }[] })
        .CustomField;
      groups[0].CustomField[2].BooleanValue = true;
      groups[1].CustomField.push({ Name: 'SalesFormsPrefs.SalesCustomName3', Type: 'StringType', StringValue: 'Sync' });
      qbo.store.update(qbo.realmId, prefs, prefs.body, undefined, Date.now());
      const row = qbo.store.all(qbo.realmId, 'Invoice').find((r) => r.body.DocNumber === number)!;
      const CustomField = [{ DefinitionId: '3', Name: 'Sync', Type: 'StringType', StringValue: 'Do not sync' }];
      qbo.store.update(qbo.realmId, row, { ...row.body, CustomField }, undefined, Date.now());
    }

    it('an invoice marked "Do not sync" in QuickBooks is left as it is; the others are updated', async () => {
      const first = await runDoc(g.weft, FLOW, withSuppression());
      const created = (await sinkCounts(g.weft, first.runId, 'invoices')).created;
      expect(created).toBeGreaterThan(2);
      markDoNotSync(docNumber(21));

      // The salesperson moves every due date; Weft updates all invoices but the suppressed one.
      const creatio = await creatioSession(g.weft);
      for (const i of [21, 31]) {
        const filter = encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(i)}'`);
        const [opp] = await creatio.get<{ Id: string }>(`Opportunity?$filter=${filter}&$select=Id`);
        expect(await creatio.patch(`Opportunity(${opp.Id})`, { DueDate: '2026-03-31T09:00:00Z' })).toBe(204);
      }
      const s = await runDoc(g.weft, FLOW, withSuppression());
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({
        created: 0,
        updated: created - 1,
        skipped: 1,
        failed: 0,
      });
      const invoices = qboRows<Invoice>(g.weft, 'Invoice');
      expect(invoices.find((x) => x.DocNumber === docNumber(21))!.DueDate).toBe('2026-02-04');
      expect(invoices.find((x) => x.DocNumber === docNumber(31))!.DueDate).toBe('2026-03-31');
      const run = await g.weft.services.runs.getRun('default', s.runId);
      const id = invoices.find((x) => x.DocNumber === docNumber(21))!.Id;
      expect(run!.nodes.find((n) => n.id === 'invoices')!.status).toBe(
        `1 record was not updated because QuickBooks says so: QuickBooks Invoice ${id} has Sync "Do not sync", ` +
          'so Weft leaves it as it is. To update it again, change Sync in QuickBooks.',
      );
    });

    it('without the setting, the marked invoice is updated like the others', async () => {
      const s = await runDoc(g.weft, FLOW, templateDoc('creatio-opportunities-to-qbo-invoices'));
      expect(await sinkCounts(g.weft, s.runId, 'invoices')).toMatchObject({ skipped: 0, failed: 0 });
      const inv = qboRows<Invoice>(g.weft, 'Invoice').find((x) => x.DocNumber === docNumber(21))!;
      expect(inv.DueDate).toBe('2026-03-31');
    });
  });
}
