import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../nodes';
import { diffFlows, humanize } from './flow-diff';
import { FlowDocument } from './flow-document';

const template = FlowDocument.parse(
  JSON.parse(readFileSync(new URL('../templates/creatio-accounts-to-qbo-customers.json', import.meta.url), 'utf8')),
);
const words = {
  typeTitle: (t: string) => registry.get(t)?.title,
  fieldLabel: (t: string, k: string) => registry.get(t)?.ui.fields?.[k as never]?.label,
};

function edit(f: (d: FlowDocument) => void): FlowDocument {
  const d = structuredClone(template);
  f(d);
  return d;
}

describe('diffFlows', () => {
  it('finds nothing between a flow and itself', () => {
    expect(diffFlows(template, structuredClone(template), words)).toEqual({ nodes: {}, changes: [] });
  });

  it("names a mapping row's change by its position and target, in the analyst's words", () => {
    const after = edit((d) => {
      const m = d.nodes.find((n) => n.id === 'map-customer')!;
      m.title = 'Customer fields';
      const rows = m.config.mappings as Record<string, unknown>[];
      rows[0] = { ...rows[0], source: undefined, expression: '$uppercase(Name)' };
      delete rows[0].source;
      (rows[2] as { maxLength: number }).maxLength = 40;
    });
    const before = edit((d) => (d.nodes.find((n) => n.id === 'map-customer')!.title = 'Customer fields'));
    const diff = diffFlows(before, after, words);
    expect(diff.nodes).toEqual({ 'map-customer': 'changed' });
    expect(diff.changes.map((c) => c.message)).toEqual([
      "Mapping 'Customer fields' — Field 1 (DisplayName): Name → $uppercase(Name)",
      "Mapping 'Customer fields' — Field 3 (PrimaryPhone.FreeFormNumber): Max length 30 → 40",
    ]);
  });

  it('tells added, removed and moved nodes apart, with the connections between them', () => {
    const after = edit((d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'active');
      d.edges = d.edges.filter((e) => !e.from.startsWith('active:') && !e.to.startsWith('active:'));
      d.edges.push({ from: 'accounts:out', to: 'bind-customers:in' });
      d.nodes.find((n) => n.id === 'customers')!.position.x += 200;
      d.nodes.push({ id: 'only-new', type: 'core.filter', version: 1, position: { x: 0, y: 0 }, config: {} });
    });
    const diff = diffFlows(template, after, words);
    expect(diff.nodes).toEqual({ active: 'removed', customers: 'moved', 'only-new': 'added' });
    const messages = diff.changes.map((c) => c.message);
    expect(messages).toContain("Filter 'Active only' removed");
    expect(messages.some((m) => m.endsWith("'QuickBooks customers' moved"))).toBe(true);
    expect(messages).toContain("Connection from 'Creatio accounts' to 'Find the customer' added");
    expect(messages).toContain("Connection from 'Active only' to 'Find the customer' removed");
    expect(messages.filter((m) => m.endsWith('added'))).toHaveLength(2);
  });

  it('ignores a nudge of a few pixels but not a real move', () => {
    const nudged = edit((d) => (d.nodes[0].position.x += 2));
    expect(diffFlows(template, nudged).changes).toEqual([]);
  });

  it('names changed settings and plain config fields by their labels', () => {
    const after = edit((d) => {
      d.settings.schedule = { every: '5m' };
      d.nodes.find((n) => n.id === 'accounts')!.config.pageSize = 200;
    });
    const messages = diffFlows(template, after, words).changes.map((c) => c.message);
    expect(messages).toContain('Settings — Schedule: {"every":"10m"} → {"every":"5m"}');
    expect(messages.some((m) => /^.+ 'Creatio accounts' — .+: 1000 → 200$/.test(m))).toBe(true);
  });

  it('matches list rows by position when they have no unique key, and names added and removed rows', () => {
    const after = edit((d) => {
      const f = d.nodes.find((n) => n.id === 'active')!;
      (f.config.rules as unknown[]).push({ field: 'UsrActive.Name', op: 'equals', value: 'No' });
    });
    const messages = diffFlows(template, after, words).changes.map((c) => c.message);
    expect(messages).toEqual(["Filter 'Active only' — Rule 2 (UsrActive.Name) added: Op equals, Value No"]);
  });

  it("names a change inside a list of a row (an invoice line's field) by both rows", () => {
    const doc = (amount: string): FlowDocument =>
      edit((d) => {
        const m = d.nodes.find((n) => n.id === 'map-customer')!;
        m.config.lines = [
          {
            target: 'Line',
            from: 'Products',
            fields: [
              { target: 'Description', source: 'Name' },
              { target: 'Amount', expression: amount },
            ],
          },
        ];
      });
    const messages = diffFlows(doc('Price'), doc('Price * Quantity'), words).changes.map((c) => c.message);
    expect(messages).toEqual([
      "Mapping 'Account → Customer' — Line 1 (Line) — Field 2 (Amount): Price → Price * Quantity",
    ]);
  });

  it('humanizes keys', () => {
    expect(humanize('matchSourceField')).toBe('Match source field');
  });
});
