// Binding for any QuickBooks Desktop catalogue object: the cross-reference first,
// then a match — lists on their Name (FullName look-up, unique regardless of
// case), transactions on their RefNumber (not unique: two hits are ambiguous and
// fail the record) — through the Web Connector, and the permitted operations
// (seed §5.2), the same rules as the Online binding. Objects without a match
// field (Deposit, TimeTracking) bind by cross-reference only.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult } from '../../define-node';
import {
  applyPermittedOperations,
  PERMITTED_OPERATIONS_FIELD,
  PermittedOperations,
} from '../../core/permitted-operations';
import type { QbdClient } from './qbd-client';
import { hashText } from './qbd-client';
import { openQbdClient } from './qbd-connection';
import { entityDef, ENTITY_NAMES } from './qbd-catalogue';
import { normName, QbdQueryError, qbdXrefTarget, recordsByMatch, retId, xrefKey, type ObjectRet } from './qbd-lookup';
import { recordsById, recordsByNameWords } from './qbd-lookup';
import {
  BINDING_RULE_DEFAULTS,
  BINDING_RULE_FIELDS,
  BINDING_RULE_UI,
  candidateOf,
  decideByRule,
  normaliseName,
  RULE_LABEL,
  recordFacts,
  reviewRequest,
  searchWord,
  suffixList,
  type TargetFields,
} from '../../core/binding-rules';
import {
  applyCreationTrigger,
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
} from '../../core/creation-triggers';
import { hresultFailure, statusFailure } from './qbd-status';
import { addTo } from '../../core/add-to';
import { asText, fieldPath, readPath } from '../../core/field-path';
import { nonXmlCharacter, visibleNul } from '../../core/text-characters';
import { parentPrefixes } from './qbd-parent-names';
import { customFieldAmbiguous, recordsByCustomField } from './qbd-custom-field-match';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Desktop company file (add one under Connections).'),
  entity: z.enum(ENTITY_NAMES).default('Customer'),
  matchSourceField: fieldPath(z.string().min(1)).default('Name'),
  /** Jobs and sub-customers: the field holding the parent's ListID; the name is then matched as Parent:Name. */
  parentField: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field name such as CustomerId')).default(''),
  /** Seed §3.2: match this QuickBooks custom field (e.g. ItemCode) with the source field instead of the Name. */
  matchCustomField: z
    .string()
    .regex(/^([A-Za-z][\w ]{0,30})?$/, 'a custom field name such as ItemCode')
    .default(''),
  operations: PermittedOperations,
  ...BINDING_RULE_FIELDS,
  ...CREATION_TRIGGER_FIELDS,
});
type Config = z.infer<typeof config>;

/** A list record's compared facts in qbXML names (its own Name, not the Parent:Child FullName). */
const QBD_FIELDS: TargetFields = {
  name: 'Name',
  phone: 'Phone',
  city: 'BillAddress.City',
  state: 'BillAddress.State',
  postalCode: 'BillAddress.PostalCode',
  country: 'BillAddress.Country',
};
interface State {
  client: QbdClient;
  claimedNames: Map<string, string>;
  claimedTargets: Map<string, string>;
}

const SYSTEM = 'quickbooks-desktop';

function lookupFailure(e: unknown, entity: string): RecordFailure {
  return e instanceof QbdQueryError
    ? e.hresult
      ? hresultFailure(e.hresult.hresult, e.hresult.message)
      : statusFailure(e.rs!, `the ${entity} look-up`)
    : {
        code: 'weft.qbd.unexpected',
        message: (e as Error).message,
        connection: true,
        action: 'Check the Web Connector, then reprocess.',
      };
}

function decide(c: Config, record: FlowRecord): RecordResult {
  const where = { system: 'QuickBooks Desktop', entity: c.entity, createIn: 'QuickBooks' };
  return applyCreationTrigger(c, record, where) ?? applyPermittedOperations(c.operations, record, where);
}

export const qbdBindingNode = defineNode<typeof config, State>({
  type: 'quickbooks-desktop.binding',
  version: 1,
  title: 'QuickBooks Desktop binding',
  category: 'binding',
  description:
    'Finds the QuickBooks Desktop record each record belongs to (cross-reference, then by Name ' +
    'or RefNumber through the Web Connector) and applies the permitted operations.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'Bound', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    entity: 'Customer',
    matchSourceField: 'Name',
    parentField: '',
    matchCustomField: '',
    operations: 'create-and-update',
    ...BINDING_RULE_DEFAULTS,
    ...CREATION_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: '⇄',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      matchSourceField: {
        label: 'Match Name (lists) or RefNumber (transactions) with source field',
        help: 'QuickBooks compares names without regard to case; RefNumbers are not unique, so two hits fail the record.',
      },
      parentField: {
        label: 'Under the parent whose ListID is in',
        help: 'For jobs and sub-customers: a field holding the parent customer ListID (e.g. CustomerId); leave empty otherwise.',
      },
      matchCustomField: {
        label: 'Match a QuickBooks custom field instead of the Name',
        help:
          'For products bound by code or SKU: the custom field (e.g. ItemCode) QuickBooks keeps it in; the source ' +
          'field above holds the value. Leave empty to match on the Name.',
      },
      operations: PERMITTED_OPERATIONS_FIELD,
      ...BINDING_RULE_UI,
      idField: {
        label: 'ListID kept in source field',
        help: 'Optional: a field of the incoming record holding the QuickBooks ListID (e.g. UsrQBListId).',
      },
      ...CREATION_TRIGGER_UI,
    },
    summary: (c) =>
      `${c.entity}: ${
        c.matchCustomField
          ? `${c.matchSourceField} = custom field ${c.matchCustomField}`
          : c.matchRule === 'field' || entityDef(c.entity).kind === 'txn'
            ? `${c.matchSourceField} = ${entityDef(c.entity).match ?? 'cross-reference only'}${c.parentField ? ' under its parent' : ''}`
            : RULE_LABEL[c.matchRule]
      }, ${c.operations.replace(/-/g, ' ')}`,
  },
  open: async (ctx, c) => ({
    client: await openQbdClient(ctx, c.connection),
    claimedNames: new Map(),
    claimedTargets: new Map(),
  }),
  process: async (ctx, c, state, batch) => {
    const d = entityDef(c.entity);
    const target = (r: FlowRecord) => qbdXrefTarget(c.connection, c.entity, r);
    const results = new Map<FlowRecord, RecordResult>();
    const fail = (record: FlowRecord, failure: RecordFailure) =>
      results.set(record, { record, outcome: 'failed', failure });
    const bind = (
      r: FlowRecord,
      hit: { targetId: string; version?: string } | null,
      matchedBy: 'cross-reference' | 'match-rule' | 'review' | 'none',
    ) => {
      r.meta.binding = {
        system: SYSTEM,
        entity: c.entity,
        connection: c.connection,
        targetId: hit?.targetId ?? null,
        ...(hit?.version ? { version: hit.version } : {}),
        matchedBy,
      };
    };

    const groups = new Map<string, FlowRecord[]>();
    for (const r of batch) addTo(groups, xrefKey(target(r)), r);
    let unbound: FlowRecord[] = [];
    for (const records of groups.values()) {
      const known = await ctx.xref.lookup(
        target(records[0]),
        records.map((r) => r.key),
      );
      const decided = ctx.xref.decisions
        ? await ctx.xref.decisions(
            target(records[0]),
            records.filter((r) => !known.has(r.key)).map((r) => r.key),
          )
        : new Map();
      for (const r of records) {
        const hit = known.get(r.key);
        if (hit) bind(r, hit, 'cross-reference');
        else if (decided.get(r.key) === 'create-new') bind(r, null, 'review');
        else if (decided.get(r.key) === 'skip')
          results.set(r, {
            record: r,
            outcome: 'skipped',
            failure: {
              code: 'weft.binding.review-skip',
              message: `Skipped: support chose not to sync this record to QuickBooks Desktop ${c.entity} in the review queue.`,
              action: 'Nothing to do; to sync it after all, bind it by hand.',
            },
          });
        else unbound.push(r);
      }
    }

    // The ListID (TxnID) kept in a source field binds first (seed §5.2: a Creatio field holding the ListID).
    const idOf = (r: FlowRecord) => (c.idField ? asText(readPath(r.data, c.idField)).trim() : '');
    const ids = [...new Set(unbound.map(idOf).filter(Boolean))];
    if (ids.length) {
      const keyBase = `bind-id|${ctx.runId}|${ctx.nodeId}|${await hashText(ids.join('\u001f'))}`;
      const rows = await recordsById(state.client, d, keyBase, ids);
      for (const r of unbound) {
        const row = rows.get(idOf(r));
        if (row) bind(r, { targetId: retId(d, row), version: row.EditSequence }, 'match-rule');
      }
      unbound = unbound.filter((r) => !r.meta.binding);
    }

    // Seed §3.2: bound by a custom field (ItemCode) rather than the Name; unmatched records are created.
    if (c.matchCustomField && d.dataExt && unbound.length) {
      const keyBase = `bind-ext|${ctx.runId}|${ctx.nodeId}|${await hashText(unbound.map((r) => r.key).join('\u001f'))}`;
      try {
        const found = await recordsByCustomField(state.client, d, keyBase, c.matchCustomField);
        for (const r of unbound) {
          const hits = found.get(normName(readPath(r.data, c.matchSourceField) ?? '')) ?? [];
          if (hits.length > 1) fail(r, customFieldAmbiguous(c.entity, c.matchCustomField, r, c.matchSourceField, hits));
          else if (hits[0]) bind(r, { targetId: retId(d, hits[0]), version: hits[0].EditSequence }, 'match-rule');
          else bind(r, null, 'none');
        }
      } catch (e) {
        for (const r of unbound) fail(r, lookupFailure(e, c.entity));
      }
      unbound = [];
    }

    // Issue 14's name rules on lists; transactions keep matching on their RefNumber.
    // Under a parent the full name is compared exactly: look-alike rules read a record's own Name only.
    const nameRules = c.matchRule !== 'field' && d.kind !== 'txn' && !c.parentField;
    const suffixes = suffixList(c.nameSuffixes);
    const byName = new Map<string, FlowRecord[]>();
    const prefixes = c.parentField
      ? await parentPrefixes(state.client, d, `bind|${ctx.runId}|${ctx.nodeId}`, unbound, c.parentField)
      : new Map<FlowRecord, string | RecordFailure>();
    // The value matched: the name, or Parent:Name for a job (qbd-parent-names.ts).
    const matchOf = (r: FlowRecord) => {
      const v = r.data[c.matchSourceField];
      const prefix = prefixes.get(r);
      return typeof prefix === 'string' && v !== undefined && v !== null && String(v).trim()
        ? `${prefix}${String(v)}`
        : v;
    };
    for (const r of unbound) {
      const prefix = prefixes.get(r);
      if (prefix && typeof prefix !== 'string') {
        fail(r, prefix);
        continue;
      }
      const v = matchOf(r);
      if (!d.match || v === undefined || v === null || String(v).trim() === '') {
        bind(r, null, 'none');
        continue;
      }
      // The name travels in a qbXML query with the others of the page: one XML 1.0 cannot carry would
      // make QuickBooks refuse the whole request set (0x80040400), so that record fails alone here.
      const odd = nonXmlCharacter(String(v));
      if (odd) {
        fail(r, {
          code: 'weft.qbd.xml-character',
          field: c.matchSourceField,
          message:
            `${d.name} "${visibleNul(String(v))}" cannot be looked up: its ${c.matchSourceField} ` +
            `contains ${odd}, which QuickBooks Desktop cannot take (qbXML is XML 1.0).`,
          action: `Remove it from ${c.matchSourceField} in the source, then reprocess.`,
        });
        continue;
      }
      addTo(byName, nameRules ? normaliseName(String(v), suffixes) : normName(v), r);
    }
    for (const [name, records] of byName) {
      const other = state.claimedNames.get(name);
      if (records.length > 1 || (other !== undefined && other !== records[0].key)) {
        const keys = [...new Set([...records.map((x) => x.key), ...(other ? [other] : [])])].join(', ');
        for (const r of records)
          fail(r, {
            code: 'weft.binding.duplicate-source',
            field: c.matchSourceField,
            message:
              `Two source records have ${c.matchSourceField} "${String(matchOf(r))}" ` +
              `(${keys}); both would become the same QuickBooks Desktop ${c.entity}.`,
            action: `Make ${c.matchSourceField} unique in the source (or merge the records), then reprocess.`,
          });
        byName.delete(name);
      }
    }
    let found = new Map<string, ObjectRet[]>();
    try {
      const names = [...byName.values()].map((rs) => String(matchOf(rs[0])).trim());
      const keyBase = `bind|${ctx.runId}|${ctx.nodeId}|${await hashText(names.join('\u001f'))}`;
      if (!nameRules) found = await recordsByMatch(state.client, d, keyBase, names);
      else {
        const words = [...new Set(names.map((n) => searchWord(n, suffixes)).filter(Boolean))];
        for (const ret of await recordsByNameWords(state.client, d, keyBase, words))
          addTo(found, normaliseName(String(ret.Name ?? ret.FullName ?? ''), suffixes), ret);
      }
    } catch (e) {
      const failure = lookupFailure(e, c.entity);
      for (const rs of byName.values()) for (const r of rs) fail(r, failure);
      byName.clear();
    }
    for (const [name, [r]] of byName) {
      const hits = found.get(name) ?? [];
      if (nameRules) {
        const decision = decideByRule(c, QBD_FIELDS, r, hits);
        if (decision.kind === 'review') {
          const candidates = decision.rows.map((row) => candidateOf(QBD_FIELDS, row, retId(d, row as ObjectRet)));
          const where = {
            system: 'QuickBooks Desktop',
            entity: c.entity,
            sourceSystem: r.meta.source.system === 'creatio' ? 'Creatio' : r.meta.source.system,
            sourceEntity: r.meta.source.entity,
          };
          const facts = recordFacts(c, c.matchSourceField, r);
          results.set(r, {
            record: r,
            outcome: 'review',
            review: { ...reviewRequest(c, where, facts, decision, candidates), target: target(r) },
          });
          continue;
        }
        const row = decision.kind === 'bound' ? (decision.row as ObjectRet) : null;
        state.claimedNames.set(name, r.key);
        bind(r, row ? { targetId: retId(d, row), version: row.EditSequence } : null, row ? 'match-rule' : 'none');
        continue;
      }
      // RefNumbers are not unique in QuickBooks: two transactions with it cannot be told apart.
      if (hits.length > 1) {
        fail(r, {
          code: 'weft.binding.ambiguous',
          field: c.matchSourceField,
          message:
            `${hits.length} QuickBooks Desktop ${c.entity} records have ${d.match} "${String(matchOf(r))}" ` +
            `(${hits.map((h) => retId(d, h)).join(', ')}); Weft cannot tell which one this record is.`,
          action: `Make the ${d.match} unique in QuickBooks (or bind the record by hand), then reprocess.`,
        });
        continue;
      }
      const hit = hits[0];
      state.claimedNames.set(name, r.key);
      bind(r, hit ? { targetId: retId(d, hit), version: hit.EditSequence } : null, hit ? 'match-rule' : 'none');
    }

    for (const r of batch) {
      if (results.has(r)) continue;
      const id = r.meta.binding?.targetId;
      const owner = id ? state.claimedTargets.get(id) : undefined;
      if (id && owner !== undefined && owner !== r.key) {
        fail(r, {
          code: 'weft.binding.target-taken',
          message: `QuickBooks Desktop ${c.entity} ${id} is already bound to source record ${owner}; two records cannot both update it.`,
          action: 'Unbind one of the two records, or merge them in the source, then reprocess.',
        });
        continue;
      }
      if (id) state.claimedTargets.set(id, r.key);
      results.set(r, decide(c, r));
    }
    return batch.map((r) => results.get(r)!);
  },
});
