// Where a source starts and stops reading (seed §6.3 "Query Starts", §6.1 bulk
// loads by date range):
// - the overlap window re-reads the last seconds before the watermark, so a record
//   stamped by a skewed clock (or committed late by a long transaction) is not
//   skipped; sinks are idempotent, so the re-read costs a write, never a duplicate;
// - a date range [from, to) bounds a utility run (DR, and each slice of a DRS).
// Watermarks are opaque to the engine except for the common `<ISO time>[|<key>]`
// form (nodes/define-node.ts SourcePage); other forms pass through unchanged.
import type { FlowRecord } from '../../nodes/define-node';

export interface DateRange {
  /** Inclusive; ISO 8601 with a zone. */
  from?: string;
  /** Exclusive. */
  to?: string;
}

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

/** The watermark a run hands the source: its progress moved back by the overlap, else the range start. */
export function startingPoint(watermark: string | null, overlapMs: number, range: DateRange | null): string | null {
  if (!watermark && range?.from) {
    // `from` is inclusive and sources continue strictly after a watermark: start 1 ms earlier.
    return new Date(Date.parse(range.from) - 1).toISOString();
  }
  if (!watermark || overlapMs <= 0) return watermark;
  const time = watermark.split('|')[0];
  if (!ISO.test(time)) return watermark;
  return new Date(Date.parse(time) - overlapMs).toISOString();
}

/** Splits the records of a page by the range's end; `done` once a record reached it (sources read in time order). */
export function clipToRange(records: FlowRecord[], range: DateRange | null): { inside: FlowRecord[]; done: boolean } {
  if (!range?.to) return { inside: records, done: false };
  const end = Date.parse(range.to);
  const inside = records.filter((r) => !r.meta.source.modifiedOn || Date.parse(r.meta.source.modifiedOn) < end);
  return { inside, done: inside.length < records.length };
}

/** Splits [from, to) into `n` slices of equal time (seed §6.1 DRS: a date range split for parallel loads). */
export function splitRange(range: Required<DateRange>, n: number): Required<DateRange>[] {
  const a = Date.parse(range.from);
  const b = Date.parse(range.to);
  if (!(a < b)) throw new Error(`The date range ${range.from} – ${range.to} is empty: the start must be before the end.`);
  const step = (b - a) / n;
  return Array.from({ length: n }, (_, i) => ({
    from: new Date(Math.round(a + i * step)).toISOString(),
    to: i === n - 1 ? new Date(b).toISOString() : new Date(Math.round(a + (i + 1) * step)).toISOString(),
  }));
}

/**
 * A bulk load's batch size (seed §6.1 DR: "a date range and batch size"): source
 * pages are cut into batches of `size`; only a page's last batch carries its
 * watermark, so a crash mid-page re-reads the page, never skips part of it.
 */
export async function* rebatch<P extends { records: FlowRecord[]; watermark: string | null }>(pages: AsyncIterable<P>, size: number | undefined): AsyncGenerator<P> {
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
