import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FlowDocument } from './flow-document';
import { mergeFlows } from './template-merge';

const base = FlowDocument.parse(
  JSON.parse(readFileSync(join(__dirname, '../templates/creatio-accounts-to-qbo-customers.json'), 'utf8')),
);
type Line = { target: string; source?: string; maxLength?: number };

function edit(doc: FlowDocument, change: (d: FlowDocument) => void): FlowDocument {
  const copy = structuredClone(doc);
  change(copy);
  return copy;
}
const node = (d: FlowDocument, id: string) => d.nodes.find((n) => n.id === id)!;
const line = (d: FlowDocument, target: string) =>
  (node(d, 'map-customer').config.mappings as Line[]).find((m) => m.target === target)!;

describe('three-way merge of a template update', () => {
  it("applies changes made on one side and keeps the other side's", () => {
    const ours = edit(base, (d) => (line(d, 'Notes').source = 'Web'));
    const theirs = edit(base, (d) => (line(d, 'PrimaryPhone.FreeFormNumber').maxLength = 21));
    const r = mergeFlows(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(line(r.document, 'Notes').source).toBe('Web');
    expect(line(r.document, 'PrimaryPhone.FreeFormNumber').maxLength).toBe(21);
    expect(r.applied).toEqual([
      {
        nodeId: 'map-customer',
        where: 'step "Account → Customer", mapping to PrimaryPhone.FreeFormNumber: maxLength',
        kind: 'changed',
        was: 30,
        now: 21,
      },
    ]);
  });

  it('reports one field changed differently on both sides as a conflict and keeps ours until picked', () => {
    const ours = edit(base, (d) => (line(d, 'Notes').source = 'Web'));
    const theirs = edit(base, (d) => {
      line(d, 'Notes').source = 'Phone';
      line(d, 'CompanyName').maxLength = 41;
    });
    const r = mergeFlows(base, ours, theirs);
    expect(r.conflicts).toHaveLength(1);
    const c = r.conflicts[0];
    expect(c).toMatchObject({ nodeId: 'map-customer', base: 'Notes', ours: 'Web', theirs: 'Phone' });
    expect(c.where).toBe('step "Account → Customer", mapping to Notes: source');
    expect(line(r.document, 'Notes').source).toBe('Web');
    expect(line(r.document, 'CompanyName').maxLength).toBe(41);
    const picked = mergeFlows(base, ours, theirs, { [c.id]: 'theirs' });
    expect(line(picked.document, 'Notes').source).toBe('Phone');
    expect(line(picked.document, 'CompanyName').maxLength).toBe(41);
  });

  it('applies the same change made on both sides once, without a conflict', () => {
    const both = edit(base, (d) => (line(d, 'Notes').maxLength = 1000));
    const r = mergeFlows(base, both, structuredClone(both));
    expect(r.conflicts).toEqual([]);
    expect(r.applied).toEqual([]);
    expect(line(r.document, 'Notes').maxLength).toBe(1000);
  });

  it('takes nodes and links added or removed by either side', () => {
    const ours = edit(base, (d) => {
      d.nodes.push({ ...structuredClone(node(d, 'active')), id: 'mine', title: 'Mine' });
    });
    const theirs = edit(base, (d) => {
      d.nodes = d.nodes.filter((n) => n.id !== 'active');
      d.edges = [{ from: 'accounts:out', to: 'bind-customers:in' }, ...d.edges.slice(2)];
    });
    const r = mergeFlows(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.document.nodes.map((n) => n.id)).toEqual([
      'accounts',
      'bind-customers',
      'options',
      'map-customer',
      'customers',
      'mine',
    ]);
    expect(r.document.edges).toContainEqual({ from: 'accounts:out', to: 'bind-customers:in' });
    expect(r.document.edges.some((e) => e.to === 'active:in' || e.from === 'active:out')).toBe(false);
    expect(r.applied.map((a) => a.kind).sort()).toEqual(['added', 'removed', 'removed', 'removed']);
  });

  it('reports a node removed on one side and changed on the other as a conflict; ours keeps it', () => {
    const ours = edit(base, (d) => (node(d, 'active').config.match = 'any'));
    const theirs = edit(base, (d) => (d.nodes = d.nodes.filter((n) => n.id !== 'active')));
    const r = mergeFlows(base, ours, theirs);
    expect(r.conflicts).toHaveLength(1);
    expect(r.conflicts[0]).toMatchObject({ nodeId: 'active', where: 'step "Active only"', theirs: undefined });
    expect(node(r.document, 'active').config.match).toBe('any');
    const gone = mergeFlows(base, ours, theirs, { [r.conflicts[0].id]: 'theirs' });
    expect(gone.document.nodes.some((n) => n.id === 'active')).toBe(false);
    expect(gone.document.edges.some((e) => e.to === 'active:in')).toBe(false);
  });

  it("keeps the analyst's layout, name and description", () => {
    const ours = edit(base, (d) => {
      d.name = 'My accounts';
      node(d, 'active').position = { x: 10, y: 10 };
    });
    const theirs = edit(base, (d) => {
      d.name = 'Renamed template';
      node(d, 'active').position = { x: 99, y: 99 };
    });
    const r = mergeFlows(base, ours, theirs);
    expect(r.conflicts).toEqual([]);
    expect(r.document.name).toBe('My accounts');
    expect(node(r.document, 'active').position).toEqual({ x: 10, y: 10 });
  });
});
