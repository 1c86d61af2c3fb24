// Sink: writes mapped records to QuickBooks Online through batch calls (≤30
// items, reference B7): creates for unbound records, sparse updates for bound
// ones (only the mapped fields change — a full update would wipe the rest, B8).
// Each batch carries a requestid derived from the records' effect keys, so a
// retry or rerun after a lost answer never creates a second customer.
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext, type RecordResult, type XrefTarget } from '../../define-node';
import type { BatchItem, QboClient, QboObject } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { prepareCustomFields, type CustomFieldDefs } from './qbo-custom-fields';
import { QBO_ENTITIES, displayName, includeInactive } from './qbo-entities';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboIn, shortRequestId } from './qbo-query';
import { qboXrefTarget, xrefGroupKey } from './xref-target';
import { sha256HexOfParts } from '../../core/sha256';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  entity: z.enum(QBO_ENTITIES).default('Customer'),
  batchSize: z.number().int().min(1).max(30).default(30),
});
type Config = z.infer<typeof config>;
interface State { client: QboClient; /** Custom field definitions, read once per run (qbo-custom-fields.ts). */ customFields?: Promise<CustomFieldDefs> }

interface Job { record: FlowRecord; op: 'create' | 'update'; bId: string; body: QboObject; key: string }

/** Current SyncTokens of bound records that arrive without one (e.g. bound by hand). */
async function syncTokens(client: QboClient, entity: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const { rows } = await client.query(`select * from ${entity} where ${qboIn('Id', ids.slice(i, i + 100))}${includeInactive(entity)} maxresults 1000`);
    for (const r of rows) out.set(String(r.Id), String(r.SyncToken));
  }
  return out;
}

async function writeChunk(c: Config, client: QboClient, jobs: Job[]): Promise<RecordResult[]> {
  const items: BatchItem[] = jobs.map((j) => ({ bId: j.bId, operation: j.op, entity: c.entity, body: j.body }));
  // Same records in the same chunk → same requestid → QuickBooks replays instead of writing again.
  const requestId = await shortRequestId(`${c.entity}|${jobs.map((j) => `${j.op}:${j.bId}`).join(',')}`, 36);
  let answers;
  try {
    answers = await client.batch(items, { requestId });
  } catch (e) {
    const failure = e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e);
    return jobs.map((j) => ({ record: j.record, outcome: 'failed', failure }));
  }
  // One result per job, in order; only a stale update waits (for its re-read and retry).
  const results: RecordResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i];
    const a = answers[i];
    let object = a.ok ? a.object : undefined;
    let error = a.ok ? undefined : a.error;
    if (error?.kind === 'stale' && j.op === 'update') {
      // Someone changed it meanwhile: re-read and apply our fields on top (sparseUpdate retries once on 5010).
      try {
        object = await client.sparseUpdate(c.entity, j.body as QboObject & { Id: string; SyncToken: string }, { requestId: await shortRequestId(`${j.bId}|stale`, 47) });
        error = undefined;
      } catch (e) {
        if (!(e instanceof QboError)) {
          results.push({ record: j.record, outcome: 'failed', failure: unexpectedFailure(e) });
          continue;
        }
        error = e;
      }
    }
    if (error || !object) {
      results.push({ record: j.record, outcome: 'failed', failure: qboFailure(error ?? new QboError({ status: 0, code: 'missing', title: 'No answer', detail: `bId ${j.bId}` }), c.entity, displayName(j.record.data)) });
      continue;
    }
    j.record.meta.binding = { system: 'quickbooks-online', entity: c.entity, connection: c.connection, targetId: String(object.Id), version: String(object.SyncToken), matchedBy: j.record.meta.binding?.matchedBy ?? 'none' };
    results.push({ record: j.record, outcome: j.op === 'create' ? 'created' : 'updated', port: 'done' });
  }
  return results;
}

export const qboSinkNode = defineNode<typeof config, State>({
  type: 'quickbooks-online.sink',
  version: 1,
  title: 'QuickBooks Online',
  category: 'sink',
  description: 'Creates or updates QuickBooks Online records (batches of up to 30), paced to the company\'s rate limits; every write is idempotent.',
  inputs: [{ name: 'in', label: 'Mapped records', recordType: (c) => `quickbooks-online.${c.entity}` }],
  outputs: [{ name: 'done', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', entity: 'Customer', batchSize: 30 },
  ui: {
    icon: 'qb', color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      batchSize: { label: 'Records per batch call', help: 'QuickBooks accepts at most 30 per batch.', widget: 'number' },
    },
    summary: (c) => `write ${c.entity}, ${c.batchSize} per batch`,
  },
  open: async (ctx, c) => ({ client: (await openQboClient(ctx, c.connection)).client }),
  // Writes are idempotent (requestid per chunk) and the state is the client and a
  // memoised read: the next page's batches go out while this page's last ones are answered.
  pagesAtOnce: 3,
  process: async (ctx, c, state, batch) => {
    const results: RecordResult[] = [];
    const jobs: Job[] = [];
    const needToken: FlowRecord[] = [];
    const ready: FlowRecord[] = [];
    // Custom fields mapped by name (CustomField.<name>) become QuickBooks' DefinitionId list.
    const prepared = await prepareCustomFields(state.client, c.entity, batch, state);
    results.push(...prepared.failed);
    for (const record of prepared.records) {
      const b = record.meta.binding;
      if (b?.targetId && (b.system !== 'quickbooks-online' || b.entity !== c.entity)) {
        results.push({ record, outcome: 'failed', failure: { code: 'weft.qbo.binding-mismatch', message: `The record is bound to ${b.system} ${b.entity}, not QuickBooks Online ${c.entity}.`, action: 'Check that the binding node before this sink uses the same QuickBooks object.' } });
      } else if (b?.targetId && !b.version) needToken.push(record);
      else ready.push(record);
    }
    jobs.push(...(await Promise.all(ready.map((record) => job(ctx, record)))));
    if (needToken.length) {
      try {
        const tokens = await syncTokens(state.client, c.entity, needToken.map((r) => r.meta.binding!.targetId!));
        for (const record of needToken) {
          const t = tokens.get(record.meta.binding!.targetId!);
          if (t === undefined) {
            results.push({ record, outcome: 'failed', failure: { code: 'weft.qbo.target-missing', message: `QuickBooks ${c.entity} ${record.meta.binding!.targetId} (bound to this record) no longer exists.`, action: 'Remove the binding so the record is created again, or bind it to the right QuickBooks record.' } });
          } else {
            record.meta.binding!.version = t;
            jobs.push(await job(ctx, record));
          }
        }
      } catch (e) {
        for (const record of needToken) results.push({ record, outcome: 'failed', failure: e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e) });
      }
    }
    // Batch calls go out together; the company's governor decides how many fly at
    // once (10 concurrent, 120 batch calls a minute), so a page is written as fast
    // as QuickBooks allows and never faster.
    const chunks: Job[][] = [];
    for (let i = 0; i < jobs.length; i += c.batchSize) chunks.push(jobs.slice(i, i + c.batchSize));
    for (const written of await Promise.all(chunks.map((chunk) => writeChunk(c, state.client, chunk)))) results.push(...written);
    ctx.setStatus(null);

    const bound = new Map<string, { target: XrefTarget; pairs: { sourceKey: string; targetId: string; version?: string }[] }>();
    for (const r of results) {
      if (r.outcome !== 'created' && r.outcome !== 'updated') continue;
      const target = qboXrefTarget(c.connection, c.entity, r.record);
      const g = bound.get(xrefGroupKey(target)) ?? { target, pairs: [] };
      g.pairs.push({ sourceKey: r.record.key, targetId: r.record.meta.binding!.targetId!, version: r.record.meta.binding!.version });
      bound.set(xrefGroupKey(target), g);
    }
    for (const g of bound.values()) await ctx.xref.bind(g.target, g.pairs);
    return results;
  },
});

async function job(ctx: NodeContext, record: FlowRecord): Promise<Job> {
  const key = await ctx.effectKey(record);
  const b = record.meta.binding;
  const op = b?.targetId ? 'update' : 'create';
  // The item id covers the effect key AND what is written: a retry of the same
  // write replays, while a later, different change of the same record is new.
  // (The same id as shortRequestId(`${key}|${op}|${json}`, 20): always hashed, being longer than 20.)
  const bId = (await sha256HexOfParts([key, '|', op, '|', JSON.stringify(record.data)])).slice(0, 20);
  if (b?.targetId) return { record, key, bId, op, body: { ...record.data, Id: b.targetId, SyncToken: String(b.version), sparse: true } };
  return { record, key, bId, op, body: { ...record.data } };
}
