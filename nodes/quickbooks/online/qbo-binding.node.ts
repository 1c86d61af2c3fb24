// Binding: finds each record's counterpart in QuickBooks Online — first through
// the cross-reference kept by earlier runs, then by a match rule (source field
// = QuickBooks field, e.g. Name = DisplayName) — and decides, per the flow's
// permitted operations (seed §5.2), whether it may go on to be created or updated.
// The name rules of issue 14 (Name, Name+Phone, Name+Address…) park look-alikes in
// the review queue (outcome `review`) instead of failing or guessing.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordBinding, type RecordResult } from '../../define-node';
import {
  applyPermittedOperations,
  PERMITTED_OPERATIONS_FIELD,
  PermittedOperations,
} from '../../core/permitted-operations';
import {
  BINDING_RULE_DEFAULTS,
  BINDING_RULE_FIELDS,
  BINDING_RULE_UI,
  candidateOf,
  decideByRule,
  RULE_LABEL,
  recordFacts,
  reviewRequest,
} from '../../core/binding-rules';
import {
  applyCreationTrigger,
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
} from '../../core/creation-triggers';
import type { QboClient, QboObject } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { QBO_ENTITIES, isTransaction } from './qbo-entities';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboXrefTarget } from './xref-target';
import { addTo } from '../../core/add-to';
import { fieldPath } from '../../core/field-path';
import { lookUp, nameKey, type Found } from './qbo-binding-lookup';
import { qboTargetFields } from './qbo-candidates';

const config = z
  .object({
    connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
    entity: z.enum(QBO_ENTITIES).default('Customer'),
    matchTargetField: fieldPath(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'a QuickBooks field name, e.g. DisplayName'),
    ).default('DisplayName'),
    matchSourceField: fieldPath(z.string().min(1)).default('Name'),
    fallbackTargetField: fieldPath(
      z.string().regex(/^([A-Za-z][A-Za-z0-9_.]*)?$/, 'a QuickBooks field name, e.g. Sku'),
    ).default(''),
    operations: PermittedOperations,
    ...BINDING_RULE_FIELDS,
    ...CREATION_TRIGGER_FIELDS,
  })
  .refine((c) => !(isTransaction(c.entity) && /^(DisplayName|Name)$/.test(c.matchTargetField)), {
    // Transactions have no name: they are found by their number (or through the cross-reference).
    message: 'QuickBooks transactions have no DisplayName or Name; match them on DocNumber',
    path: ['matchTargetField'],
  });
type Config = z.infer<typeof config>;

interface State {
  client: QboClient;
  /**
   * Which source record claimed a QuickBooks row or a new name, to catch two records on one
   * target across the batches still in flight. Kept for the last CLAIM_BATCHES batches only
   * (memory stays flat over a 1M-record run); older claims are in the cross-reference by
   * then, which step 3 asks for rows found by the match rule.
   */
  claimedTargets: Map<string, { key: string; batch: number }>;
  claimedNames: Map<string, { key: string; batch: number }>;
  batches: number;
}

/** Far more batches than the engine keeps in flight between this node and the commit (a few pages). */
const CLAIM_BATCHES = 16;

function forgetOldClaims(state: State): void {
  const before = state.batches - CLAIM_BATCHES;
  for (const claims of [state.claimedTargets, state.claimedNames]) {
    // Maps iterate in insertion order, and a claim is re-inserted when renewed: the oldest come first.
    for (const [k, v] of claims) {
      if (v.batch > before) break;
      claims.delete(k);
    }
  }
}

/** The source system as people call it, for the review queue's sentence. */
function sourceSystemName(system: string): string {
  if (system === 'creatio') return 'Creatio';
  if (system.startsWith('quickbooks')) return 'QuickBooks';
  return system;
}

function decide(c: Config, record: FlowRecord): RecordResult {
  const where = { system: 'QuickBooks', entity: c.entity };
  return applyCreationTrigger(c, record, where) ?? applyPermittedOperations(c.operations, record, where);
}

export const qboBindingNode = defineNode<typeof config, State, Found>({
  type: 'quickbooks-online.binding',
  version: 1,
  title: 'QuickBooks Online binding',
  category: 'binding',
  description:
    'Finds the QuickBooks Online record each incoming record belongs to (cross-reference, then a match rule) and applies the permitted operations.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'Bound', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    entity: 'Customer',
    matchTargetField: 'DisplayName',
    matchSourceField: 'Name',
    fallbackTargetField: '',
    operations: 'create-and-update',
    ...BINDING_RULE_DEFAULTS,
    ...CREATION_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: '⇄',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      matchTargetField: {
        label: 'Match on QuickBooks field',
        help: 'Compared without regard to case or surrounding spaces, as QuickBooks compares names.',
      },
      matchSourceField: { label: '… equal to source field' },
      fallbackTargetField: {
        label: '… or, when none matches, on QuickBooks field',
        help: 'Items: Name to Item Name, then SKU (or Code to SKU, then Name). Leave empty for one field only.',
      },
      operations: PERMITTED_OPERATIONS_FIELD,
      ...BINDING_RULE_UI,
      ...CREATION_TRIGGER_UI,
    },
    summary: (c) =>
      `${c.entity}: ${
        c.matchRule === 'field'
          ? `${c.matchSourceField} = ${c.matchTargetField}${c.fallbackTargetField ? ` or ${c.fallbackTargetField}` : ''}`
          : RULE_LABEL[c.matchRule]
      }, ` + c.operations.replace(/-/g, ' '),
  },
  open: async (ctx, c) => ({
    client: (await openQboClient(ctx, c.connection)).client,
    claimedTargets: new Map(),
    claimedNames: new Map(),
    batches: 0,
  }),
  // The reads (cross-reference, name queries) are `prepare`: the engine runs them for
  // the next pages while this one is decided. Deciding (claims, duplicates, permitted
  // operations) depends on the pages before, so it stays in `process`, in page order.
  prepare: (ctx, c, state, batch) => lookUp(ctx, c, state.client, batch),
  prepareAhead: 3,
  process: async (ctx, c, state, batch, prepared) => {
    const found = prepared ?? (await lookUp(ctx, c, state.client, batch));
    const results = new Map<FlowRecord, RecordResult>();
    const batchNo = ++state.batches;
    const claim = (claims: Map<string, { key: string; batch: number }>, k: string, key: string) => {
      claims.delete(k); // re-inserted at the end: the map stays in batch order
      claims.set(k, { key, batch: batchNo });
    };
    const fail = (record: FlowRecord, failure: RecordResult['failure']) =>
      results.set(record, { record, outcome: 'failed', failure });

    const bind = (r: FlowRecord, matchedBy: RecordBinding['matchedBy'], row?: QboObject) => {
      r.meta.binding = {
        system: 'quickbooks-online',
        entity: c.entity,
        connection: c.connection,
        targetId: row ? String(row.Id) : null,
        ...(row ? { version: row.SyncToken } : {}),
        matchedBy,
      };
    };

    // 1. Cross-reference: records bound by earlier runs (or by support's pick in the review queue);
    // support's other decisions; the QuickBooks Id kept in a source field.
    const unbound: FlowRecord[] = [];
    for (const r of batch) {
      const hit = found.known.get(r);
      const decision = found.decisions.get(r);
      if (hit)
        r.meta.binding = {
          system: 'quickbooks-online',
          entity: c.entity,
          connection: c.connection,
          targetId: hit.targetId,
          version: hit.version,
          matchedBy: 'cross-reference',
        };
      else if (decision === 'skip')
        results.set(r, {
          record: r,
          outcome: 'skipped',
          failure: {
            code: 'weft.binding.review-skip',
            message: `Skipped: support chose not to sync this record to QuickBooks ${c.entity} in the review queue.`,
            action: 'Nothing to do; to sync it after all, bind it by hand.',
          },
        });
      else if (decision === 'create-new') bind(r, 'review');
      else if (found.byId.has(r)) bind(r, 'match-rule', found.byId.get(r));
      else unbound.push(r);
    }

    // 2. Match rule for the rest; two source records on one name would bind (or create) the same row.
    const byName = new Map<string, FlowRecord[]>();
    for (const r of unbound) {
      const v = r.data[c.matchSourceField];
      if (v === undefined || v === null || String(v).trim() === '') bind(r, 'none');
      else addTo(byName, nameKey(c, v), r);
    }
    for (const [name, records] of byName) {
      const other = state.claimedNames.get(name)?.key;
      if (records.length > 1 || (other !== undefined && other !== records[0].key)) {
        for (const r of records)
          fail(r, {
            code: 'weft.binding.duplicate-source',
            field: c.matchSourceField,
            message:
              `Two source records have ${c.matchSourceField} "${String(r.data[c.matchSourceField])}" ` +
              `(${[...new Set([...records.map((x) => x.key), ...(other ? [other] : [])])].join(', ')}); ` +
              `both would become the same QuickBooks ${c.entity}.`,
            action: `Make ${c.matchSourceField} unique in the source (or merge the records), then reprocess.`,
          });
        byName.delete(name);
      }
    }
    if (found.targetsError !== null) {
      const e = found.targetsError;
      for (const rs of byName.values())
        for (const r of rs) fail(r, e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e));
      byName.clear();
    }
    const fields = qboTargetFields(c.matchTargetField);
    for (const [name, [r]] of byName) {
      const rows = found.targets.get(name) ?? [];
      if (c.matchRule !== 'field') {
        // Issue 14: look-alikes and doubtful matches are parked for support, not failed, not guessed.
        const decision = decideByRule(c, fields, r, rows);
        if (decision.kind === 'review') {
          const facts = recordFacts(c, c.matchSourceField, r);
          const candidates = decision.rows.map((row) => candidateOf(fields, row, String(row.Id)));
          const where = {
            system: 'QuickBooks',
            entity: c.entity,
            sourceSystem: sourceSystemName(r.meta.source.system),
            sourceEntity: r.meta.source.entity,
          };
          results.set(r, {
            record: r,
            outcome: 'review',
            review: {
              ...reviewRequest(c, where, facts, decision, candidates),
              target: qboXrefTarget(c.connection, c.entity, r),
            },
          });
          continue;
        }
        claim(state.claimedNames, name, r.key);
        bind(
          r,
          decision.kind === 'bound' ? 'match-rule' : 'none',
          decision.kind === 'bound' ? decision.row : undefined,
        );
        continue;
      }
      if (rows.length > 1) {
        fail(r, {
          code: 'weft.binding.duplicate-target',
          field: c.matchTargetField,
          message:
            `${rows.length} QuickBooks ${c.entity} records have ${c.matchTargetField} ` +
            `"${String(r.data[c.matchSourceField])}" (Ids ${rows.map((x) => x.Id).join(', ')}); ` +
            'Weft cannot tell which one is meant.',
          action: `Merge or rename the duplicates in QuickBooks, or choose a match field that is unique, then reprocess.`,
        });
        continue;
      }
      claim(state.claimedNames, name, r.key);
      bind(r, rows.length ? 'match-rule' : 'none', rows[0]);
    }

    // 3. One QuickBooks row, one source record; then the permitted operations. A row found
    // by the match rule may be bound to another record by an earlier batch whose claim
    // was forgotten: the cross-reference knows.
    // (The cross-reference was asked in `lookUp`, for every row the match rule found: the claims of
    // the last CLAIM_BATCHES batches cover any binding made since, prepareAhead being far fewer.)
    for (const r of batch) {
      if (results.has(r)) continue;
      const id = r.meta.binding?.targetId;
      const owner = id
        ? (state.claimedTargets.get(id)?.key ??
          (r.meta.binding!.matchedBy === 'match-rule' ? found.owners.get(id)?.find((k) => k !== r.key) : undefined))
        : undefined;
      if (id && owner !== undefined && owner !== r.key) {
        fail(r, {
          code: 'weft.binding.target-taken',
          message: `QuickBooks ${c.entity} ${id} is already bound to source record ${owner}; two records cannot both update it.`,
          action: 'Unbind one of the two records, or merge them in the source, then reprocess.',
        });
        continue;
      }
      if (id) claim(state.claimedTargets, id, r.key);
      results.set(r, decide(c, r));
    }
    forgetOldClaims(state);
    ctx.log.info('quickbooks binding', {
      records: batch.length,
      matched: [...results.values()].filter((x) => x.record.meta.binding?.matchedBy === 'match-rule').length,
    });
    return batch.map((r) => results.get(r)!);
  },
});
