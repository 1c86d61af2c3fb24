import { describe, expect, it } from 'vitest';
import { FlowDocument } from '../../../flow/flow-document';
import { registry } from '../../../nodes/index';
import { draftReducer, initDraft, isDirty } from './draft-state';
import { upgradeNodes } from './upgrade-nodes';

const stored = FlowDocument.parse({
  schema: 'weft.flow/1',
  name: 'Stored at version 1',
  nodes: [
    {
      id: 'map',
      type: 'core.mapping',
      version: 1,
      position: { x: 0, y: 0 },
      config: {
        targetType: 'qbo.Customer',
        mappings: [
          { target: 'DisplayName', source: 'Name' },
          { target: 'Notes', value: 'From {{Code}}' },
          { target: 'Balance', multiply: ['Price', 'Quantity'] },
        ],
      },
    },
    { id: 'keep', type: 'core.filter', version: 1, position: { x: 300, y: 0 }, config: { rules: [] } },
  ],
  edges: [{ from: 'map:out', to: 'keep:in' }],
});

describe('opening a flow stored at an older node version', () => {
  it('upgrades the mapping to version 2 and leaves current nodes as they are', () => {
    const doc = upgradeNodes(stored, registry);
    const map = doc.nodes.find((n) => n.id === 'map')!;
    expect(map.version).toBe(registry.get('core.mapping')!.version);
    expect(map.config.mappings).toEqual([
      { target: 'DisplayName', source: 'Name' },
      { target: 'Notes', expression: '"From " & Code' },
      { target: 'Balance', expression: '$round(Price * Quantity, 2)' },
    ]);
    expect(doc.nodes.find((n) => n.id === 'keep')).toBe(stored.nodes[1]);
    // A document with nothing old is returned as it is.
    expect(upgradeNodes(doc, registry)).toBe(doc);
  });

  it('opens clean: the upgrade is no unsaved change, but the next save carries it', () => {
    const draft = initDraft(upgradeNodes(stored, registry));
    expect(isDirty(draft)).toBe(false);
    const edited = draftReducer(draft, { kind: 'set-name', name: 'Renamed' });
    expect(isDirty(edited)).toBe(true);
    expect(edited.doc.nodes.find((n) => n.id === 'map')!.version).toBe(2);
  });
});
