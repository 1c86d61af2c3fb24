// Mapping rows written "only when creating" (issue 15). A QuickBooks invoice → Creatio
// opportunity flow wrote the opportunity's Title and Notes on every update, so an analyst's
// edit of the title in Creatio was lost at the invoice's next change. A mapping row with
// `when: 'create'` is named in the record's `meta.createOnly`; every sink splits its batch
// into creates and updates in one place (`gateCreation`, creation-triggers.ts), which calls
// `asWritten` here: an update's data leaves those fields out (a Creatio PATCH, a QuickBooks
// Online sparse update, a Desktop Mod), a create keeps them. The echo ledger remembers the
// field an update left out as the target holds it (kept-answer.ts): an analyst's later edit
// of it is a change for the other flow of a pair, not an echo of Weft's update.
import type { FlowRecord } from '../define-node';
import { readPath, writePath } from './field-path';

/** The one test every sink makes: a record bound to a target record updates it; any other creates one. */
export function updatesTarget(record: FlowRecord): boolean {
  return Boolean(record.meta.binding?.targetId);
}

/** `data` without the field at `path`; an object the removal leaves empty goes too (no `BillAddr: {}` is sent). */
function without(data: Record<string, unknown>, parts: string[]): Record<string, unknown> {
  const [head, ...rest] = parts;
  if (!Object.hasOwn(data, head)) return data;
  const { [head]: inner, ...others } = data;
  if (!rest.length) return others;
  if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return data;
  const kept = without(inner as Record<string, unknown>, rest);
  return Object.keys(kept).length ? { ...others, [head]: kept } : others;
}

/**
 * The record as its sink writes it. An update: the create-only fields are left out of its data (their values
 * kept in `meta.leftOut`). A create: the data as mapped, with any value an earlier update attempt left out put
 * back (a record that failed as an update, unlinked by support and retried, is created whole).
 */
export function asWritten(record: FlowRecord): FlowRecord {
  const fields = record.meta.createOnly;
  if (!fields?.length) return record;
  if (updatesTarget(record)) {
    let data = record.data;
    const leftOut: Record<string, unknown> = { ...record.meta.leftOut };
    for (const f of fields) {
      const v = readPath(data, f);
      if (v === undefined) continue;
      leftOut[f] = v;
      data = without(data, f.split('.'));
    }
    if (data === record.data) return record;
    return { ...record, data, meta: { ...record.meta, leftOut } };
  }
  const back = record.meta.leftOut;
  if (!back || !Object.keys(back).length) return record;
  const data = structuredClone(record.data);
  for (const [f, v] of Object.entries(back)) if (readPath(data, f) === undefined) writePath(data, f, v);
  const { leftOut: _put, ...meta } = record.meta;
  return { ...record, data, meta };
}
