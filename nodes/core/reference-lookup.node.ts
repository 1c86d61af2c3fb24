// Reference lookup: turns a lookup id of the source system (an opportunity's
// AccountId) into the id of its counterpart in the target system (the QuickBooks
// customer that the accounts flow bound to that account), through the
// cross-reference kept by earlier runs. It never guesses by name: a record whose
// reference is not bound yet fails alone and says which flow to run first.
// Works on the record itself, or on each element of a child collection.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult, type XrefTarget } from '../define-node';
import { asText, readPath, recordLabel, writePath } from './field-path';

const name = z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as AccountId or Account.Id');

const config = z.strictObject({
  /** Field holding the source system's id, e.g. AccountId. */
  field: name.default('AccountId'),
  /** Child collection to resolve inside (each element's `field`); empty = the record itself. */
  collection: z.string().regex(/^([A-Za-z_][\w.]*)?$/).default(''),
  /** What that id points to, as the source system names it, e.g. Account. */
  sourceEntity: z.string().regex(/^[A-Za-z_]\w*$/).default('Account'),
  /** Connection the id belongs to; empty = the connection the record was read from. */
  sourceConnection: z.string().default(''),
  targetConnection: z.string().min(1).default('qbo-sandbox'),
  targetEntity: z.string().regex(/^[A-Za-z_]\w*$/).default('Customer'),
  /** Where to put the counterpart's id, e.g. CustomerId (or QboItemId inside each line). */
  into: name.default('TargetId'),
  /** An id with no counterpart yet: fail the record (default), or go on without it. */
  whenUnbound: z.enum(['fail', 'leave-empty']).default('fail'),
  /** An empty id (Creatio's zero GUID): fail the record, or go on without it (default). */
  whenEmpty: z.enum(['fail', 'leave-empty']).default('leave-empty'),
  /** Names the flow that binds these records, for the failure's "what to do" text. */
  bindingFlow: z.string().max(120).default(''),
});
type Config = z.infer<typeof config>;

/** The cross-reference group an id is looked up in. */
function targetOf(c: Config, r: FlowRecord): XrefTarget {
  return { connection: c.targetConnection, entity: c.targetEntity, sourceConnection: c.sourceConnection || (r.meta.source.connection ?? r.meta.source.system), sourceEntity: c.sourceEntity };
}

function holders(c: Config, r: FlowRecord): Record<string, unknown>[] {
  if (!c.collection) return [r.data];
  const list = readPath(r.data, c.collection);
  return Array.isArray(list) ? list.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

function unbound(c: Config, r: FlowRecord, id: string): RecordFailure {
  const flow = c.bindingFlow ? `the "${c.bindingFlow}" flow` : `the flow that syncs ${c.sourceEntity} records to ${c.targetEntity}`;
  return {
    code: 'weft.reference.unbound',
    field: c.field,
    message: `${recordLabel(r)}: its ${c.sourceEntity} ${id} is not linked to a ${c.targetEntity} in ${c.targetConnection} yet.`,
    action: `Run ${flow} first (or bind that ${c.sourceEntity} to its ${c.targetEntity} by hand), then reprocess this record.`,
  };
}

export const referenceLookupNode = defineNode({
  type: 'core.reference-lookup',
  version: 1,
  title: 'Linked record lookup',
  category: 'binding',
  description: 'Finds the target-system record linked to a lookup (e.g. the QuickBooks customer of an opportunity\'s account) through the links made by earlier runs.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'With the linked id', recordType: { sameAs: 'in' } }],
  config,
  defaults: { field: 'AccountId', collection: '', sourceEntity: 'Account', sourceConnection: '', targetConnection: 'qbo-sandbox', targetEntity: 'Customer', into: 'TargetId', whenUnbound: 'fail', whenEmpty: 'leave-empty', bindingFlow: '' },
  ui: {
    icon: '⤳',
    color: '#0f766e',
    fields: {
      field: { label: 'Lookup field', help: 'The field holding the id to follow, e.g. AccountId.' },
      collection: { label: 'Inside each of', help: 'Leave empty to look up on the record itself, or name a list of lines (e.g. its products) to look up on every line.' },
      sourceEntity: { label: 'It points to', help: 'What the id is, as the source system calls it, e.g. Account.' },
      sourceConnection: { label: 'Source connection', widget: 'connection', help: 'Leave empty: the connection the record was read from.' },
      targetConnection: { label: 'Linked in', widget: 'connection', help: 'The system whose record you want, e.g. the QuickBooks company.' },
      targetEntity: { label: 'Linked object', help: 'e.g. Customer.' },
      into: { label: 'Put its id in', help: 'A new field on the record (or line) that later nodes can map, e.g. CustomerId.' },
      whenUnbound: { label: 'When not linked yet', widget: 'select', options: [{ value: 'fail', label: 'fail the record, saying which flow to run first' }, { value: 'leave-empty', label: 'go on without it' }] },
      whenEmpty: { label: 'When the lookup is empty', widget: 'select', options: [{ value: 'leave-empty', label: 'go on without it' }, { value: 'fail', label: 'fail the record' }] },
      bindingFlow: { label: 'Flow that makes the links', help: 'Its name, shown to support when a link is missing.' },
    },
    summary: (c) => `${c.collection ? `${c.collection}[].` : ''}${c.field} → ${c.targetEntity} id in ${c.into}`,
  },
  async process(ctx, c, _state, batch) {
    // One cross-reference query per group, for the whole batch.
    const wanted = new Map<string, { target: XrefTarget; ids: Set<string> }>();
    for (const r of batch) {
      const t = targetOf(c, r);
      const k = `${t.sourceConnection}|${t.sourceEntity}`;
      const g = wanted.get(k) ?? { target: t, ids: new Set<string>() };
      for (const h of holders(c, r)) if (asText(readPath(h, c.field))) g.ids.add(asText(readPath(h, c.field)));
      wanted.set(k, g);
    }
    const found = new Map<string, Map<string, { targetId: string }>>();
    for (const [k, g] of wanted) found.set(k, g.ids.size ? await ctx.xref.lookup(g.target, [...g.ids]) : new Map());

    return batch.map((r): RecordResult => {
      const t = targetOf(c, r);
      const hits = found.get(`${t.sourceConnection}|${t.sourceEntity}`)!;
      const data = structuredClone(r.data);
      const record = { ...r, data };
      for (const h of holders(c, record)) {
        const id = asText(readPath(h, c.field));
        if (!id) {
          if (c.whenEmpty === 'fail') {
            return { record: r, outcome: 'failed', failure: { code: 'weft.reference.empty', field: c.field, message: `${recordLabel(r)}: ${c.field} is empty, so it has no ${c.sourceEntity}.`, action: `Fill in ${c.field} in the source, then reprocess this record.` } };
          }
          continue;
        }
        const hit = hits.get(id);
        if (!hit) {
          if (c.whenUnbound === 'fail') return { record: r, outcome: 'failed', failure: unbound(c, r, id) };
          continue;
        }
        writePath(h, c.into, hit.targetId);
      }
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
