// Mapping rows written "only when creating" (issue 15): the mapping names them on the record, every
// sink's gate (gateCreation) leaves them out of an update and keeps them in a create, and a bad value
// or a line field marked so is refused with the step named.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../flow/validate-flow';
import type { FlowRecord } from '../define-node';
import { registry } from '../index';
import { asWritten } from './create-only';
import { gateCreation } from './creation-triggers';
import { mappingNode } from './mapping.node';

const config = mappingNode.config.parse({
  targetType: 'creatio.Opportunity',
  mappings: [
    { target: 'Title', expression: '"Invoice " & DocNumber', when: 'create' },
    { target: 'Amount', source: 'TotalAmt' },
    { target: 'Notes', source: 'PrivateNote', when: 'create' },
    { target: 'UsrInvoiceNumber', source: 'DocNumber', when: 'always' },
  ],
});

const invoice = (targetId: string | null): FlowRecord => ({
  key: '130',
  data: { DocNumber: '1037', TotalAmt: 362.07, PrivateNote: 'Rush order' },
  meta: {
    source: { node: 'invoices', system: 'quickbooks-online', entity: 'Invoice' },
    binding: { system: 'creatio', entity: 'Opportunity', targetId, matchedBy: targetId ? 'cross-reference' : 'none' },
  },
});

async function mapped(record: FlowRecord): Promise<FlowRecord> {
  const state = await mappingNode.open!({} as never, config);
  const [r] = await mappingNode.process({} as never, config, state, [record]);
  expect(r.outcome).toBe('passed');
  return r.record;
}

const gate = (records: FlowRecord[]) =>
  gateCreation({ createWhen: 'record-created', triggerField: '', triggerValue: '' }, records, {
    system: 'Creatio',
    entity: 'Opportunity',
  }).write;

describe('mapping rows written only when creating', () => {
  it('a create writes every row; an update leaves out the rows marked "create"', async () => {
    const [created, updated] = gate([await mapped(invoice(null)), await mapped(invoice('opp-1'))]);
    expect(created.data).toEqual({
      Title: 'Invoice 1037',
      Amount: 362.07,
      Notes: 'Rush order',
      UsrInvoiceNumber: '1037',
    });
    expect(updated.data).toEqual({ Amount: 362.07, UsrInvoiceNumber: '1037' });
    expect(created.meta.createOnly).toEqual(['Title', 'Notes']);
  });

  it('a mapping without the option writes every row on an update, as before', async () => {
    const plain = mappingNode.config.parse({ ...config, mappings: config.mappings.map(({ when: _w, ...m }) => m) });
    const state = await mappingNode.open!({} as never, plain);
    const [r] = await mappingNode.process({} as never, plain, state, [invoice('opp-1')]);
    expect(r.record.meta.createOnly).toBeUndefined();
    expect(gate([r.record])[0].data).toMatchObject({ Title: 'Invoice 1037', Notes: 'Rush order' });
  });

  it('an object whose every field is marked goes as a whole; the fields beside it stay', () => {
    const r: FlowRecord = {
      ...invoice('77'),
      data: { DisplayName: 'Smith & Sons', BillAddr: { Line1: '1 Main St', City: 'Boston' }, Notes: 'Key' },
      meta: { ...invoice('77').meta, createOnly: ['BillAddr.Line1', 'BillAddr.City', 'ShipAddr.Line1'] },
    };
    expect(asWritten(r).data).toEqual({ DisplayName: 'Smith & Sons', Notes: 'Key' });
    expect(asWritten(r).meta.leftOut).toEqual({ 'BillAddr.Line1': '1 Main St', 'BillAddr.City': 'Boston' });
  });

  it('a failed update, unlinked and retried, is created whole', async () => {
    const [updated] = gate([await mapped(invoice('opp-1'))]);
    expect(updated.meta.leftOut).toEqual({ Title: 'Invoice 1037', Notes: 'Rush order' });
    const unlinked: FlowRecord = { ...updated, meta: { ...updated.meta, binding: undefined } };
    expect(gate([unlinked])[0].data).toMatchObject({ Title: 'Invoice 1037', Notes: 'Rush order', Amount: 362.07 });
  });
});

describe('the flow check of "when"', () => {
  const template = (): { nodes: { id: string; config: { mappings: object[]; lines: { fields: object[] }[] } }[] } =>
    JSON.parse(
      readFileSync(new URL('../../templates/qbo-invoices-to-creatio-opportunities.json', import.meta.url), 'utf8'),
    );

  it('refuses a value other than always or create, naming the step and the field', () => {
    const doc = template();
    const map = doc.nodes.find((n) => n.id === 'map-opportunity')!;
    map.config.mappings[0] = { ...map.config.mappings[0], when: 'sometimes' };
    const v = validateFlow(doc, registry);
    expect(v.ok).toBe(false);
    expect(v.ok ? [] : v.problems.map((p) => p.message)).toContain(
      'Node "map-opportunity" (Mapping): write a field "always" or only when the record is created ("create"), ' +
        'not "sometimes" at config.mappings.0.when.',
    );
  });

  it('refuses the option on a field of a list of lines, which is written on every update', () => {
    const doc = template();
    const map = doc.nodes.find((n) => n.id === 'map-opportunity')!;
    map.config.lines[0].fields[2] = { ...map.config.lines[0].fields[2], when: 'create' };
    const v = validateFlow(doc, registry);
    expect(v.ok ? [] : v.problems.map((p) => `${p.nodeId}: ${p.message}`)).toEqual([
      'map-opportunity: Node "map-opportunity" (Mapping): Products, field 3 (Quantity): "Only when creating" is for ' +
        "the record's own fields; the fields of its lines are written on every update. Remove the option from this line field.",
    ]);
  });

  it('refuses one field of an object marked while another is written on every update, which would empty it', () => {
    const c = mappingNode.config.safeParse({
      targetType: 'quickbooks-online.Customer',
      mappings: [
        { target: 'DisplayName', source: 'Name' },
        { target: 'BillAddr.Line1', source: 'Street', when: 'create' },
        { target: 'BillAddr.City', source: 'City' },
        { target: 'CustomField.Region', source: 'Region', when: 'create' },
        { target: 'CustomField.Tier', source: 'Tier' },
      ],
    });
    expect(c.success ? [] : c.error.issues.map((i) => i.message)).toEqual([
      'Field 2 (BillAddr.Line1): "Only when creating" would empty it at each update, as BillAddr.City is written on ' +
        'every update and BillAddr is sent whole. Mark every field of BillAddr "Only when creating", or none.',
    ]);
  });

  it('takes the shipped template, whose Title and Notes are written only when creating', () => {
    const doc = template();
    expect(validateFlow(doc, registry).ok).toBe(true);
    const rows = doc.nodes.find((n) => n.id === 'map-opportunity')!.config.mappings as {
      target: string;
      when?: string;
    }[];
    expect(rows.filter((m) => m.when === 'create').map((m) => m.target)).toEqual(['Title', 'Notes']);
  });
});
