// Sink: writes mapped records as QuickBooks Desktop objects of any catalogue
// entity (wire/qbxml-objects.ts) through the Web Connector outbox. `<Object>Add` for
// unbound records; `<Object>Mod` with the current EditSequence for bound ones
// (only the sent fields change; a stale EditSequence answers 3200 → re-query and
// apply again, once; reference C3/C4). All requests of a batch travel
// `continueOnError`, so a bad record fails alone with its status. Records are
// checked first against the catalogue — unknown fields, limits (3070, never
// truncated), fields the company file's country edition does not have — and
// fail alone without being sent.
// Request keys come from the record's effect key and content: a rerun replays
// the stored answer instead of writing twice, and a list Add carried twice (a
// session lost after QuickBooks saved it) is recognised by its 3100 and bound.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult, type XrefTarget } from '../../define-node';
import {
  COUNTRIES,
  countryProblems,
  editionHas,
  entityDef,
  hasCountryRules,
  limitOf,
  overLimit,
  unknownFields,
  WRITABLE_ENTITIES,
  type EntityDef,
} from './qbd-catalogue';
import { hashText, type QbdClient, type QbdResult } from './qbd-client';
import { openQbdClient } from './qbd-connection';
import { customFieldsOf, setCustomFields } from './qbd-data-ext';
import {
  normName,
  QbdQueryError,
  qbdXrefTarget,
  recordsById,
  recordsByMatch,
  retId,
  xrefKey,
  type ObjectRet,
} from './qbd-lookup';
import { hresultFailure, statusFailure } from './qbd-status';
import type { CustomerAdd, CustomerMod, ObjectAdd, ObjectMod } from './qbxml-request';
import { findBadText, nonXmlCharacter, visibleNul } from '../../core/text-characters';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Desktop company file (add one under Connections).'),
  entity: z.enum(WRITABLE_ENTITIES).default('Customer'),
});
interface State {
  client: QbdClient;
  definedFields: Set<string>;
}

const SYSTEM = 'quickbooks-desktop';
type Write = ObjectAdd | ObjectMod | CustomerAdd | CustomerMod;
const isAdd = (w: Write) => w.type === 'Add' || w.type === 'CustomerAdd';
interface Job {
  record: FlowRecord;
  key: string;
  request: Write;
}

export const recordLabel = (d: EntityDef, r: FlowRecord) => String((d.match && r.data[d.match]) ?? r.key);

/** `{8-4-4-4-12}` from the record's effect key: the same record version always carries the same ExternalGUID. */
async function externalGuid(effect: string): Promise<string> {
  const h = (await hashText(`guid|${effect}`, 32)).toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}}`;
}

function requestFor(d: EntityDef, record: FlowRecord, editSequence?: string, guid?: string): Write {
  const b = record.meta.binding;
  // Customers keep their own request types: request keys (replay of stored answers) stay as they were.
  if (d.name === 'Customer')
    return b?.targetId
      ? {
          type: 'CustomerMod',
          listId: b.targetId,
          editSequence: editSequence ?? String(b.version),
          fields: record.data,
        }
      : { type: 'CustomerAdd', fields: record.data };
  if (b?.targetId)
    return {
      type: 'Mod',
      object: d.name,
      id: b.targetId,
      editSequence: editSequence ?? String(b.version),
      fields: record.data,
    };
  return {
    type: 'Add',
    object: d.name,
    fields:
      d.kind === 'txn' && guid && record.data.ExternalGUID === undefined
        ? { ...record.data, ExternalGUID: guid }
        : record.data,
  };
}

async function keyFor(effect: string, request: Write): Promise<string> {
  return `sink|${effect}|${await hashText(JSON.stringify(request))}`;
}

/** What is wrong with a record before anything is sent, or null. */
function precheck(d: EntityDef, record: FlowRecord): RecordFailure | null {
  const label = recordLabel(d, record);
  const bad = unknownFields(d, record.data);
  if (bad.length)
    return {
      code: 'weft.qbd.unknown-field',
      field: bad[0],
      message: `QuickBooks Desktop ${d.name} records have no field ${bad.join(', ')} (${d.name} "${label}").`,
      action: `Remove or rename ${bad.join(', ')} in the mapping; Desktop names fields as qbXML does (${(d.add ?? []).slice(0, 4).join(', ')}…).`,
    };
  // XML 1.0 carries no control character but TAB, LF and CR (w3.org/TR/xml/#charsets): QuickBooks
  // would refuse the whole request set's XML (0x80040400), so the record fails alone here, visibly.
  const odd = findBadText(record.data, nonXmlCharacter);
  if (odd)
    return {
      code: 'weft.qbd.xml-character',
      field: odd.field,
      message: `${d.name} "${visibleNul(label)}" was not sent: the field "${odd.field}" contains ${odd.what}, which QuickBooks Desktop cannot take (qbXML is XML 1.0).`,
      action: `Remove it from ${odd.field} in the source, then reprocess.`,
    };
  const long = overLimit(d, record.data);
  if (long) {
    const max = limitOf(d, long.field.split('.').pop()!) ?? limitOf(d, 'FullName');
    return {
      code: 'qbd.3070',
      field: long.field,
      message: `${d.name} "${label}" was not sent: the string "${long.value}" in the field "${long.field}" is too long for QuickBooks Desktop (${[...long.value].length} characters, at most ${max}).`,
      action: `Shorten ${long.field} in the source, or map a shorter value, then reprocess. Weft never truncates it for you.`,
    };
  }
  return null;
}

/**
 * A transaction Add carried twice (its first session was lost after QuickBooks
 * saved it) is saved twice: transactions have no unique name to answer 3100. Both
 * carry the record's ExternalGUID; the one not answered to us is deleted (TxnDel).
 * Found through the RefNumber, so objects without one (Deposit, TimeTracking) are not covered.
 */
async function removeTwins(client: QbdClient, d: EntityDef, jobs: Job[], answers: QbdResult[]): Promise<void> {
  const guidOf = (j: Job) => (j.request.type === 'Add' ? String(j.request.fields.ExternalGUID ?? '') : '');
  const resent = jobs
    .map((j, i) =>
      d.kind === 'txn' &&
      d.match === 'RefNumber' &&
      guidOf(j) &&
      j.record.data.RefNumber &&
      answers[i].attempts > 1 &&
      answers[i].rs?.statusSeverity !== 'Error' &&
      answers[i].rs
        ? i
        : -1,
    )
    .filter((i) => i >= 0);
  if (!resent.length) return;
  try {
    const found = await recordsByMatch(
      client,
      d,
      `twins|${answers[resent[0]].key}`,
      resent.map((i) => String(jobs[i].record.data.RefNumber)),
    );
    const dels = [];
    for (const i of resent) {
      const kept = answers[i].rs!.rets.find((r) => r['#kind'] === `${d.name}Ret`) as ObjectRet | undefined;
      for (const hit of found.get(normName(jobs[i].record.data.RefNumber)) ?? []) {
        if (kept && hit.ExternalGUID === guidOf(jobs[i]) && retId(d, hit) !== retId(d, kept))
          dels.push({
            key: `twin-del|${retId(d, hit)}`,
            request: { type: 'Del' as const, object: d.name, id: retId(d, hit) },
          });
      }
    }
    if (dels.length) await client.send(dels);
  } catch {
    /* the twin stays; support sees two transactions with one ExternalGUID */
  }
}

export const qbdSinkNode = defineNode<typeof config, State>({
  type: 'quickbooks-desktop.sink',
  version: 1,
  title: 'QuickBooks Desktop',
  category: 'sink',
  description:
    'Creates or updates QuickBooks Desktop customers, vendors, items, accounts and transactions through the Web Connector; runs wait for it ("waiting for Web Connector") instead of failing.',
  inputs: [{ name: 'in', label: 'Mapped records', recordType: (c) => `quickbooks-desktop.${c.entity}` }],
  outputs: [{ name: 'done', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', entity: 'Customer' },
  ui: {
    icon: 'qb',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
    },
    summary: (c) => `write ${c.entity} via Web Connector`,
  },
  open: async (ctx, c) => ({ client: await openQbdClient(ctx, c.connection), definedFields: new Set() }),
  process: async (ctx, c, state, batch) => {
    const d = entityDef(c.entity);
    const label = (r: FlowRecord) => recordLabel(d, r);
    const results: RecordResult[] = [];
    const fail = (record: FlowRecord, failure: RecordFailure) => results.push({ record, outcome: 'failed', failure });
    const queryFailure = (e: unknown): RecordFailure =>
      e instanceof QbdQueryError
        ? e.hresult
          ? hresultFailure(e.hresult.hresult, e.hresult.message)
          : statusFailure(e.rs!, `the ${d.name} look-up`)
        : {
            code: 'weft.qbd.unexpected',
            message: (e as Error).message,
            action: 'Report this to support with the run id.',
          };

    let checked: FlowRecord[] = [];
    for (const record of batch) {
      const b = record.meta.binding;
      const problem =
        b?.targetId && b.system !== SYSTEM
          ? {
              code: 'weft.qbd.binding-mismatch',
              message: `The record is bound to ${b.system} ${b.entity}, not QuickBooks Desktop ${c.entity}.`,
              action: 'Check that the binding node before this sink is the QuickBooks Desktop one.',
            }
          : precheck(d, record);
      if (problem) fail(record, problem);
      else checked.push(record);
    }
    // Country editions (HostQuery's Country): a field the edition lacks would fail the whole set to parse there.
    // Asked only when a record fills a field some edition lacks (or the object is not in every edition): plain customer flows never wait for it.
    const usesRestricted = (r: FlowRecord) => COUNTRIES.some((x) => countryProblems(d, r.data, x).length > 0);
    if (checked.length && hasCountryRules(d) && (d.editions || checked.some(usesRestricted))) {
      const country = await state.client.country();
      if (country) {
        checked = checked.filter((record) => {
          const edition = `QuickBooks Desktop (${country} edition)`;
          if (!editionHas(d, country)) {
            fail(record, {
              code: 'weft.qbd.country',
              message: `${edition} has no ${d.name} records (${d.name} "${label(record)}").`,
              action: `Write this record to another object, or remove this sink from flows for ${country} company files.`,
            });
            return false;
          }
          const missing = countryProblems(d, record.data, country);
          if (!missing.length) return true;
          const m = missing[0];
          fail(record, {
            code: 'weft.qbd.country',
            field: m.field,
            message: `${edition} has no ${m.field} on ${d.name} "${label(record)}" — remove it from the mapping (it exists only in the ${m.only.join(', ')} edition${m.only.length > 1 ? 's' : ''}).`,
            action: `Remove ${missing.map((x) => x.field).join(', ')} from the mapping for this company file, then reprocess.`,
          });
          return false;
        });
      }
    }

    const ready: FlowRecord[] = [];
    const needSeq: FlowRecord[] = [];
    for (const r of checked) (r.meta.binding?.targetId && !r.meta.binding.version ? needSeq : ready).push(r);
    // Bound without an EditSequence (e.g. bound by hand): read the current one first.
    if (needSeq.length) {
      try {
        const current = await recordsById(
          state.client,
          d,
          `seq|${ctx.runId}|${ctx.nodeId}|${await hashText(needSeq.map((r) => r.key).join(','))}`,
          needSeq.map((r) => r.meta.binding!.targetId!),
        );
        for (const r of needSeq) {
          const hit = current.get(r.meta.binding!.targetId!);
          if (!hit)
            fail(r, {
              code: 'weft.qbd.target-missing',
              message: `QuickBooks Desktop ${d.name} ${r.meta.binding!.targetId} (bound to "${label(r)}") no longer exists.`,
              action: 'Remove the binding so the record is created again, or bind it to the right one.',
            });
          else {
            r.meta.binding!.version = hit.EditSequence;
            ready.push(r);
          }
        }
      } catch (e) {
        for (const r of needSeq) fail(r, queryFailure(e));
      }
    }

    const jobs: Job[] = await Promise.all(
      ready.map(async (record) => {
        const effect = await ctx.effectKey(record);
        const request = requestFor(d, record, undefined, await externalGuid(effect));
        return { record, request, key: await keyFor(effect, request) };
      }),
    );
    let answers: QbdResult[] = await state.client.send(jobs.map((j) => ({ key: j.key, request: j.request })));

    // 3200: someone saved the record since we read it. Re-query and apply our fields on the new EditSequence (once).
    const stale = jobs
      .map((j, i) => (answers[i].rs?.statusCode === 3200 && !isAdd(j.request) ? i : -1))
      .filter((i) => i >= 0);
    if (stale.length) {
      try {
        const fresh = await recordsById(
          state.client,
          d,
          `stale|${answers[stale[0]].key}|${stale.length}`,
          stale.map((i) => jobs[i].record.meta.binding!.targetId!),
        );
        const redo = stale.filter((i) => fresh.has(jobs[i].record.meta.binding!.targetId!));
        const again = await state.client.send(
          await Promise.all(
            redo.map(async (i) => {
              jobs[i].request = requestFor(
                d,
                jobs[i].record,
                fresh.get(jobs[i].record.meta.binding!.targetId!)!.EditSequence,
              );
              return {
                key: `${jobs[i].key}|es:${(jobs[i].request as ObjectMod | CustomerMod).editSequence}`,
                request: jobs[i].request,
              };
            }),
          ),
        );
        answers = answers.map((a, i) => (redo.includes(i) ? again[redo.indexOf(i)] : a));
      } catch {
        /* the re-query failed: the 3200 answers stand and fail with their advice */
      }
    }

    // 3100 on a list Add carried more than once: our own earlier attempt saved it before its session was lost.
    const replayed = jobs
      .map((j, i) =>
        d.kind === 'list' && answers[i].rs?.statusCode === 3100 && answers[i].attempts > 1 && isAdd(j.request) ? i : -1,
      )
      .filter((i) => i >= 0);
    let saved = new Map<string, ObjectRet[]>();
    if (replayed.length) {
      try {
        saved = await recordsByMatch(
          state.client,
          d,
          `replay|${answers[replayed[0]].key}`,
          replayed.map((i) => label(jobs[i].record)),
        );
      } catch {
        /* fall back to the 3100 failure below */
      }
    }

    await removeTwins(state.client, d, jobs, answers);

    jobs.forEach((j, i) => {
      const a = answers[i];
      const wasReplay = replayed.includes(i) ? saved.get(normName(label(j.record)))?.[0] : undefined;
      const ret =
        wasReplay ??
        (a.rs && a.rs.statusSeverity !== 'Error'
          ? (a.rs.rets.find((r) => r['#kind'] === `${d.name}Ret`) as ObjectRet | undefined)
          : undefined);
      if (!ret) {
        if (a.error) return fail(j.record, hresultFailure(a.error.hresult, a.error.message));
        if (a.rs) return fail(j.record, statusFailure(a.rs, d.name, label(j.record)));
        return fail(j.record, {
          code: 'weft.qbd.no-answer',
          message: `QuickBooks Desktop gave no answer for ${d.name} "${label(j.record)}".`,
          connection: true,
          action: 'Reprocess; the request is safe to send again.',
        });
      }
      j.record.meta.binding = {
        system: SYSTEM,
        entity: c.entity,
        connection: c.connection,
        targetId: retId(d, ret),
        version: ret.EditSequence,
        matchedBy: j.record.meta.binding?.matchedBy ?? 'none',
      };
      // Amounts QuickBooks computed from the lines (TotalAmount, Subtotal…) go on with the record.
      if (d.total && ret[d.total] !== undefined) j.record.data = { ...j.record.data, [d.total]: Number(ret[d.total]) };
      results.push({ record: j.record, outcome: isAdd(j.request) ? 'created' : 'updated', port: 'done' });
    });

    // Custom fields (record.data.DataExt, e.g. AccountID) once the list records exist.
    const withExt = d.dataExt
      ? results.filter(
          (r) =>
            (r.outcome === 'created' || r.outcome === 'updated') && Object.keys(customFieldsOf(r.record.data)).length,
        )
      : [];
    const extJobs = await Promise.all(
      withExt.map(async (r) => ({
        key: await ctx.effectKey(r.record),
        listId: r.record.meta.binding!.targetId!,
        created: r.outcome === 'created',
        label: label(r.record),
        fields: customFieldsOf(r.record.data),
        object: d.dataExt!,
      })),
    );
    const extFailed = extJobs.length
      ? await setCustomFields(state.client, state.definedFields, extJobs)
      : new Map<string, RecordFailure>();
    const written = new Set(results.filter((r) => r.outcome === 'created' || r.outcome === 'updated'));
    withExt.forEach((r, i) => {
      const f = extFailed.get(extJobs[i].key);
      // The record itself was written (and stays bound); it fails so support sees the custom field.
      if (f) Object.assign(r, { outcome: 'failed', failure: f, port: undefined });
    });

    const bound = new Map<
      string,
      { target: XrefTarget; pairs: { sourceKey: string; targetId: string; version?: string }[] }
    >();
    for (const r of results) {
      if (!written.has(r)) continue;
      const target = qbdXrefTarget(c.connection, c.entity, r.record);
      const g = bound.get(xrefKey(target)) ?? { target, pairs: [] };
      g.pairs.push({
        sourceKey: r.record.key,
        targetId: r.record.meta.binding!.targetId!,
        version: r.record.meta.binding!.version,
      });
      bound.set(xrefKey(target), g);
    }
    for (const g of bound.values()) await ctx.xref.bind(g.target, g.pairs);
    return results;
  },
});
