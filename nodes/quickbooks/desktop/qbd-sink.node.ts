// Sink: writes mapped records as QuickBooks Desktop objects of any catalogue
// entity (wire/qbxml-object-table.ts) through the Web Connector outbox. `<Object>Add` for
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
// The checks before sending: qbd-sink-checks.ts; the requests, their keys and
// the twin deletions: qbd-sink-requests.ts.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult } from '../../define-node';
import {
  COUNTRIES,
  countryProblems,
  editionHas,
  entityDef,
  hasCountryRules,
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
  type ObjectRet,
} from './qbd-lookup';
import { hresultFailure, statusFailure } from './qbd-status';
import type { CustomerMod, ObjectMod } from './qbxml-request';
import { precheck, recordLabel } from './qbd-sink-checks';
import { bindWritten } from '../../core/bind-written';
import { keptAnswer } from '../../core/kept-answer';
import { wouldWrite } from '../../core/dry-run';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_SINK_UI,
  gateCreation,
} from '../../core/creation-triggers';
import { externalGuid, isAdd, keyFor, removeTwins, requestFor, type Job } from './qbd-sink-requests';
import { typedRet } from './qbd-source.node.ts';

const config = z.object({
  connection: z.string().min(1, 'Choose the QuickBooks Desktop company file (add one under Connections).'),
  entity: z.enum(WRITABLE_ENTITIES).default('Customer'),
  ...CREATION_TRIGGER_FIELDS,
});
interface State {
  client: QbdClient;
  definedFields: Set<string>;
}

const SYSTEM = 'quickbooks-desktop';

export const qbdSinkNode = defineNode<typeof config, State>({
  type: 'quickbooks-desktop.sink',
  version: 1,
  title: 'QuickBooks Desktop',
  category: 'sink',
  description:
    'Creates or updates QuickBooks Desktop customers, vendors, items, accounts and transactions ' +
    'through the Web Connector; runs wait for it ("waiting for Web Connector") instead of ' +
    'failing.',
  inputs: [{ name: 'in', label: 'Mapped records', recordType: (c) => `quickbooks-desktop.${c.entity}` }],
  outputs: [{ name: 'done', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', entity: 'Customer', ...CREATION_TRIGGER_DEFAULTS },
  ui: {
    icon: 'qb',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      ...CREATION_TRIGGER_SINK_UI,
    },
    summary: (c) => `write ${c.entity} via Web Connector`,
  },
  open: async (ctx, c) => ({ client: await openQbdClient(ctx, c.connection), definedFields: new Set() }),
  process: async (ctx, c, state, batch) => {
    const d = entityDef(c.entity);
    const label = (r: FlowRecord) => recordLabel(d, r);
    // Seed §5.2: a record this sink would create waits until its creation trigger (or its source's) is met.
    const gate = gateCreation(c, batch, { system: 'QuickBooks Desktop', entity: c.entity });
    const results: RecordResult[] = [...gate.skipped];
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
    for (const record of gate.write) {
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
            message:
              `${edition} has no ${m.field} on ${d.name} "${label(record)}" — remove it from the mapping ` +
              `(it exists only in the ${m.only.join(', ')} edition${m.only.length > 1 ? 's' : ''}).`,
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

    if (ctx.dryRun) {
      // Issue 14: bound → <Object>Mod (update), else <Object>Add (create); no write request is queued
      // for the Web Connector. The reads above (country, EditSequence) did go through the outbox.
      for (const r of ready) results.push(wouldWrite(r, r.meta.binding?.targetId ? 'updated' : 'created', 'done'));
      return results;
    }
    const jobs: Job[] = await Promise.all(
      ready.map(async (record) => {
        const effect = ctx.effectKey(record);
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
      // QuickBooks' answer rides along (RefNumber, TxnLineIDs, amounts), for a write-back node, if one follows;
      // its lines also under the names a source reads them by (ItemLines, Lines), so the echo of this write is
      // remembered with the TxnLineID QuickBooks gave a new line (engine/run/push-page.ts); with no node after
      // the sink, only what it holds in the fields the mapping left empty, for the echo memory (kept-answer.ts).
      const kept = keptAnswer(j.record, { ...ret, ...linesAsRead(d, ret) }, !ctx.outputUnused);
      if (kept) j.record.meta.saved = kept;
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
        key: ctx.effectKey(r.record),
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

    await bindWritten(
      ctx,
      results
        .filter((r) => written.has(r))
        .map((r) => ({
          target: qbdXrefTarget(c.connection, c.entity, r.record),
          sourceKey: r.record.key,
          targetId: r.record.meta.binding!.targetId!,
          version: r.record.meta.binding!.version,
        })),
    );
    return results;
  },
});

/** A transaction's lines in QuickBooks' answer, under their alias and typed as `quickbooks-desktop.source` reads them. */
function linesAsRead(d: EntityDef, ret: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const l of d.lines ?? [])
    if (!l.keyed && ret[l.ret] !== undefined) out[l.alias] = typedRet([ret[l.ret]].flat(), l.ret);
  return out;
}
