// Seed §5.2 "Duplicate prevention", through the whole Weft against both sandboxes: "Write back to Creatio" marks
// each opportunity sent (UsrQBSent), and the binding's duplicate-prevention field keeps an opportunity marked
// sent that has no linked or matching QuickBooks invoice from becoming a second invoice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, creatioSession, node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { docNode, qboRows, runDoc, templateDoc } from './test-options';

const FLOW = 'opportunity-duplicate-prevention';
const docNumber = (i: number) => `OPP-${String(i).padStart(6, '0')}`;

function withSentMark() {
  const doc = templateDoc('creatio-opportunities-to-qbo-invoices');
  const src = docNode(doc, 'opportunities').config as { select: string[] };
  src.select = [...src.select, 'UsrQBSent'];
  docNode(doc, 'bind-invoices').config.sentField = 'UsrQBSent';
  doc.nodes.push({
    id: 'mark-sent',
    type: 'creatio.write-back',
    version: 1,
    title: 'Mark the opportunity sent',
    position: { x: 840, y: 360 },
    config: { connection: '@creatio', numberField: '', sentField: 'UsrQBSent' },
  });
  doc.edges.push({ from: 'invoices:done', to: 'mark-sent:in' });
  return doc;
}

for (const db of testDatabases()) {
  describe(`duplicate prevention of Creatio opportunities on ${db.name}`, () => {
    let g: Golden;
    let old: { Id: string; Title: string };
    beforeAll(async () => {
      g = await bootGolden(db.url, 'opt_dup');
      expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers')).status).toBe('completed-with-errors');
      // Opportunity 31 was sent by the old service under a number QuickBooks no longer has, and Weft never linked it.
      const creatio = await creatioSession(g.weft);
      [old] = await creatio.get<{ Id: string; Title: string }>(
        `Opportunity?$filter=${encodeURIComponent(`UsrInvoiceNumber eq '${docNumber(31)}'`)}&$select=Id,Title`,
      );
      expect(await creatio.patch(`Opportunity(${old.Id})`, { UsrQBSent: true, UsrInvoiceNumber: 'OLD-31' })).toBe(204);
    });
    afterAll(() => g?.close());

    it('an opportunity marked sent with no invoice to update is not created again, and says what to do', async () => {
      const s = await runDoc(g.weft, FLOW, withSentMark());
      expect(node(s, 'bind-invoices').failed).toBe(1);
      const [f] = await g.weft.services.runs.failures('default', s.runId, 'bind-invoices', 5);
      expect(f.failure).toMatchObject({
        code: 'weft.binding.already-sent',
        field: 'UsrQBSent',
        message:
          `Opportunity "${old.Title}" is marked as sent already (UsrQBSent), but no QuickBooks Invoice is linked ` +
          'to it or matches it: it is not created again, to prevent a duplicate.',
        action:
          'Find its Invoice in QuickBooks and give the record its number (or link it), or clear UsrQBSent to ' +
          'create it anew; then reprocess.',
      });
      const notes = qboRows<{ PrivateNote: string }>(g.weft, 'Invoice').map((x) => x.PrivateNote);
      expect(notes).not.toContain(`Creatio opportunity: ${old.Title}`);
      // Every invoice made is marked on its opportunity.
      const created = (await sinkCounts(g.weft, s.runId, 'invoices')).created;
      expect(created).toBeGreaterThan(0);
      expect(node(s, 'mark-sent')).toMatchObject({ in: created, out: created, failed: 0 });
      const creatio = await creatioSession(g.weft);
      const sent = await creatio.get('Opportunity?$filter=UsrQBSent eq true&$select=Id');
      expect(sent).toHaveLength(created + 1);
    });

    it('opportunities marked sent and linked are updated as usual; nothing is written back twice', async () => {
      const s = await runDoc(g.weft, FLOW, withSentMark());
      const counts = await sinkCounts(g.weft, s.runId, 'invoices');
      expect(counts).toMatchObject({ created: 0, failed: 0 });
      expect(counts.updated).toBeGreaterThan(0);
      expect(node(s, 'bind-invoices').failed).toBe(1);
      // Already marked: the write-back finds nothing to change and leaves the opportunities as they are.
      const run = await g.weft.services.runs.getRun('default', s.runId);
      expect(run!.nodes.find((n) => n.id === 'mark-sent')).toMatchObject({ updated: 0, skipped: counts.updated });
    });
  });
}
