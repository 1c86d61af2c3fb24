// Binding: finds each record's counterpart in QuickBooks Online — first through
// the cross-reference kept by earlier runs, then by a match rule (source field
// = QuickBooks field, e.g. Name = DisplayName) — and decides, per the flow's
// permitted operations (seed §5.2), whether it may go on to be created or updated.
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext, type RecordResult } from '../../define-node';
import {
  applyPermittedOperations,
  PERMITTED_OPERATIONS_FIELD,
  PermittedOperations,
} from '../../core/permitted-operations';
import type { QboClient, QboObject } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { QBO_ENTITIES, includeInactive, isTransaction } from './qbo-entities';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboIdentifier, qboIn } from './qbo-query';
import { qboXrefTarget, xrefGroupKey } from './xref-target';
import { addTo } from '../../core/add-to';
import { fieldPath } from '../../core/field-path';

const config = z
  .object({
    connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
    entity: z.enum(QBO_ENTITIES).default('Customer'),
    matchTargetField: fieldPath(
      z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/, 'a QuickBooks field name, e.g. DisplayName'),
    ).default('DisplayName'),
    matchSourceField: fieldPath(z.string().min(1)).default('Name'),
    operations: PermittedOperations,
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

/** QuickBooks names are unique regardless of case and surrounding blanks, so matching is too. */
const norm = (v: unknown) => String(v).trim().toLowerCase();
/**
 * Names per query. Every query takes one of the company's 10 concurrent slots that the sink's
 * batch calls need too: at 40 a page of 1,000 made 25 queries beside 34 batch calls (bench, 100k).
 * Intuit documents no limit on IN lists; a long statement is POSTed (qbo-client.ts).
 */
const CHUNK = 100;
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

async function findTargets(client: QboClient, c: Config, values: string[]): Promise<Map<string, QboObject[]>> {
  const found = new Map<string, QboObject[]>();
  // The queries of a page go out together (the company's governor bounds them): one after the other they made every page wait ~25 round trips.
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      client.query(
        `select * from ${c.entity} where ${qboIn(qboIdentifier(c.matchTargetField), chunk)}${includeInactive(c.entity)} maxresults 1000`,
      ),
    ),
  );
  for (const { rows } of answers) {
    for (const row of rows) {
      const v = c.matchTargetField
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], row);
      if (v === undefined) continue;
      const list = found.get(norm(v)) ?? [];
      list.push(row);
      found.set(norm(v), list);
    }
  }
  return found;
}

/** What `process` needs to read for a batch; read ahead of its turn (no claims, no writes). */
interface Found {
  /** Cross-reference hits, by record. */
  known: Map<FlowRecord, { targetId: string; version?: string }>;
  /** QuickBooks rows by normalized match value (for every unbound record with a value). */
  targets: Map<string, QboObject[]>;
  /** Why the name queries failed (the records they were for fail with it); null when they did not. */
  targetsError: unknown;
  /** For records whose value found exactly one row: the source keys the cross-reference binds that row to. */
  owners: Map<FlowRecord, string[]>;
}

async function lookUp(ctx: NodeContext, c: Config, client: QboClient, batch: FlowRecord[]): Promise<Found> {
  const found: Found = { known: new Map(), targets: new Map(), targetsError: null, owners: new Map() };
  const groups = new Map<string, FlowRecord[]>();
  for (const r of batch) {
    const k = xrefGroupKey(qboXrefTarget(c.connection, c.entity, r));
    addTo(groups, k, r);
  }
  for (const records of groups.values()) {
    const known = await ctx.xref.lookup(
      qboXrefTarget(c.connection, c.entity, records[0]),
      records.map((r) => r.key),
    );
    for (const r of records) {
      const hit = known.get(r.key);
      if (hit) found.known.set(r, hit);
    }
  }
  // Names asked once per batch, duplicates included: which of them are refused depends on earlier pages (process).
  const byName = new Map<string, FlowRecord[]>();
  for (const r of batch) {
    const v = r.data[c.matchSourceField];
    if (found.known.has(r) || v === undefined || v === null || String(v).trim() === '') continue;
    addTo(byName, norm(v), r);
  }
  const names = [...byName.values()]
    .filter((rs) => rs.length === 1)
    .map((rs) => String(rs[0].data[c.matchSourceField]).trim());
  try {
    found.targets = await findTargets(client, c, names);
  } catch (e) {
    found.targetsError = e;
    return found;
  }
  const matchGroups = new Map<string, FlowRecord[]>();
  for (const [name, rs] of byName) {
    if (rs.length !== 1 || (found.targets.get(name)?.length ?? 0) !== 1) continue;
    const k = xrefGroupKey(qboXrefTarget(c.connection, c.entity, rs[0]));
    addTo(matchGroups, k, rs[0]);
  }
  for (const records of matchGroups.values()) {
    const ids = records.map((r) => String(found.targets.get(norm(r.data[c.matchSourceField]))![0].Id));
    const owners = await ctx.xref.sourcesOf(qboXrefTarget(c.connection, c.entity, records[0]), ids);
    records.forEach((r, i) => {
      const keys = owners.get(ids[i]);
      if (keys) found.owners.set(r, keys);
    });
  }
  return found;
}

function decide(c: Config, record: FlowRecord): RecordResult {
  return applyPermittedOperations(c.operations, record, { system: 'QuickBooks', entity: c.entity });
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
    operations: 'create-and-update',
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
      operations: PERMITTED_OPERATIONS_FIELD,
    },
    summary: (c) => `${c.entity}: ${c.matchSourceField} = ${c.matchTargetField}, ${c.operations.replace(/-/g, ' ')}`,
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

    // 1. Cross-reference: records bound by earlier runs.
    const unbound: FlowRecord[] = [];
    for (const r of batch) {
      const hit = found.known.get(r);
      if (hit)
        r.meta.binding = {
          system: 'quickbooks-online',
          entity: c.entity,
          connection: c.connection,
          targetId: hit.targetId,
          version: hit.version,
          matchedBy: 'cross-reference',
        };
      else unbound.push(r);
    }

    // 2. Match rule for the rest; two source records on one name would bind (or create) the same row.
    const byName = new Map<string, FlowRecord[]>();
    for (const r of unbound) {
      const v = r.data[c.matchSourceField];
      if (v === undefined || v === null || String(v).trim() === '') {
        r.meta.binding = {
          system: 'quickbooks-online',
          entity: c.entity,
          connection: c.connection,
          targetId: null,
          matchedBy: 'none',
        };
        continue;
      }
      addTo(byName, norm(v), r);
    }
    for (const [name, records] of byName) {
      const other = state.claimedNames.get(name)?.key;
      if (records.length > 1 || (other !== undefined && other !== records[0].key)) {
        for (const r of records)
          fail(r, {
            code: 'weft.binding.duplicate-source',
            field: c.matchSourceField,
            message: `Two source records have ${c.matchSourceField} "${String(r.data[c.matchSourceField])}" (${[...new Set([...records.map((x) => x.key), ...(other ? [other] : [])])].join(', ')}); both would become the same QuickBooks ${c.entity}.`,
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
    for (const [name, [r]] of byName) {
      const rows = found.targets.get(name) ?? [];
      if (rows.length > 1) {
        fail(r, {
          code: 'weft.binding.duplicate-target',
          field: c.matchTargetField,
          message: `${rows.length} QuickBooks ${c.entity} records have ${c.matchTargetField} "${String(r.data[c.matchSourceField])}" (Ids ${rows.map((x) => x.Id).join(', ')}); Weft cannot tell which one is meant.`,
          action: `Merge or rename the duplicates in QuickBooks, or choose a match field that is unique, then reprocess.`,
        });
        continue;
      }
      claim(state.claimedNames, name, r.key);
      r.meta.binding = rows.length
        ? {
            system: 'quickbooks-online',
            entity: c.entity,
            connection: c.connection,
            targetId: String(rows[0].Id),
            version: rows[0].SyncToken,
            matchedBy: 'match-rule',
          }
        : {
            system: 'quickbooks-online',
            entity: c.entity,
            connection: c.connection,
            targetId: null,
            matchedBy: 'none',
          };
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
          (r.meta.binding!.matchedBy === 'match-rule' ? found.owners.get(r)?.find((k) => k !== r.key) : undefined))
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
