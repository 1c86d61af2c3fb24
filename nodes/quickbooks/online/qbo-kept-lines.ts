// Lines QuickBooks keeps: an update of a QuickBooks Online transaction replaces all its lines with the Line array it
// sends, sparse or not (Intuit, Bill › Line and "Sparse update a bill":
// https://developer.intuit.com/app/developer/qbo/docs/api/accounting/all-entities/bill; likewise Purchase and
// PurchaseOrder; sandbox/quickbooks-online/txn-lines.ts does the same). A flow that owns only some lines (an
// opportunity's products are a purchase's item lines) would drop the others, e.g. an expense line to an account a
// bookkeeper added. So the sink reads the current transaction and sends those lines back as they are, with their Id.
import type { FlowRecord } from '../../define-node';
import type { QboClient, QboObject } from './qbo-client';
import { includeInactive } from './qbo-entities';
import { qboIn } from './qbo-query';

type Line = Record<string, unknown>;

/** The lines of `current` whose DetailType is kept and that the update does not send itself (by Id). */
export function keptLines(current: QboObject | undefined, sent: unknown, kept: readonly string[]): Line[] {
  if (!current || !Array.isArray(current.Line)) return [];
  const ids = new Set((Array.isArray(sent) ? (sent as Line[]) : []).map((l) => String(l?.Id ?? '')).filter(Boolean));
  return (current.Line as Line[]).filter((l) => kept.includes(String(l.DetailType)) && !ids.has(String(l.Id)));
}

/** An update body with the kept lines of `current` after the ones the mapping made. */
export function withKeptLines(body: QboObject, current: QboObject | undefined, kept: readonly string[]): QboObject {
  if (!kept.length || !Array.isArray(body.Line)) return body;
  const more = keptLines(current, body.Line, kept);
  return more.length ? { ...body, Line: [...(body.Line as Line[]), ...more] } : body;
}

/** The current versions of the transactions about to be updated, by Id (100 to a query). */
export async function currentObjects(
  client: QboClient,
  entity: string,
  ids: string[],
): Promise<Map<string, QboObject>> {
  const out = new Map<string, QboObject>();
  for (let i = 0; i < ids.length; i += 100) {
    const { rows } = await client.query(
      `select * from ${entity} where ${qboIn('Id', ids.slice(i, i + 100))}${includeInactive(entity)} maxresults 1000`,
    );
    for (const r of rows) out.set(String(r.Id), r);
  }
  return out;
}

/**
 * For the sink: the current version of each bound record whose update sends lines, when lines are kept. A read that
 * fails is thrown to the caller, which fails those records (their lines would otherwise be lost).
 */
export async function currentOfUpdates(
  client: QboClient,
  entity: string,
  kept: readonly string[],
  records: FlowRecord[],
): Promise<Map<string, QboObject>> {
  const ids = records
    .filter((r) => r.meta.binding?.targetId && Array.isArray(r.data.Line))
    .map((r) => r.meta.binding!.targetId!);
  return kept.length && ids.length ? currentObjects(client, entity, ids) : new Map();
}
