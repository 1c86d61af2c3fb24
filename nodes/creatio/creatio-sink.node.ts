// Writes records into one Creatio object: updates the record a binding points to,
// creates one when there is none. Sent as JSON $batch of ≤100 with
// `Prefer: continue-on-error` (A8), so one bad record fails alone with its reason.
// Creates carry an Id derived from the record's effect key: when a batch is sent
// again after a lost answer, Creatio refuses the duplicate key instead of creating
// a second copy, and we know the record is already there. Each write Creatio answered
// is acknowledged in the run store as the answer arrives (ctx.effects): a page replayed
// after a crash counts those records as done instead of writing them again.
import { connectionRegistry } from '../connections';
import { z } from 'zod';
import { defineNode, type Acknowledged, type FlowRecord, type RecordFailure, type RecordResult } from '../define-node';
import { replayedOutcome, writeKeysOf } from '../core/write-key';
import type { BatchRequest, CreatioClient } from './creatio-client';
import { creatioClientFor } from './creatio-connection';
import type { CreatioError } from './creatio-error';
import { sha256, toHex } from '../core/sha256';
import { bindWritten } from '../core/bind-written';
import { keptAnswer, unsentFields } from '../core/kept-answer';
import { wouldWrite } from '../core/dry-run';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_SINK_UI,
  gateCreation,
} from '../core/creation-triggers';

const config = z.object({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  entity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/, 'Use the object name as Creatio spells it, e.g. Account')
    .default('Account'),
  ...CREATION_TRIGGER_FIELDS,
});

type Config = z.infer<typeof config>;

/** Columns Creatio fills itself; sending them back is noise at best. */
const SYSTEM = new Set(['Id', 'CreatedOn', 'CreatedById', 'ModifiedOn', 'ModifiedById', 'ProcessListeners']);

export function writableFields(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    // Expanded lookups arrive as objects; Creatio writes lookups by flat `XId` only (A7).
    if (SYSTEM.has(k) || k.includes('@odata') || (v !== null && typeof v === 'object')) continue;
    out[k] = v;
  }
  return out;
}

export const creatioSink = defineNode<typeof config, CreatioClient>({
  type: 'creatio.sink',
  version: 1,
  title: 'Write to Creatio',
  category: 'sink',
  description: 'Creates or updates records of one Creatio object. Linked records are updated; the others are created.',
  inputs: [{ name: 'in', label: 'Records', recordType: (c: Config) => `creatio.${c.entity}` }],
  outputs: [{ name: 'written', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', entity: 'Account', ...CREATION_TRIGGER_DEFAULTS },
  ui: {
    icon: 'C',
    color: '#0d6efd',
    fields: {
      connection: {
        label: 'Creatio connection',
        widget: 'connection',
        connectionKind: 'creatio',
        help: 'Which Creatio site to write to.',
      },
      entity: {
        label: 'Object',
        widget: 'text',
        placeholder: 'Account',
        help: 'The Creatio object to write, e.g. Account or Contact.',
      },
      ...CREATION_TRIGGER_SINK_UI,
    },
    summary: (c) => `create or update ${c.entity}`,
  },
  open: (ctx, c) => creatioClientFor(ctx, c.connection),
  async process(ctx, c, client, input) {
    // Seed §5.2: a record this sink would create waits until its creation trigger (or its source's) is met.
    const gate = gateCreation(c, input, { system: 'Creatio', entity: c.entity });
    // A deletion in the source (meta.deleted) is never written as an empty create or update.
    const results: RecordResult[] = [
      ...gate.skipped,
      ...gate.write
        .filter((r) => r.meta.deleted)
        .map((record): RecordResult => ({ record, outcome: 'skipped', failure: deletedSkip(c, record) })),
    ];
    const live = gate.write.filter((r) => !r.meta.deleted);
    // Writes Creatio answered before a crash (this page is being replayed) are done: not sent again.
    const keyed = await writeKeysOf(ctx, live, (r) => writableFields(r.data));
    const keys = new Map(live.map((r, i) => [r, keyed[i].key]));
    const acks = ctx.effects ? await ctx.effects.acknowledged([...keys.values()]) : new Map<string, Acknowledged>();
    const batch: FlowRecord[] = [];
    for (const record of live) {
      const a = acks.get(keys.get(record)!);
      if (!a) batch.push(record);
      else
        results.push({
          record: { ...record, meta: { ...record.meta, binding: bindingTo(c, record, a.targetId) } },
          outcome: replayedOutcome(record, a),
          port: 'written',
        });
    }
    if (ctx.dryRun) {
      // Issue 14: linked → PATCH (update), else POST (create), as below; no $batch goes out.
      for (const r of batch) results.push(wouldWrite(r, r.meta.binding?.targetId ? 'updated' : 'created', 'written'));
      return results;
    }
    for (const chunk of chunks(batch)) {
      const requests: BatchRequest[] = await Promise.all(
        chunk.map(async (r, n): Promise<BatchRequest> => {
          const targetId = r.meta.binding?.targetId;
          if (targetId)
            return { id: String(n), method: 'PATCH', url: `${c.entity}(${targetId})`, body: writableFields(r.data) };
          const Id = await idFromKey(ctx.effectKey(r));
          return { id: String(n), method: 'POST', url: c.entity, body: { ...writableFields(r.data), Id } };
        }),
      );
      // Creatio answers a PATCH with no content: what an update left in the fields the mapping left empty
      // is read in the same batch, after the writes (see `unsentRead`).
      const reads = chunk.flatMap((r, n) => unsentRead(c, r, String(n)) ?? []);
      // A failure of the whole call (network, sign-in) throws: the engine retries the batch.
      const answers = await client.batch([...requests, ...reads], { continueOnError: true });
      const done: (Acknowledged & { writeKey: string })[] = [];
      chunk.forEach((record, n) => {
        const a = answers.find((x) => x.id === String(n));
        const creating = requests[n].method === 'POST';
        const again = creating && a?.error && /PRIMARY KEY/.test(a.error.detail);
        if (!a || (a.error && !again))
          return results.push({ record, outcome: 'failed', failure: failureOf(c, record, creating, a?.error) });
        const targetId = creating ? String((requests[n].body as { Id: string }).Id) : record.meta.binding!.targetId!;
        const outcome = creating ? 'created' : 'updated';
        done.push({ writeKey: keys.get(record)!, targetId, op: outcome });
        // Creatio answers a create with the record as saved: its defaults (numbers at 0, empty lookups).
        const held = creating ? (again ? undefined : a.body) : answers.find((x) => x.id === `${n}.read`)?.body;
        const saved = isObject(held) ? keptAnswer(record, held, false) : undefined;
        results.push({
          record: {
            ...record,
            meta: { ...record.meta, binding: bindingTo(c, record, targetId), ...(saved ? { saved } : {}) },
          },
          outcome,
          port: 'written',
        });
      });
      // Acknowledged as the answer arrives: a crash from here on never sends these again.
      await ctx.effects?.acknowledge(done);
    }
    // Remember each link, so the next run (creatio.binding) updates instead of matching or creating again.
    await bindWritten(
      ctx,
      results
        .filter((r) => r.outcome === 'created' || r.outcome === 'updated')
        .map((r) => ({
          target: {
            connection: c.connection,
            entity: c.entity,
            sourceConnection: r.record.meta.source.connection ?? r.record.meta.source.system,
            sourceEntity: r.record.meta.source.entity,
          },
          sourceKey: r.record.key,
          targetId: r.record.meta.binding!.targetId!,
        })),
    );
    return results;
  },
});

/** At most 100 requests per batch (A8): a write, and the read after an update that left fields empty. */
function chunks(batch: FlowRecord[]): FlowRecord[][] {
  const out: FlowRecord[][] = [];
  let chunk: FlowRecord[] = [];
  let size = 0;
  for (const r of batch) {
    const n = r.meta.binding?.targetId && unsentColumns(r).length ? 2 : 1;
    if (size + n > 100) {
      out.push(chunk);
      chunk = [];
      size = 0;
    }
    chunk.push(r);
    size += n;
  }
  if (chunk.length) out.push(chunk);
  return out;
}

/**
 * The columns Weft owns but did not send (left empty, or written only when creating). A path into an expanded lookup or a list of lines (`Products[].Notes`,
 * written by a detail sink) is no column of this object: asking for it would fail the read.
 */
function unsentColumns(r: FlowRecord): string[] {
  return unsentFields(r).filter((f) => /^[A-Za-z_]\w*$/.test(f) && !SYSTEM.has(f));
}

/**
 * The read of an updated record's columns the mapping left empty. Not sent, so the update kept whatever they
 * held: the echo memory must know it, or a value Creatio already held there would pass for a person's change
 * and go back to the other side. Read in the same batch, after the writes: a change by someone else can hardly slip between.
 */
function unsentRead(c: Config, r: FlowRecord, n: string): BatchRequest | null {
  const targetId = r.meta.binding?.targetId;
  const columns = unsentColumns(r);
  if (!targetId || columns.length === 0) return null;
  return { id: `${n}.read`, method: 'GET', url: `${c.entity}(${targetId})?$select=${columns.join(',')}` };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function bindingTo(c: Config, record: FlowRecord, targetId: string) {
  return {
    system: 'creatio',
    entity: c.entity,
    connection: c.connection,
    targetId,
    matchedBy: record.meta.binding?.matchedBy ?? 'none',
  } as const;
}

/** A stable GUID for a create, from its idempotency key (SHA-256, shaped as a version-5-style UUID). */
export async function idFromKey(key: string): Promise<string> {
  const bytes = (await sha256(`creatio.sink:${key}`)).slice(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Creatio records are never deleted by Weft: a source deletion is skipped with what to do instead. */
function deletedSkip(c: Config, record: FlowRecord): RecordFailure {
  const src = record.meta.source;
  const system = connectionRegistry.get(src.system)?.label ?? src.system;
  const on = src.modifiedOn ? ` on ${src.modifiedOn.slice(0, 10)}` : '';
  return {
    code: 'weft.sink.deleted-in-source',
    message:
      `Skipped ${src.entity} ${record.key}: deleted in ${system}${on}; Weft does not delete ` +
      `Creatio records — mark it inactive by hand or map the deletion.`,
    action: `Find the linked Creatio ${c.entity} and mark it inactive (or delete it) by hand.`,
  };
}

function failureOf(c: Config, record: FlowRecord, creating: boolean, err?: CreatioError): RecordFailure {
  const label = String(record.data.Name ?? record.data.Title ?? record.key);
  const verb = creating ? 'create' : 'update';
  if (!err) {
    return {
      code: 'creatio.batch.no-answer',
      message: `Creatio gave no answer for ${c.entity} '${label}'.`,
      action: 'Run the flow again.',
      connection: true,
    };
  }
  const actions: Record<string, string> = {
    'bad-request': 'Fix the value or the field mapping, then rerun this record.',
    'not-found': creating
      ? 'Check that the Creatio object exists and is published.'
      : 'The linked Creatio record was deleted. Remove the link so the record is created again, or restore it in Creatio.',
    auth: "Check the Creatio connection's user and its rights on this object.",
    'rate-limit': 'Nothing to do: the record is retried on the next run.',
    server: err.permanent
      ? 'Correct the value (too long, or pointing to a missing record), then rerun this record.'
      : 'Retry later; if it repeats, send the detail to support.',
    network: 'Check that Creatio is reachable, then rerun.',
  };
  return {
    code: `creatio.${err.status || err.kind}`,
    message: `Could not ${verb} ${c.entity} '${label}': ${err.message}`,
    field: err.field,
    action: actions[err.kind],
    connection: err.kind === 'auth' || err.transient,
  };
}
