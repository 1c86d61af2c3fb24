// Catch-up by Change Data Capture (reference B6) for the QuickBooks Online source,
// when its config says `changes: 'cdc'`. CDC costs one request per run for up to
// 1000 changes and is the only way QuickBooks tells us about deleted rows; but it
// looks back at most 30 days, cannot filter (`where`), skips a few entities and
// answers at most 1000 objects with no way to page. So:
// - watermark within 30 days minus a day (clock skew, a long run) → one CDC call,
//   cut into pages of `pageSize` with the same `<time>|<Id.SyncToken,…>` marks the
//   query path writes, so a restart (or a later query-mode run) continues exactly;
// - no watermark, an older one, a `where`, or an entity CDC does not cover → the
//   query path, and the node says why (deletions in between are not seen);
// - an answer of 1000 objects may hide others → the query path reads that window
//   (it pages, so no live row is lost); with `includeDeleted`, deletions are gathered
//   by CDC calls from later and later times and merged in by time.
import type { QboClient, QboObject } from './qbo-client';
import { QboError } from './qbo-error';

export interface QboMark {
  time: string;
  ids: string[];
}
export interface QboPage {
  rows: QboObject[];
  mark: QboMark;
}

export interface CdcReadOptions {
  entity: string;
  where: string;
  includeInactive: boolean;
  includeDeleted: boolean;
  pageSize: number;
  /** The query path from a mark (qbo-source's `changedPages`). */
  queryPages: (start: QboMark | null) => AsyncIterable<QboPage>;
  now: Date;
  /** Shown on the node; null clears it. */
  say: (text: string | null) => void;
}

export const CDC_MAX_OBJECTS = 1000;
const LOOK_BACK_MS = 30 * 86_400_000;
const MARGIN_MS = 86_400_000;
const NOT_IN_CDC = new Set(['JournalCode', 'TaxAgency', 'TimeActivity', 'TaxCode', 'TaxRate']);

// The same keys and times as qbo-source's query path: both write one watermark format.
const seenKey = (r: QboObject) => `${String(r.Id)}.${String(r.SyncToken ?? '')}`;
const updated = (r: QboObject) =>
  String((r.MetaData as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime ?? '');
const at = (r: QboObject) => Date.parse(updated(r));
export const isDeletedRow = (r: QboObject) => r.status === 'Deleted';
const byTime = (a: QboObject, b: QboObject) => at(a) - at(b) || Number(a.Id) - Number(b.Id);
/** Not yet read: later than the mark, or in its second and not among its ids. */
const afterMark = (m: QboMark) => {
  const seen = new Set(m.ids);
  const from = Date.parse(m.time);
  return (r: QboObject) => at(r) > from || (at(r) === from && !seen.has(seenKey(r)));
};

/** Why CDC cannot serve this read, or null when it can. */
export function cdcRefusal(o: Pick<CdcReadOptions, 'entity' | 'where' | 'now'>, start: QboMark | null): string | null {
  const tail = 'reading changes by query (deleted records are not seen)';
  if (NOT_IN_CDC.has(o.entity)) return `QuickBooks change data capture does not cover ${o.entity}: ${tail}.`;
  if (o.where.trim()) return `Change data capture cannot apply "Only records where": ${tail}.`;
  if (!start) return 'First run: reading every record by query; later runs read changes by change data capture.';
  if (o.now.getTime() - Date.parse(start.time) > LOOK_BACK_MS - MARGIN_MS) {
    return `Last read up to ${start.time}, beyond the 30 days QuickBooks change data capture looks back: ${tail}.`;
  }
  return null;
}

/** The mark after `rows` (sorted by time), continuing `prev` when they end in its second. */
function nextMark(prev: QboMark | null, rows: QboObject[]): QboMark {
  const last = updated(rows[rows.length - 1]);
  const atLast = rows.filter((r) => at(r) === Date.parse(last)).map(seenKey);
  return { time: last, ids: prev && Date.parse(prev.time) === Date.parse(last) ? [...prev.ids, ...atLast] : atLast };
}

function* pagesOf(rows: QboObject[], start: QboMark | null, size: number): Generator<QboPage> {
  let mark = start;
  for (let i = 0; i < rows.length; i += size) {
    const page = rows.slice(i, i + size);
    mark = nextMark(mark, page);
    yield { rows: page, mark };
  }
}

/** A refusal of the look-back itself (our clock ahead of Intuit's, or a company-time quirk). */
const tooOld = (e: unknown) =>
  e instanceof QboError && e.status === 400 && /older than|30 days|look-?back/i.test(`${e.detail} ${e.message}`);

/** Rows changed after `start`, in time order: CDC when it can answer, else the query path. */
export async function* cdcChangedPages(
  client: QboClient,
  o: CdcReadOptions,
  start: QboMark | null,
): AsyncGenerator<QboPage> {
  const refusal = cdcRefusal(o, start);
  if (refusal || !start) {
    o.say(refusal);
    yield* o.queryPages(start);
    return;
  }
  let answer: QboObject[];
  try {
    // A second early: QuickBooks may compare `changedSince` exclusively or with milliseconds.
    answer = (await client.cdc([o.entity], new Date(Date.parse(start.time) - 1000)))[o.entity] ?? [];
  } catch (e) {
    if (!tooOld(e)) throw e;
    o.say(
      `QuickBooks refused change data capture from ${start.time} (older than it keeps): reading changes by query (deleted records are not seen).`,
    );
    yield* o.queryPages(start);
    return;
  }
  const rows = answer
    .filter(afterMark(start))
    // The query path hides inactive names unless asked; CDC lists them: keep the two alike.
    .filter((r) => o.includeInactive || r.Active !== false)
    .filter((r) => o.includeDeleted || !isDeletedRow(r))
    .sort(byTime);
  if (answer.length < CDC_MAX_OBJECTS) {
    o.say(null);
    yield* pagesOf(rows, start, o.pageSize);
    return;
  }
  const deletions = o.includeDeleted
    ? await deletionsAfter(client, o.entity, answer)
    : { rows: [], calls: 1, complete: true };
  o.say(
    `${CDC_MAX_OBJECTS} or more ${o.entity} changes since ${start.time}, more than change data capture answers at once: reading them by query${
      !o.includeDeleted
        ? ''
        : deletions.complete
          ? `, deletions over ${deletions.calls} change data capture calls`
          : `; deletions after the first ${deletions.calls * CDC_MAX_OBJECTS} changes may be missed`
    }.`,
  );
  yield* withDeletions(o.queryPages(start), deletions.rows.filter(afterMark(start)).sort(byTime), start, o.pageSize);
}

const MAX_CALLS = 20;

/**
 * The deleted rows of a capped answer and of later ones, each asked from the newest
 * time of the one before, until an answer is not full. This narrows only if
 * QuickBooks keeps the oldest changes of a full answer (the sandbox does; Intuit
 * does not say [?]); live rows never depend on it, they come from the query.
 */
async function deletionsAfter(
  client: QboClient,
  entity: string,
  first: QboObject[],
): Promise<{ rows: QboObject[]; calls: number; complete: boolean }> {
  const byId = new Map<string, QboObject>();
  const keep = (rows: QboObject[]) => rows.filter(isDeletedRow).forEach((r) => byId.set(String(r.Id), r));
  keep(first);
  let answer = first;
  let calls = 1;
  while (calls < MAX_CALLS) {
    const top = Math.max(...answer.map(at));
    answer = (await client.cdc([entity], new Date(top - 1000)))[entity] ?? [];
    calls++;
    keep(answer);
    if (answer.length < CDC_MAX_OBJECTS) return { rows: [...byId.values()], calls, complete: true };
    if (Math.max(...answer.map(at)) <= top) break; // a thousand changes in one second: no narrower window
  }
  return { rows: [...byId.values()], calls, complete: false };
}

/** Query pages with the known deletions merged in by time; marks cover both, so a restart repeats neither. */
async function* withDeletions(
  pages: AsyncIterable<QboPage>,
  deletions: QboObject[],
  start: QboMark,
  size: number,
): AsyncGenerator<QboPage> {
  let rest = deletions;
  let mark: QboMark = start;
  for await (const page of pages) {
    const until = Date.parse(page.mark.time);
    const now = rest.filter((d) => at(d) <= until);
    rest = rest.filter((d) => at(d) > until);
    const rows = [...page.rows, ...now].sort((a, b) => at(a) - at(b)); // stable: the query's own order within a second
    mark = nextMark(mark, rows);
    yield { rows, mark };
  }
  yield* pagesOf(rest, mark, size);
}
