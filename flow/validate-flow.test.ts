import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../nodes/define-node';
import { filterNode } from '../nodes/core/filter.node.ts';
import { mappingNode } from '../nodes/core/mapping.node.ts';
import { createRegistry } from '../nodes/registry';
import { canConnect } from './can-connect';
import { FlowDocument, type FlowDocumentInput } from './flow-document';
import { validateFlow } from './validate-flow';

// Small stand-ins for a CRM source and an accounting sink, typed like the real ones.
const source = defineNode({
  type: 'test.source',
  version: 1,
  title: 'Test source',
  category: 'source',
  description: '',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records', recordType: (c: { entity: string }) => `creatio.${c.entity}` }],
  config: z.strictObject({ entity: z.string().default('Account') }),
  defaults: {},
  ui: { icon: 's', color: '#000' },
  async *read() {},
});
const sink = defineNode({
  type: 'test.sink',
  version: 2,
  title: 'Test sink',
  category: 'sink',
  description: '',
  inputs: [{ name: 'in', label: 'Records', recordType: 'quickbooks-online.Customer' }],
  outputs: [],
  config: z.strictObject({ batchSize: z.number().int().min(1).max(30).default(30) }),
  defaults: {},
  ui: { icon: 'k', color: '#000' },
  migrate: (c) => ({ batchSize: (c as { size?: number }).size ?? 30 }),
  async process(_c, _cfg, _s, batch) {
    return batch.map((record) => ({ record, outcome: 'created' as const }));
  },
});
const registry = createRegistry([source, sink, filterNode, mappingNode]);

function flow(over: Partial<FlowDocumentInput> = {}): FlowDocumentInput {
  const at = { x: 0, y: 0 };
  return {
    schema: 'weft.flow/1',
    name: 'Accounts to customers',
    nodes: [
      { id: 'accounts', type: 'test.source', version: 1, position: at, config: {} },
      {
        id: 'active',
        type: 'core.filter',
        version: 1,
        position: at,
        config: { rules: [{ field: 'Active', op: 'equals', value: 'Yes' }] },
      },
      {
        id: 'map',
        type: 'core.mapping',
        version: 1,
        position: at,
        config: { targetType: 'quickbooks-online.Customer', mappings: [{ target: 'DisplayName', source: 'Name' }] },
      },
      { id: 'customers', type: 'test.sink', version: 2, position: at, config: {} },
    ],
    edges: [
      { from: 'accounts:out', to: 'active:in' },
      { from: 'active:out', to: 'map:in' },
      { from: 'map:out', to: 'customers:in' },
    ],
    ...over,
  };
}

function problems(doc: unknown): string[] {
  const v = validateFlow(doc, registry);
  return v.ok ? [] : v.problems.map((p) => `${p.nodeId ?? '-'}: ${p.message}`);
}

describe('validateFlow', () => {
  it('accepts a well-formed flow and plans it in data order, not canvas order', () => {
    const doc = flow();
    doc.nodes = [...doc.nodes].reverse().map((n, i) => ({ ...n, position: { x: -i * 100, y: 0 } }));
    const v = validateFlow(doc, registry);
    expect(v.ok).toBe(true);
    if (v.ok) {
      expect(v.flow.order).toEqual(['accounts', 'active', 'map', 'customers']);
      expect(v.flow.outputTypes.get('active:out')).toBe('creatio.Account');
      expect(v.flow.outputTypes.get('map:out')).toBe('quickbooks-online.Customer');
    }
  });

  it('refuses a cycle, naming the nodes in it', () => {
    const doc = flow({ edges: [...flow().edges, { from: 'map:out', to: 'active:in' }] });
    expect(problems(doc).join('\n')).toMatch(/active: These nodes form a loop: active, map/);
  });

  it('refuses dangling edges and unknown ports with the node named', () => {
    const doc = flow({
      edges: [...flow().edges, { from: 'ghost:out', to: 'active:in' }, { from: 'accounts:nope', to: 'map:in' }],
    });
    const text = problems(doc).join('\n');
    expect(text).toContain(
      'ghost: The connection ghost:out → active:in points to a node "ghost" that is not in the flow.',
    );
    expect(text).toContain('accounts: Node "accounts" (Test source) has no output "nope" (its outputs: "out").');
  });

  it('refuses an unknown node type, naming the node', () => {
    const doc = flow();
    doc.nodes[1] = { ...doc.nodes[1], type: 'salesforce.magic' };
    expect(problems(doc)).toContain(
      'active: Node "active" has the type "salesforce.magic", which this version of Weft does not know.',
    );
  });

  it('names the node and the config field of a bad config', () => {
    const doc = flow();
    doc.nodes[3] = { ...doc.nodes[3], config: { batchSize: 100 } };
    doc.nodes[1] = { ...doc.nodes[1], config: { rules: [{ field: '', op: 'equals' }] } };
    const text = problems(doc).join('\n');
    expect(text).toMatch(/customers: Node "customers" \(Test sink\): .*30.* at config\.batchSize\./);
    expect(text).toMatch(/active: Node "active" \(Filter\): choose the field to test at config\.rules\.0\.field\./);
  });

  it('refuses unknown fields in the document, naming the node', () => {
    const doc = flow();
    (doc.nodes[0] as Record<string, unknown>).colour = 'red';
    expect(problems(doc).join('\n')).toMatch(/^accounts: Node "accounts": .*colour/m);
  });

  it('refuses records of the wrong kind on an edge, and says what to put between', () => {
    const doc = flow({
      edges: [
        { from: 'accounts:out', to: 'customers:in' },
        { from: 'accounts:out', to: 'active:in' },
        { from: 'active:out', to: 'map:in' },
      ],
    });
    expect(problems(doc)).toContain(
      'customers: "customers" (Test sink) takes QuickBooks Online Customer records, but ' +
        '"accounts" sends Creatio Account records. Put a Mapping node between them to turn one into ' +
        'the other.',
    );
  });

  it('reports an input left unconnected and a flow without a source', () => {
    const doc = flow({ nodes: flow().nodes.slice(1), edges: flow().edges.slice(1) });
    const text = problems(doc).join('\n');
    expect(text).toContain('The flow has no source node');
    expect(text).toContain('active: Node "active" (Filter) has nothing connected to its input "Records".');
  });

  it('migrates an old node version and refuses a newer one', () => {
    const doc = flow();
    doc.nodes[3] = { ...doc.nodes[3], version: 1, config: { size: 10 } };
    const v = validateFlow(doc, registry);
    expect(v.ok && v.flow.configs.get('customers')).toEqual({ batchSize: 10 });
    doc.nodes[3] = { ...doc.nodes[3], version: 3, config: {} };
    expect(problems(doc).join('\n')).toContain('was saved by a newer Weft');
  });
});

describe('validateFlow: schedule settings', () => {
  it('refuses a cron schedule or time zone the scheduler cannot use, naming the setting and what is wrong', () => {
    const v = validateFlow(flow({ settings: { schedule: { cron: '61 * * * *' }, timeZone: 'UTC' } }), registry);
    expect(v.ok).toBe(false);
    expect(v.problems).toContainEqual({
      path: 'settings.schedule.cron',
      message: 'Schedule "61 * * * *": minute 61 is out of range 0–59. Correct it in the flow settings.',
    });
    expect(problems(flow({ settings: { schedule: { cron: '0 9 * * 1-5' }, timeZone: 'Mars/Olympus' } }))).toEqual([
      '-: Time zone: "Mars/Olympus" is not a time zone Weft knows; use an IANA name such as America/New_York or Europe/London. Pick one in the flow settings.',
    ]);
    expect(
      validateFlow(flow({ settings: { schedule: { cron: '0 9 * * 1-5' }, timeZone: 'America/New_York' } }), registry)
        .ok,
    ).toBe(true);
  });
});

describe('canConnect', () => {
  it('refuses a wrong connection with the reason, and allows a right one mid-edit', () => {
    const doc = FlowDocument.parse(flow({ edges: [] }));
    const wrong = canConnect(doc, { from: 'accounts:out', to: 'customers:in' }, registry);
    expect(wrong).toEqual({ ok: false, reason: expect.stringContaining('takes QuickBooks Online Customer records') });
    expect(canConnect(doc, { from: 'accounts:out', to: 'active:in' }, registry)).toEqual({ ok: true });
  });

  it('refuses a connection that would close a loop', () => {
    const doc = FlowDocument.parse(flow());
    const r = canConnect(doc, { from: 'map:out', to: 'active:in' }, registry);
    expect(r.ok).toBe(false);
  });
});
