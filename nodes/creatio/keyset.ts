// Keyset paging for incremental reads (external-apis.md A6: no server-driven paging;
// page with $top and a stable $orderby). Ordered by `<field>,Id` and continued with
// `field gt X or (field eq X and Id gt G)`, a record changed while we page gets a
// newer timestamp and shows up again later instead of shifting a $skip window and
// being skipped. Timestamps stay strings: Creatio has 7 fractional digits and a JS
// Date keeps 3, so a watermark round-tripped through Date would re-read or skip.
import { isGuid, isTimestamp } from './odata-literal';

export interface Watermark {
  value: string;
  id?: string;
}

/** `2026-01-05T09:00:00.1234567Z|<guid>` → parts; null for an empty watermark. */
export function parseWatermark(text: string | null | undefined): Watermark | null {
  if (!text) return null;
  const [value, id] = text.split('|');
  if (!isTimestamp(value)) throw new Error(`The saved position '${text}' does not start with a date and time with a zone (e.g. 2026-01-05T09:00:00Z).`);
  if (id && !isGuid(id)) throw new Error(`The saved position '${text}' has an id that is not a GUID.`);
  return { value, id: id || undefined };
}

export function formatWatermark(value: string, id: string): string {
  return `${value}|${id}`;
}

/** The `$filter` part that continues after a watermark. */
export function keysetFilter(field: string, mark: Watermark | null): string | undefined {
  if (!mark) return undefined;
  if (!mark.id) return `${field} gt ${mark.value}`;
  // Same rows as `field gt X or (field eq X and Id gt G)`, but led by a range on the
  // indexed field: a database seeks to X instead of walking the index from the start
  // and filtering (measured on the sandbox: 1.6 ms instead of 10 ms a page at 100k,
  // worse the further the load has gone).
  return `(${field} ge ${mark.value} and (${field} gt ${mark.value} or Id gt ${mark.id.toLowerCase()}))`;
}

/** AND together the analyst's filter and ours, each in parentheses. */
export function andFilters(...parts: (string | undefined)[]): string | undefined {
  const present = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((p) => `(${p})`).join(' and ');
}
