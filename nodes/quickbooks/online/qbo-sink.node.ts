// Sink: writes mapped records to QuickBooks Online through batch calls (≤30
// items, reference B7): creates for unbound records, sparse updates for bound
// ones (only the mapped fields change — a full update would wipe the rest, B8).
// Exactly once across a crash: each write QuickBooks answered is acknowledged in the
// run store as its batch answer arrives (ctx.effects), so a page replayed after a
// takeover counts those records as done without sending them again; a batch whose
// answer was lost goes out again with the same items and requestid (ids derived from
// the records, not their position), which QuickBooks answers from its first try (B1).
import { z } from 'zod';
import { defineNode, type FlowRecord, type NodeContext, type RecordResult } from '../../define-node';
import type { BatchItem, QboClient, QboObject } from './qbo-client';
import { openQboClient } from './qbo-connection';
import { prepareCustomFields, type CustomFieldDefs } from './qbo-custom-fields';
import { QBO_ENTITIES, displayName, includeInactive } from './qbo-entities';
import { QboError } from './qbo-error';
import { qboFailure, unexpectedFailure } from './qbo-failure';
import { qboIn, shortRequestId } from './qbo-query';
import { qboXrefTarget } from './xref-target';
import { replayedOutcome, writeKeysOf } from '../../core/write-key';
import { bindWritten } from '../../core/bind-written';
import { writeInBatchCalls } from '../../core/batch-calls';
import { keptAnswer } from '../../core/kept-answer';
import { wouldWrite } from '../../core/dry-run';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_SINK_UI,
  gateCreation,
} from '../../core/creation-triggers';
import { SUPPRESS_FIELDS, SUPPRESS_UI, suppressedRecords } from './qbo-suppress';
import { currentOfUpdates } from './qbo-kept-lines';
import { job, resolveStale, type Job } from './qbo-sink-jobs';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  entity: z.enum(QBO_ENTITIES).default('Customer'),
  batchSize: z.number().int().min(1).max(30).default(30),
  /**
   * Lines an update keeps that the mapping does not send: `expense`, a purchase's expense lines to an account
   * (AccountBasedExpenseLineDetail), which come back to Creatio as products with no product (qbo-kept-lines.ts).
   */
  keepLines: z.enum(['none', 'expense']).default('none'),
  ...CREATION_TRIGGER_FIELDS,
  ...SUPPRESS_FIELDS,
});
type Config = z.infer<typeof config>;
const KEPT: Record<Config['keepLines'], string[]> = { none: [], expense: ['AccountBasedExpenseLineDetail'] };
interface State {
  client: QboClient;
  /** Custom field definitions, read once per run (qbo-custom-fields.ts). */ customFields?: Promise<CustomFieldDefs>;
  /** Updates left out because QuickBooks says so (qbo-suppress.ts): how many, and the first, for the note. */
  suppressed?: { n: number; first?: string };
}

/** Current SyncTokens of bound records that arrive without one (e.g. bound by hand). */
async function syncTokens(client: QboClient, entity: string, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < ids.length; i += 100) {
    const { rows } = await client.query(
      `select * from ${entity} where ${qboIn('Id', ids.slice(i, i + 100))}${includeInactive(entity)} maxresults 1000`,
    );
    for (const r of rows) out.set(String(r.Id), String(r.SyncToken));
  }
  return out;
}

async function writeChunk(ctx: NodeContext, c: Config, client: QboClient, jobs: Job[]): Promise<RecordResult[]> {
  const items: BatchItem[] = jobs.map((j) => ({
    bId: j.bId,
    operation: j.op,
    entity: c.entity,
    body: j.body,
    json: j.json,
  }));
  // Same records in the same chunk → same requestid → QuickBooks replays instead of writing again
  // (reference B1). The ids leave the operation out: a create whose answer was lost is found by
  // name when its page is replayed and comes back as an update, yet must be recognised as the same write.
  const requestId = await shortRequestId(`${c.entity}|${jobs.map((j) => j.bId).join(',')}`, 36);
  let answers;
  try {
    answers = await client.batch(items, { requestId });
  } catch (e) {
    const failure = e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e);
    return jobs.map((j) => ({ record: j.record, outcome: 'failed', failure }));
  }
  // Acknowledged at once, before anything else can fail: a crash from here on never sends these again.
  await acknowledge(
    ctx,
    jobs.map((j, i) => [j, answers[i].ok ? answers[i].object : undefined]),
  );
  // One result per job, in order; only a stale update waits (for its re-read and retry).
  const results: RecordResult[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i];
    const a = answers[i];
    let object = a.ok ? a.object : undefined;
    let error = a.ok ? undefined : a.error;
    if (error?.kind === 'stale' && j.op === 'update') {
      try {
        object = await resolveStale(client, c.entity, j);
        await acknowledge(ctx, [[j, object]]);
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
      results.push({
        record: j.record,
        outcome: 'failed',
        failure: qboFailure(
          error ?? new QboError({ status: 0, code: 'missing', title: 'No answer', detail: `bId ${j.bId}` }),
          c.entity,
          displayName(j.record.data),
        ),
      });
      continue;
    }
    // QuickBooks' answer rides along (number, line ids, amounts) for a write-back node; else the unsent fields, for echoes (kept-answer.ts).
    j.record.meta.saved = keptAnswer(j.record, object, !ctx.outputUnused) ?? j.record.meta.saved;
    results.push(
      written(c, j.record, j.op === 'create' ? 'created' : 'updated', String(object.Id), String(object.SyncToken)),
    );
  }
  return results;
}

/** Records the writes QuickBooks answered with an object (failed items have no effect to remember). */
async function acknowledge(ctx: NodeContext, done: [Job, QboObject | undefined][]): Promise<void> {
  if (!ctx.effects) return;
  const acks = done
    .filter(([, o]) => o?.Id !== undefined)
    .map(([j, o]) => ({
      writeKey: j.writeKey,
      targetId: String(o!.Id),
      version: String(o!.SyncToken),
      op: j.op === 'create' ? ('created' as const) : ('updated' as const),
    }));
  await ctx.effects.acknowledge(acks);
}

/** A record written (now or before a crash, per its acknowledgement): bound to what QuickBooks holds. */
function written(
  c: Config,
  record: FlowRecord,
  outcome: 'created' | 'updated',
  targetId: string,
  version: string | undefined,
): RecordResult {
  record.meta.binding = {
    system: 'quickbooks-online',
    entity: c.entity,
    connection: c.connection,
    targetId,
    version,
    matchedBy: record.meta.binding?.matchedBy ?? 'none',
  };
  return { record, outcome, port: 'done' };
}

export const qboSinkNode = defineNode<typeof config, State>({
  type: 'quickbooks-online.sink',
  version: 1,
  title: 'QuickBooks Online',
  category: 'sink',
  description:
    "Creates or updates QuickBooks Online records (batches of up to 30), paced to the company's rate limits; every write is idempotent.",
  inputs: [{ name: 'in', label: 'Mapped records', recordType: (c) => `quickbooks-online.${c.entity}` }],
  outputs: [{ name: 'done', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', entity: 'Customer', batchSize: 30, keepLines: 'none', ...CREATION_TRIGGER_DEFAULTS },
  ui: {
    icon: 'qb',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      batchSize: {
        label: 'Records per batch call',
        help: 'QuickBooks accepts at most 30 per batch.',
        widget: 'number',
      },
      keepLines: {
        label: 'Lines an update keeps',
        widget: 'select',
        help: 'QuickBooks replaces all lines of a transaction with the lines an update sends.',
        options: [
          { value: 'none', label: 'Only the lines mapped' },
          {
            value: 'expense',
            label: "Also QuickBooks' expense lines to an account (a bill's, check's or purchase order's)",
          },
        ],
      },
      ...CREATION_TRIGGER_SINK_UI,
      ...SUPPRESS_UI,
    },
    summary: (c) => `write ${c.entity}, ${c.batchSize} per batch`,
  },
  open: async (ctx, c) => ({ client: (await openQboClient(ctx, c.connection)).client, suppressed: { n: 0 } }),
  note: (state) =>
    state.suppressed?.n
      ? `${state.suppressed.n} record${state.suppressed.n === 1 ? ' was' : 's were'} not updated because ` +
        `QuickBooks says so: ${state.suppressed.first}`
      : null,
  // Writes are idempotent (requestid per chunk) and the state is the client and a
  // memoised read: the next page's batches go out while this page's last ones are answered.
  pagesAtOnce: 3,
  // The company's limits (qbo-governor.ts) allow this many batch calls a minute, each of `batchSize` records.
  pace: (c, state) => {
    const l = state.client.governor.limits;
    return (Math.min(l.batchPerMinute, l.perMinute) * c.batchSize) / (l.windowMs / 1000); // records a second
  },
  process: async (ctx, c, state, batch, _prepared, turn) => {
    // Seed §5.2: a record this sink would create waits until its creation trigger (or its source's) is met.
    const gate = gateCreation(c, batch, { system: 'QuickBooks Online', entity: c.entity });
    const results: RecordResult[] = [...gate.skipped];
    // Custom fields mapped by name (CustomField.<name>) become QuickBooks' DefinitionId list.
    const prepared = await prepareCustomFields(state.client, c.entity, gate.write, state);
    results.push(...prepared.failed);
    const held = await suppressedRecords(state.client, c.entity, c, prepared.records);
    const writing: FlowRecord[] = [];
    for (const record of prepared.records) {
      if (held.has(record)) {
        const why =
          `QuickBooks ${c.entity} ${record.meta.binding!.targetId} has ${c.suppressField} "${c.suppressValue}", ` +
          'so Weft leaves it as it is.';
        const tally = (state.suppressed ??= { n: 0 });
        tally.n++;
        tally.first ??= `${why} To update it again, change ${c.suppressField} in QuickBooks.`;
        results.push({
          record,
          outcome: 'skipped',
          failure: { code: 'weft.qbo.suppressed', message: why, action: `Change ${c.suppressField} in QuickBooks.` },
        });
        continue;
      }
      const b = record.meta.binding;
      if (b?.targetId && (b.system !== 'quickbooks-online' || b.entity !== c.entity)) {
        results.push({
          record,
          outcome: 'failed',
          failure: {
            code: 'weft.qbo.binding-mismatch',
            message: `The record is bound to ${b.system} ${b.entity}, not QuickBooks Online ${c.entity}.`,
            action: 'Check that the binding node before this sink uses the same QuickBooks object.',
          },
        });
      } else writing.push(record);
    }
    const keyed = await writeKeysOf(ctx, writing);
    const writable = writing.map((record, i) => ({ record, writeKey: keyed[i].key, json: keyed[i].json }));
    // Writes acknowledged before a crash (this page is being replayed) are done: not sent again.
    const acks = ctx.effects ? await ctx.effects.acknowledged(writable.map((w) => w.writeKey)) : new Map();
    const toWrite = writable.filter((w) => !acks.has(w.writeKey));
    for (const w of writable) {
      const a = acks.get(w.writeKey);
      if (a) results.push(written(c, w.record, replayedOutcome(w.record, a), a.targetId, a.version));
    }
    const needToken = toWrite.filter((w) => w.record.meta.binding?.targetId && !w.record.meta.binding.version);
    const ready = new Set(toWrite);
    for (const w of needToken) ready.delete(w); // added back once their SyncToken is read
    if (needToken.length) {
      try {
        const tokens = await syncTokens(
          state.client,
          c.entity,
          needToken.map((w) => w.record.meta.binding!.targetId!),
        );
        for (const w of needToken) {
          const t = tokens.get(w.record.meta.binding!.targetId!);
          if (t === undefined) {
            results.push({
              record: w.record,
              outcome: 'failed',
              failure: {
                code: 'weft.qbo.target-missing',
                message: `QuickBooks ${c.entity} ${w.record.meta.binding!.targetId} (bound to this record) no longer exists.`,
                action: 'Remove the binding so the record is created again, or bind it to the right QuickBooks record.',
              },
            });
          } else {
            w.record.meta.binding!.version = t;
            ready.add(w);
          }
        }
      } catch (e) {
        for (const w of needToken)
          results.push({
            record: w.record,
            outcome: 'failed',
            failure: e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e),
          });
      }
    }
    // Batch calls are cut over every writable record in page order, acknowledged or not, so a call
    // whose answer was lost in a crash goes out again with the same items and requestid; in a paced
    // run a page's part-filled last call is filled by the next page's records (core/batch-calls.ts).
    // Batch calls go out together; the company's governor decides how many fly at once
    // (10 concurrent, 120 batch calls a minute), so a page is written as fast as QuickBooks
    // allows and never faster.
    // An update replaces all lines: the ones QuickBooks keeps are read now and sent back as they are.
    const kept = ctx.dryRun ? [] : KEPT[c.keepLines];
    let current = new Map<string, QboObject>();
    const updating = toWrite.filter((w) => ready.has(w)).map((w) => w.record);
    try {
      current = await currentOfUpdates(state.client, c.entity, kept, updating);
    } catch (e) {
      const failure = e instanceof QboError ? qboFailure(e, c.entity) : unexpectedFailure(e);
      for (const w of toWrite.filter((x) => ready.has(x) && x.record.meta.binding?.targetId)) {
        ready.delete(w);
        results.push({ record: w.record, outcome: 'failed', failure });
      }
    }
    const positions = writable.map((w) => (ready.has(w) ? job(w, kept, current) : null));
    if (ctx.dryRun) {
      // Issue 14: decided as above (bound → update, else create), and no batch call goes out.
      for (const j of positions)
        if (j) results.push(wouldWrite(j.record, j.op === 'create' ? 'created' : 'updated', 'done'));
      return results;
    }
    const send = (jobs: Job[]) => writeChunk(ctx, c, state.client, jobs);
    results.push(...(await writeInBatchCalls(positions, c.batchSize, turn, send)));
    ctx.setStatus(null);

    await bindWritten(
      ctx,
      results
        .filter((r) => r.outcome === 'created' || r.outcome === 'updated')
        .map((r) => ({
          target: qboXrefTarget(c.connection, c.entity, r.record),
          sourceKey: r.record.key,
          targetId: r.record.meta.binding!.targetId!,
          version: r.record.meta.binding!.version,
        })),
    );
    return results;
  },
});
