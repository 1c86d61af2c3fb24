import { describe, expect, test } from 'vitest';
import { filterNode } from '../../../nodes/core/filter.node.ts';
import { creatioSource } from '../../../nodes/creatio/creatio-source.node.ts';
import { FlowDocument } from '../../../flow/flow-document';
import { draftReducer, initDraft, isDirty, selectedNodeId } from './draft-state';

const doc = FlowDocument.parse({
  schema: 'weft.flow/1',
  name: 'Test',
  nodes: [
    {
      id: 'a',
      type: 'core.filter',
      version: 1,
      position: { x: 0, y: 0 },
      config: { rules: [{ field: 'Name', op: 'is-not-empty' }] },
    },
    {
      id: 'b',
      type: 'core.filter',
      version: 1,
      position: { x: 300, y: 0 },
      config: { rules: [{ field: 'Name', op: 'is-not-empty' }] },
    },
  ],
  edges: [{ from: 'a:out', to: 'b:in' }],
});

describe('draftReducer', () => {
  test('a dropped node gets a fresh id, the defaults, the version, and is selected', () => {
    const s = draftReducer(initDraft(doc), { kind: 'add-node', def: filterNode, position: { x: 10.4, y: 20.6 } });
    const added = s.doc.nodes[2];
    expect(added).toEqual({
      id: 'filter-3',
      type: 'core.filter',
      version: 1,
      position: { x: 10, y: 21 },
      config: filterNode.defaults,
    });
    expect(added.config).not.toBe(filterNode.defaults); // edits must not change the definition
    expect(selectedNodeId(s)).toBe('filter-3');
    expect(isDirty(s)).toBe(true);
  });

  test("a dropped node takes the workspace's first connection of its kind, or none when there is none", () => {
    const connections = [
      { id: 'acme-books', kind: 'quickbooks-online' },
      { id: 'acme-crm', kind: 'creatio' },
      { id: 'other-crm', kind: 'creatio' },
    ];
    const s = draftReducer(initDraft(doc), {
      kind: 'add-node',
      def: creatioSource,
      position: { x: 0, y: 0 },
      connections,
    });
    expect(s.doc.nodes[2].config.connection).toBe('acme-crm');
    const none = draftReducer(initDraft(doc), {
      kind: 'add-node',
      def: creatioSource,
      position: { x: 0, y: 0 },
      connections: [],
    });
    expect(none.doc.nodes[2].config.connection).toBe('');
  });

  test('deleting a node removes it and its edges from the document', () => {
    const s = draftReducer(initDraft(doc), { kind: 'nodes-changed', changes: [{ type: 'remove', id: 'a' }] });
    expect(s.doc.nodes.map((n) => n.id)).toEqual(['b']);
    expect(s.doc.edges).toEqual([]);
    expect(s.edges).toEqual([]);
  });

  test('deleting an edge removes it from the document', () => {
    const s0 = initDraft(doc);
    const s = draftReducer(s0, { kind: 'edges-changed', changes: [{ type: 'remove', id: s0.edges[0].id }] });
    expect(s.doc.edges).toEqual([]);
  });

  test('positions reach the document when a drag ends, not while dragging', () => {
    let s = draftReducer(initDraft(doc), {
      kind: 'nodes-changed',
      changes: [{ type: 'position', id: 'a', position: { x: 50, y: 5 }, dragging: true }],
    });
    expect(s.doc.nodes[0].position).toEqual({ x: 0, y: 0 });
    expect(s.nodes[0].position).toEqual({ x: 50, y: 5 });
    s = draftReducer(s, {
      kind: 'nodes-changed',
      changes: [{ type: 'position', id: 'a', position: { x: 60, y: 5 }, dragging: false }],
    });
    expect(s.doc.nodes[0].position).toEqual({ x: 60, y: 5 });
  });

  test('selection alone does not make the draft dirty; saving clears the marker', () => {
    let s = draftReducer(initDraft(doc), { kind: 'select', nodeId: 'b' });
    expect(isDirty(s)).toBe(false);
    s = draftReducer(s, { kind: 'set-title', nodeId: 'b', title: 'Only named' });
    expect(s.doc.nodes[1].title).toBe('Only named');
    expect(isDirty(s)).toBe(true);
    s = draftReducer(s, { kind: 'saved', doc: s.doc });
    expect(isDirty(s)).toBe(false);
    s = draftReducer(s, { kind: 'set-title', nodeId: 'b', title: '  ' });
    expect('title' in s.doc.nodes[1]).toBe(false);
  });
});
