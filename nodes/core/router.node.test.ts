import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../flow/validate-flow';
import { outputPorts } from '../../flow/node-types';
import { registry } from '../index';
import type { FlowRecord, NodeContext } from '../define-node';
import { portName, routerNode } from './router.node';

const config = routerNode.config.parse({
  field: 'UsrQBTxnType',
  routes: [{ value: 'Invoice' }, { value: 'Sales Receipt' }, { value: 'Estimate' }],
});

const opp = (key: string, type?: unknown) =>
  ({
    key,
    data: { Title: key, UsrQBTxnType: type },
    meta: { source: { system: 'creatio', entity: 'Opportunity' } },
  }) as unknown as FlowRecord;

/** A flow: opportunities → router, its branches wired to filters named after them (`omit` left unconnected). */
function flow(routes: string[], omit: string[] = []) {
  const branches = [...routes.map(portName), 'other'];
  const nodes = [
    {
      id: 'opportunities',
      type: 'creatio.source',
      version: 1,
      config: { connection: 'c', entity: 'Opportunity', select: ['Id'], incremental: 'ModifiedOn' },
    },
    {
      id: 'by-type',
      type: 'core.router',
      version: 1,
      config: { field: 'UsrQBTxnType', routes: routes.map((value) => ({ value })) },
    },
    ...branches.map((b) => ({
      id: `to-${b}`,
      type: 'core.filter',
      version: 1,
      config: { rules: [{ field: 'Title', op: 'is-not-empty' }] },
    })),
  ];
  return {
    schema: 'weft.flow/1',
    name: 'Router check',
    nodes: nodes.map((n, i) => ({ ...n, title: n.id, position: { x: i * 280, y: 0 } })),
    edges: [
      { from: 'opportunities:out', to: 'by-type:in' },
      ...branches.filter((b) => !omit.includes(b)).map((b) => ({ from: `by-type:${b}`, to: `to-${b}:in` })),
    ],
  };
}

describe('router', () => {
  it('sends each record to the branch its field names, ignoring case and spaces; anything else to "other"', async () => {
    const records = [opp('a', 'Invoice'), opp('b', ' sales receipt'), opp('c', 'ESTIMATE'), opp('d', 'Bill'), opp('e')];
    const results = await routerNode.process({} as NodeContext, config, undefined as never, records);
    expect(results.map((r) => [r.record.key, r.outcome, r.port])).toEqual([
      ['a', 'passed', 'invoice'],
      ['b', 'passed', 'sales-receipt'],
      ['c', 'passed', 'estimate'],
      ['d', 'passed', 'other'],
      ['e', 'passed', 'other'],
    ]);
  });

  it('has one output per branch, named after its value, and one for any other value', () => {
    const def = registry.get('core.router')!;
    expect(outputPorts(def, config).map((p) => [p.name, p.label])).toEqual([
      ['invoice', 'Invoice'],
      ['sales-receipt', 'Sales Receipt'],
      ['estimate', 'Estimate'],
      ['other', 'Any other value'],
    ]);
    // A value that does not start with a letter still makes a port an edge can name.
    expect(portName('2 - Proposal')).toBe('value-2-proposal');
    expect(portName('Other')).toBe('value-other');
    // Half-typed configs in the editor never break the canvas.
    expect(outputPorts(def, { routes: [{ value: '' }, null] }).map((p) => p.name)).toEqual(['other']);
  });

  it('the flow check accepts a router whose branches are all connected', () => {
    expect(validateFlow(flow(['Invoice', 'Sales Receipt']), registry).problems).toEqual([]);
  });

  it('the flow check names a branch connected to nothing, and an edge from a branch that does not exist', () => {
    const loose = validateFlow(flow(['Invoice', 'Sales Receipt'], ['sales-receipt']), registry);
    expect(loose.problems.map((p) => p.message)).toEqual([
      'Node "by-type" (Router): its branch "Sales Receipt" is connected to nothing, so its records would go ' +
        'nowhere. Connect it to the steps for those records, or remove the branch.',
      'Node "to-sales-receipt" (Filter) has nothing connected to its input "Records".',
    ]);
    const doc = flow(['Invoice']);
    doc.edges.push({ from: 'by-type:estimate', to: 'to-invoice:in' });
    expect(validateFlow(doc, registry).problems.map((p) => p.message)).toContain(
      'Node "by-type" (Router) has no output "estimate" (its outputs: "invoice", "other").',
    );
  });

  it('refuses two branches that would share one output', () => {
    const r = routerNode.config.safeParse({
      field: 'X',
      routes: [{ value: 'Sales Receipt' }, { value: 'sales-receipt' }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].message).toContain('Branches "Sales Receipt" and "sales-receipt" would share one output');
  });
});
