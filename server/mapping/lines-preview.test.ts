// The mapping editor's lines (issue 14): the preview of the opportunities → invoices
// template shows each opportunity's products as invoice lines (an item that a real run
// would create shown as such, nothing created), and a line field's mapping changes them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import { bootGolden, runTemplate, type Golden } from '../../templates/test-golden';
import type { FlowDocument } from '../../flow/flow-document';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);
const db = testDatabases()[0];

interface Line {
  Amount: number;
  SalesItemLineDetail: { Qty?: number; ItemRef: { value: string } };
}

describe('the lines of an invoice in the mapping preview', () => {
  let g: Golden;
  let api: ReturnType<typeof makeCaller>;
  let flowId: string;
  let doc: FlowDocument;
  beforeAll(async () => {
    g = await bootGolden(db.url, 'lines');
    const store = g.weft.services.accounts.store;
    store.createUser({ id: 'analyst', email: 'analyst@example.com', name: 'Analyst', passwordHash: null });
    store.setRole('analyst', 'default', 'support');
    api = makeCaller({ services: g.weft.services, actor: { userId: 'analyst', workspaceId: 'default' } });
    // The invoices' customers are the ones the accounts flow made.
    await runTemplate(g.weft, 'creatio-accounts-to-qbo-customers');
    const template = g.weft.services.design.getTemplate('creatio-opportunities-to-qbo-invoices')!;
    flowId = await g.weft.services.design.createFlow('default', template, 'creatio-opportunities-to-qbo-invoices');
    doc = (await g.weft.services.design.getFlow('default', flowId))!.draft;
  });
  afterAll(() => g?.close());

  it("shows each opportunity's products as lines, and follows an edit of a line field", async () => {
    const qbo = g.weft.sandboxes!.qbo.stats;
    const writes = qbo.writes;
    const before = await api.mapping.preview({ flowId, nodeId: 'map-invoice' });
    expect(before.sourceProblem).toBeUndefined();
    const mapped = before.rows.filter((r) => r.output);
    expect(mapped.length).toBeGreaterThan(3);
    for (const r of mapped) {
      const products = r.input.OpportunityProductCollectionByOpportunity as { Quantity: number }[];
      const lines = r.output!.Line as Line[];
      expect(lines.map((l) => l.SalesItemLineDetail.Qty)).toEqual(products.map((p) => p.Quantity));
    }
    // A product without a QuickBooks item yet: the line says a run would create one; the preview made none.
    const itemIds = mapped.flatMap((r) => (r.output!.Line as Line[]).map((l) => l.SalesItemLineDetail.ItemRef.value));
    expect(itemIds).toContain('(new item: dry run)');
    expect(qbo.writes).toBe(writes);

    // The analyst maps the line quantity to a fixed 1: every line shows it.
    const edited = structuredClone(doc);
    const map = edited.nodes.find((n) => n.id === 'map-invoice')!;
    const lines = (map.config as { lines: { fields: { target: string }[] }[] }).lines;
    lines[0].fields = lines[0].fields.map((f) =>
      f.target === 'SalesItemLineDetail.Qty' ? { target: f.target, value: 1 } : f,
    );
    const after = await api.mapping.preview({ flowId, document: edited, nodeId: 'map-invoice' });
    const qtys = after.rows.flatMap((r) => ((r.output?.Line ?? []) as Line[]).map((l) => l.SalesItemLineDetail.Qty));
    expect(qtys.length).toBeGreaterThan(3);
    expect(new Set(qtys)).toEqual(new Set([1]));
  });
});
