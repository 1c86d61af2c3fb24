// Sink: writes mapped records as QuickBooks Desktop customers through the Web
// Connector outbox. CustomerAdd for unbound records; CustomerMod with the current
// EditSequence for bound ones (only the sent fields change; a stale EditSequence
// answers 3200 → re-query and apply again, reference C3/C4). All requests of a
// batch travel `continueOnError`, so a bad record fails alone with its status.
// Request keys come from the record's effect key and content: a rerun replays
// the stored answer instead of writing twice, and an Add carried twice (a session
// lost after QuickBooks saved it) is recognised by its 3100 and bound, not doubled.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordFailure, type RecordResult, type XrefTarget } from '../../define-node';
import { hashText, type QbdClient, type QbdResult } from './qbd-client';
import { openQbdClient } from './qbd-connection';
import { customersById, customersByName, normName, QbdQueryError, qbdXrefTarget, xrefKey, type CustomerRet } from './qbd-customers';
import { customFieldsOf, setCustomFields } from './qbd-data-ext';
import { hresultFailure, statusFailure } from './qbd-status';
import { unknownFields } from './qbxml-build';
import type { QbdRequest } from './qbxml-request';
import { CUSTOMER_ADD_ORDER } from './qbxml-schema';

const config = z.object({
  connection: z.string().min(1).default('qbd-sandbox'),
  entity: z.enum(['Customer']).default('Customer'),
});
interface State { client: QbdClient; definedFields: Set<string> }

const SYSTEM = 'quickbooks-desktop';
interface Job { record: FlowRecord; key: string; request: QbdRequest & { type: 'CustomerAdd' | 'CustomerMod' } }

const label = (r: FlowRecord) => String(r.data.Name ?? r.key);

function requestFor(record: FlowRecord, editSequence?: string): QbdRequest & { type: 'CustomerAdd' | 'CustomerMod' } {
  const b = record.meta.binding;
  return b?.targetId ? { type: 'CustomerMod', listId: b.targetId, editSequence: editSequence ?? String(b.version), fields: record.data } : { type: 'CustomerAdd', fields: record.data };
}

async function keyFor(effect: string, request: QbdRequest): Promise<string> {
  return `sink|${effect}|${await hashText(JSON.stringify(request))}`;
}

export const qbdSinkNode = defineNode<typeof config, State>({
  type: 'quickbooks-desktop.sink',
  version: 1,
  title: 'QuickBooks Desktop',
  category: 'sink',
  description: 'Creates or updates QuickBooks Desktop customers through the Web Connector; runs wait for it ("waiting for Web Connector") instead of failing.',
  inputs: [{ name: 'in', label: 'Mapped records', recordType: (c) => `quickbooks-desktop.${c.entity}` }],
  outputs: [{ name: 'done', label: 'Written', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: 'qbd-sandbox', entity: 'Customer' },
  ui: {
    icon: 'qb', color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company file', widget: 'connection', connectionKind: 'quickbooks-desktop' },
      entity: { label: 'QuickBooks object', widget: 'select' },
    },
    summary: (c) => `write ${c.entity} via Web Connector`,
  },
  open: async (ctx, c) => ({ client: await openQbdClient(ctx, c.connection), definedFields: new Set() }),
  process: async (ctx, c, state, batch) => {
    const results: RecordResult[] = [];
    const fail = (record: FlowRecord, failure: RecordFailure) => results.push({ record, outcome: 'failed', failure });
    const queryFailure = (e: unknown): RecordFailure => e instanceof QbdQueryError
      ? (e.hresult ? hresultFailure(e.hresult.hresult, e.hresult.message) : statusFailure(e.rs!, 'the customer look-up'))
      : { code: 'weft.qbd.unexpected', message: (e as Error).message, action: 'Report this to support with the run id.' };

    const ready: FlowRecord[] = [];
    const needSeq: FlowRecord[] = [];
    for (const record of batch) {
      const b = record.meta.binding;
      const bad = unknownFields(record.data, CUSTOMER_ADD_ORDER);
      if (b?.targetId && b.system !== SYSTEM) fail(record, { code: 'weft.qbd.binding-mismatch', message: `The record is bound to ${b.system} ${b.entity}, not QuickBooks Desktop ${c.entity}.`, action: 'Check that the binding node before this sink is the QuickBooks Desktop one.' });
      else if (bad.length) fail(record, { code: 'weft.qbd.unknown-field', field: bad[0], message: `QuickBooks Desktop customers have no field ${bad.join(', ')} (customer "${label(record)}").`, action: `Remove or rename ${bad.join(', ')} in the mapping; Desktop names fields as qbXML does (Name, CompanyName, BillAddress.Addr1, Phone…).` });
      else if (b?.targetId && !b.version) needSeq.push(record);
      else ready.push(record);
    }
    // Bound without an EditSequence (e.g. bound by hand): read the current one first.
    if (needSeq.length) {
      try {
        const current = await customersById(state.client, `seq|${ctx.runId}|${ctx.nodeId}|${await hashText(needSeq.map((r) => r.key).join(','))}`, needSeq.map((r) => r.meta.binding!.targetId!));
        for (const r of needSeq) {
          const hit = current.get(r.meta.binding!.targetId!);
          if (!hit) fail(r, { code: 'weft.qbd.target-missing', message: `QuickBooks Desktop customer ${r.meta.binding!.targetId} (bound to "${label(r)}") no longer exists.`, action: 'Remove the binding so the record is created again, or bind it to the right customer.' });
          else { r.meta.binding!.version = hit.EditSequence; ready.push(r); }
        }
      } catch (e) { for (const r of needSeq) fail(r, queryFailure(e)); }
    }

    const jobs: Job[] = await Promise.all(ready.map(async (record) => { const request = requestFor(record); return { record, request, key: await keyFor(await ctx.effectKey(record), request) }; }));
    let answers: QbdResult[] = await state.client.send(jobs.map((j) => ({ key: j.key, request: j.request })));

    // 3200: someone saved the customer since we read it. Re-query and apply our fields on the new EditSequence (once).
    const stale = jobs.map((j, i) => (answers[i].rs?.statusCode === 3200 && j.request.type === 'CustomerMod' ? i : -1)).filter((i) => i >= 0);
    if (stale.length) {
      try {
        const fresh = await customersById(state.client, `stale|${answers[stale[0]].key}|${stale.length}`, stale.map((i) => jobs[i].record.meta.binding!.targetId!));
        const redo = stale.filter((i) => fresh.has(jobs[i].record.meta.binding!.targetId!));
        const again = await state.client.send(await Promise.all(redo.map(async (i) => {
          jobs[i].request = requestFor(jobs[i].record, fresh.get(jobs[i].record.meta.binding!.targetId!)!.EditSequence);
          return { key: `${jobs[i].key}|es:${(jobs[i].request as { editSequence: string }).editSequence}`, request: jobs[i].request };
        })));
        answers = answers.map((a, i) => (redo.includes(i) ? again[redo.indexOf(i)] : a));
      } catch { /* the re-query failed: the 3200 answers stand and fail with their advice */ }
    }

    // 3100 on an Add carried more than once: our own earlier attempt saved it before its session was lost.
    const replayed = jobs.map((j, i) => (answers[i].rs?.statusCode === 3100 && answers[i].attempts > 1 && j.request.type === 'CustomerAdd' ? i : -1)).filter((i) => i >= 0);
    let saved = new Map<string, CustomerRet[]>();
    if (replayed.length) {
      try { saved = await customersByName(state.client, `replay|${answers[replayed[0]].key}`, replayed.map((i) => label(jobs[i].record))); } catch { /* fall back to the 3100 failure below */ }
    }

    jobs.forEach((j, i) => {
      const a = answers[i];
      const wasReplay = replayed.includes(i) ? saved.get(normName(label(j.record)))?.[0] : undefined;
      const ret = wasReplay ?? (a.rs && a.rs.statusSeverity !== 'Error' ? (a.rs.rets.find((r) => r['#kind'] === 'CustomerRet') as CustomerRet | undefined) : undefined);
      if (!ret) {
        if (a.error) return fail(j.record, hresultFailure(a.error.hresult, a.error.message));
        if (a.rs) return fail(j.record, statusFailure(a.rs, 'customer', label(j.record)));
        return fail(j.record, { code: 'weft.qbd.no-answer', message: `QuickBooks Desktop gave no answer for customer "${label(j.record)}".`, connection: true, action: 'Reprocess; the request is safe to send again.' });
      }
      j.record.meta.binding = { system: SYSTEM, entity: c.entity, connection: c.connection, targetId: ret.ListID, version: ret.EditSequence, matchedBy: j.record.meta.binding?.matchedBy ?? 'none' };
      results.push({ record: j.record, outcome: j.request.type === 'CustomerAdd' ? 'created' : 'updated', port: 'done' });
    });

    // Custom fields (record.data.DataExt, e.g. AccountID) once the customers exist.
    const withExt = results.filter((r) => (r.outcome === 'created' || r.outcome === 'updated') && Object.keys(customFieldsOf(r.record.data)).length);
    const extJobs = await Promise.all(withExt.map(async (r) => ({
      key: await ctx.effectKey(r.record), listId: r.record.meta.binding!.targetId!, created: r.outcome === 'created', label: label(r.record), fields: customFieldsOf(r.record.data),
    })));
    const extFailed = extJobs.length ? await setCustomFields(state.client, state.definedFields, extJobs) : new Map<string, RecordFailure>();
    const written = new Set(results.filter((r) => r.outcome === 'created' || r.outcome === 'updated'));
    withExt.forEach((r, i) => {
      const f = extFailed.get(extJobs[i].key);
      // The customer itself was written (and stays bound); the record fails so support sees the custom field.
      if (f) Object.assign(r, { outcome: 'failed', failure: f, port: undefined });
    });

    const bound = new Map<string, { target: XrefTarget; pairs: { sourceKey: string; targetId: string; version?: string }[] }>();
    for (const r of results) {
      if (!written.has(r)) continue;
      const target = qbdXrefTarget(c.connection, r.record);
      const g = bound.get(xrefKey(target)) ?? { target, pairs: [] };
      g.pairs.push({ sourceKey: r.record.key, targetId: r.record.meta.binding!.targetId!, version: r.record.meta.binding!.version });
      bound.set(xrefKey(target), g);
    }
    for (const g of bound.values()) await ctx.xref.bind(g.target, g.pairs);
    return results;
  },
});
