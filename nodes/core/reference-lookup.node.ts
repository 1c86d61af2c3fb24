// Reference lookup: turns a lookup id of the source system (an opportunity's
// AccountId) into the id of its counterpart in the target system (the QuickBooks
// customer that the accounts flow bound to that account), through the
// cross-reference kept by earlier runs. A link is a link whichever way the data
// went: the id is looked up as a source key first (links made by a flow from
// here to there), then as a target id (links made by a flow from there to here,
// e.g. a QuickBooks Desktop invoice's customer → the Creatio account that the
// "Creatio accounts → QuickBooks Desktop customers" flow created it from).
// It never guesses by name: a record whose reference is not bound yet fails
// alone and says what to do first. Works on the record itself, or on each
// element of a child collection.
import { z } from 'zod';
import {
  defineNode,
  type FlowRecord,
  type NodeContext,
  type RecordFailure,
  type RecordResult,
  type XrefTarget,
} from '../define-node';
import { asText, fieldPath, objectsAt, readPath, recordLabel, writePath } from './field-path';
import { linkedIds } from './xref-groups';

const name = fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path such as AccountId or Account.Id'));

const config = z.strictObject({
  /** Field holding the source system's id, e.g. AccountId. */
  field: name.default('AccountId'),
  /** Child collection to resolve inside (each element's `field`); empty = the record itself. */
  collection: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/)).default(''),
  /** What that id points to, as the source system names it, e.g. Account. */
  sourceEntity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/)
    .default('Account'),
  /** Connection the id belongs to; empty = the connection the record was read from. */
  sourceConnection: z.string().default(''),
  targetConnection: z.string().min(1, 'Choose the connection the record is linked in (add one under Connections).'),
  targetEntity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/)
    .default('Customer'),
  /** Where to put the counterpart's id, e.g. CustomerId (or QboItemId inside each line). */
  into: name.default('TargetId'),
  /** An id with no counterpart yet: fail the record (default), or go on without it. */
  whenUnbound: z.enum(['fail', 'leave-empty']).default('fail'),
  /** An empty id (Creatio's zero GUID): fail the record, or go on without it (default). */
  whenEmpty: z.enum(['fail', 'leave-empty']).default('leave-empty'),
  /** Names the flow that binds these records, for the failure's "what to do" text. */
  bindingFlow: z.string().max(120).default(''),
  /** Field naming the referenced record for people (e.g. CustomerRef.FullName); empty = its id only. */
  nameField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/)).default(''),
  /** The next step shown when a link is missing; empty = run the binding flow first. */
  unboundAction: z.string().max(400).default(''),
});
type Config = z.infer<typeof config>;

/** The cross-reference group an id is looked up in. */
function targetOf(c: Config, r: FlowRecord): XrefTarget {
  return {
    connection: c.targetConnection,
    entity: c.targetEntity,
    sourceConnection: c.sourceConnection || (r.meta.source.connection ?? r.meta.source.system),
    sourceEntity: c.sourceEntity,
  };
}

function holders(c: Config, r: FlowRecord): Record<string, unknown>[] {
  return objectsAt(r.data, c.collection);
}

const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** `Customer "Café Déjà Vu" (80000001-…)` when the record names it, else `Customer 80000001-…`. */
function referenced(c: Config, h: Record<string, unknown>, id: string): string {
  const name = c.nameField ? asText(readPath(h, c.nameField)) : '';
  return name ? `${c.sourceEntity} "${name}" (${id})` : `${c.sourceEntity} ${id}`;
}

function unbound(c: Config, r: FlowRecord, h: Record<string, unknown>, id: string, where: string): RecordFailure {
  const flow = c.bindingFlow
    ? `the "${c.bindingFlow}" flow`
    : `the flow that syncs ${c.sourceEntity} records to ${c.targetEntity}`;
  return {
    code: 'weft.reference.unbound',
    field: c.field,
    message: `${recordLabel(r)}: its ${referenced(c, h, id)} is not linked to ${article(c.targetEntity)} ${c.targetEntity} in ${where} yet.`,
    action:
      c.unboundAction ||
      `Run ${flow} first (or bind that ${c.sourceEntity} to its ${c.targetEntity} by hand), then reprocess this record.`,
  };
}

function ambiguous(
  c: Config,
  r: FlowRecord,
  h: Record<string, unknown>,
  id: string,
  ids: string[],
  where: string,
): RecordFailure {
  return {
    code: 'weft.reference.ambiguous',
    field: c.field,
    message:
      `${recordLabel(r)}: its ${referenced(c, h, id)} is linked to ${ids.length} ` +
      `${c.targetEntity} records in ${where} (${ids.join(', ')}); Weft cannot tell ` +
      `which one is meant.`,
    action: `Merge the duplicate ${c.targetEntity} records (or unbind all but one), then reprocess this record.`,
  };
}

/** The connection's name as people see it on the Connections screen; its id when it cannot be read. */
async function connectionName(ctx: NodeContext, id: string): Promise<string> {
  try {
    return (await ctx.connection(id)).name || id;
  } catch {
    return id;
  }
}

export const referenceLookupNode = defineNode({
  type: 'core.reference-lookup',
  version: 1,
  title: 'Linked record lookup',
  category: 'binding',
  description:
    "Finds the target-system record linked to a lookup (e.g. the QuickBooks customer of an opportunity's account) through the links made by earlier runs.",
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'With the linked id', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    field: 'AccountId',
    collection: '',
    sourceEntity: 'Account',
    sourceConnection: '',
    targetConnection: '',
    targetEntity: 'Customer',
    into: 'TargetId',
    whenUnbound: 'fail',
    whenEmpty: 'leave-empty',
    bindingFlow: '',
    nameField: '',
    unboundAction: '',
  },
  ui: {
    icon: '⤳',
    color: '#0f766e',
    fields: {
      field: { label: 'Lookup field', help: 'The field holding the id to follow, e.g. AccountId.' },
      collection: {
        label: 'Inside each of',
        help: 'Leave empty to look up on the record itself, or name a list of lines (e.g. its products) to look up on every line.',
      },
      sourceEntity: { label: 'It points to', help: 'What the id is, as the source system calls it, e.g. Account.' },
      sourceConnection: {
        label: 'Source connection',
        widget: 'connection',
        help: 'Leave empty: the connection the record was read from.',
      },
      targetConnection: {
        label: 'Linked in',
        widget: 'connection',
        help: 'The system whose record you want, e.g. the QuickBooks company.',
      },
      targetEntity: { label: 'Linked object', help: 'e.g. Customer.' },
      into: {
        label: 'Put its id in',
        help: 'A new field on the record (or line) that later nodes can map, e.g. CustomerId.',
      },
      whenUnbound: {
        label: 'When not linked yet',
        widget: 'select',
        options: [
          { value: 'fail', label: 'fail the record, saying which flow to run first' },
          { value: 'leave-empty', label: 'go on without it' },
        ],
      },
      whenEmpty: {
        label: 'When the lookup is empty',
        widget: 'select',
        options: [
          { value: 'leave-empty', label: 'go on without it' },
          { value: 'fail', label: 'fail the record' },
        ],
      },
      bindingFlow: { label: 'Flow that makes the links', help: 'Its name, shown to support when a link is missing.' },
      nameField: {
        label: 'Its name is in',
        help: 'Optional: the field naming the linked record (e.g. CustomerRef.FullName), so failures name it, not just its id.',
      },
      unboundAction: {
        label: 'Next step when not linked',
        help: 'Optional: what support should do when a link is missing. Empty: run the flow that makes the links first.',
      },
    },
    summary: (c) => `${c.collection ? `${c.collection}[].` : ''}${c.field} → ${c.targetEntity} id in ${c.into}`,
  },
  async process(ctx, c, _state, batch) {
    // At most two cross-reference queries per group (this way, then the other way), for the whole batch.
    const wanted = batch.flatMap((r) =>
      holders(c, r).map((h) => [targetOf(c, r), asText(readPath(h, c.field))] as const),
    );
    const linked = await linkedIds(ctx.xref, wanted, true);
    // Failures name the target connection as the Connections screen does; read it only when one is coming.
    const unresolved = batch.some((r) =>
      holders(c, r).some((h) => {
        const id = asText(readPath(h, c.field));
        const hit = id ? linked(targetOf(c, r), id) : undefined;
        return !!id && (!hit || hit.length > 1);
      }),
    );
    const where = unresolved ? await connectionName(ctx, c.targetConnection) : c.targetConnection;

    return batch.map((r): RecordResult => {
      const data = structuredClone(r.data);
      const record = { ...r, data };
      for (const h of holders(c, record)) {
        const id = asText(readPath(h, c.field));
        if (!id) {
          if (c.whenEmpty === 'fail') {
            return {
              record: r,
              outcome: 'failed',
              failure: {
                code: 'weft.reference.empty',
                field: c.field,
                message: `${recordLabel(r)}: ${c.field} is empty, so it has no ${c.sourceEntity}.`,
                action: `Fill in ${c.field} in the source, then reprocess this record.`,
              },
            };
          }
          continue;
        }
        const hit = linked(targetOf(c, r), id);
        if (hit && hit.length > 1) return { record: r, outcome: 'failed', failure: ambiguous(c, r, h, id, hit, where) };
        if (!hit) {
          if (c.whenUnbound === 'fail') return { record: r, outcome: 'failed', failure: unbound(c, r, h, id, where) };
          continue;
        }
        writePath(h, c.into, hit[0]);
      }
      return { record, outcome: 'passed', port: 'out' };
    });
  },
});
