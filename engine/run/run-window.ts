// Where a source starts and stops reading (seed §6.3 "Query Starts", §6.1 bulk
// loads by date range):
// - the overlap window re-reads the last seconds before the watermark, so a record
//   stamped by a skewed clock (or committed late by a long transaction) is not
//   skipped; sinks are idempotent, so the re-read costs a write, never a duplicate;
// - a date range [from, to) bounds a utility run (DR, and each slice of a DRS).
// Watermarks are opaque to the engine except for the common `<ISO time>[|<key>]`
// form (nodes/define-node.ts SourcePage); other forms pass through unchanged.
// Times are moved in their own clock, never converted through UTC: a time without a
// zone is a wall-clock time of the source system's own clock (QuickBooks Desktop reads
// and writes its machine's local time, reference C3), and a date range is read in that
// clock as written (its zone dropped), as QuickBooks reads FromModifiedDate.
import type { FlowRecord } from '../../nodes/define-node';

export interface DateRange {
  /** Inclusive; ISO 8601 with a zone. */
  from?: string;
  /** Exclusive. */
  to?: string;
}

const TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?)(Z|[+-]\d\d:\d\d)?$/;

/** A time's digits as milliseconds on a zone-less line (its own clock), and its zone as written ('' = none). */
function ownClock(time: string): { ms: number; zone: string; fraction: boolean } | null {
  const m = TIME.exec(time);
  return m ? { ms: Date.parse(`${m[1]}Z`), zone: m[2] ?? '', fraction: m[1].length > 19 } : null;
}

/** Moves a time by `ms` in its own clock, keeping its zone as written (Z times come out as toISOString did). */
function moveTime(time: string, ms: number): string {
  const t = ownClock(time)!;
  const moved = new Date(t.ms + ms).toISOString();
  if (t.zone === 'Z') return moved;
  return `${t.fraction || moved.slice(19, 23) !== '.000' ? moved.slice(0, 23) : moved.slice(0, 19)}${t.zone}`;
}

/** The watermark a run hands the source: its progress moved back by the overlap, else the range start. */
export function startingPoint(watermark: string | null, overlapMs: number, range: DateRange | null): string | null {
  if (!watermark && range?.from) {
    // `from` is inclusive and sources continue strictly after a watermark: start 1 ms earlier.
    return moveTime(range.from, -1);
  }
  if (!watermark || overlapMs <= 0) return watermark;
  const [time, key] = watermark.split('|');
  if (!ownClock(time)) return watermark;
  // A zoned time drops its key (the overlap re-reads the records at it). A wall-clock time keeps it:
  // its source needs the key to tell which records of the window it has read (qbd-source.node.ts).
  return ownClock(time)!.zone || key === undefined
    ? moveTime(time, -overlapMs)
    : `${moveTime(time, -overlapMs)}|${key}`;
}

/** Splits the records of a page by the range's end; `done` once a record reached it (sources read in time order). */
export function clipToRange(records: FlowRecord[], range: DateRange | null): { inside: FlowRecord[]; done: boolean } {
  if (!range?.to) return { inside: records, done: false };
  const end = Date.parse(range.to);
  const endDigits = ownClock(range.to)?.ms ?? end;
  const before = (t: string) => {
    const c = ownClock(t);
    // A wall-clock record time is compared with the range's end as written (see the header).
    return c && !c.zone ? c.ms < endDigits : Date.parse(t) < end;
  };
  const inside = records.filter((r) => !r.meta.source.modifiedOn || before(r.meta.source.modifiedOn));
  return { inside, done: inside.length < records.length };
}

/** Splits [from, to) into `n` slices of equal time (seed §6.1 DRS: a date range split for parallel loads). */
export function splitRange(range: Required<DateRange>, n: number): Required<DateRange>[] {
  const a = Date.parse(range.from);
  const b = Date.parse(range.to);
  if (!(a < b))
    throw new Error(`The date range ${range.from} – ${range.to} is empty: the start must be before the end.`);
  const step = (b - a) / n;
  // Slice bounds keep the range's own clock (same instants), so a wall-clock source reads the digits typed.
  const same = ownClock(range.from)?.zone === ownClock(range.to)?.zone;
  const at = (ms: number) => (same ? moveTime(range.from, ms - a) : new Date(ms).toISOString());
  return Array.from({ length: n }, (_, i) => ({
    from: at(Math.round(a + i * step)),
    to: i === n - 1 ? (same ? range.to : new Date(b).toISOString()) : at(Math.round(a + (i + 1) * step)),
  }));
}

/**
 * A bulk load's batch size (seed §6.1 DR: "a date range and batch size"): source
 * pages are cut into batches of `size`; only a page's last batch carries its
 * watermark, so a crash mid-page re-reads the page, never skips part of it.
 */
export async function* rebatch<P extends { records: FlowRecord[]; watermark: string | null }>(
  pages: AsyncIterable<P>,
  size: number | undefined,
): AsyncGenerator<P> {
  for await (const page of pages) {
    if (!size || page.records.length <= size) {
      yield page;
      continue;
    }
    for (let i = 0; i < page.records.length; i += size) {
      const last = i + size >= page.records.length;
      yield { ...page, records: page.records.slice(i, i + size), watermark: last ? page.watermark : null };
    }
  }
}
