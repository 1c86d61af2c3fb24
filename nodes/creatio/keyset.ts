// Keyset paging for incremental reads (external-apis.md A6: no server-driven paging;
// page with $top and a stable $orderby). The order is `<field> asc, Id asc` — ModifiedOn
// then Id, the order Creatio's own tooling pages by (clio ODataReadTool; reference A6).
// A page continues with `field ge X` and leaves out the rows already read *at* X by
// `Id ne …`: a range over a date is documented OData 4 on Creatio (A5), and so is Guid
// equality (`Account/Id eq …`), while `gt` over a Guid is not shown to work there (MS SQL
// orders uniqueidentifier by its own byte order), so the position never orders Ids.
// The range on the indexed field lets the database seek to X whatever the table's size;
// the exclusions only touch the tie at X (rows saved in the same 100 ns). A row of the
// tie that changes between two pages (or runs) leaves it: `gt X` takes it back in (a `$skip` over the tie would then
// skip one row too many, and lose it). A tie longer than MAX_TIE_IDS keeps its first ids
// and `$skip`s the rest, in Id order. A record changed while we page gets a newer
// timestamp and shows up again later.
// Timestamps stay strings: Creatio has 7 fractional digits and a JS Date keeps 3, so a
// watermark round-tripped through Date would re-read or skip.
import { isGuid, isTimestamp } from './odata-literal';

/** Ids of a tie kept in a position (URLs stay a few kB); more rows of one tie are skipped by count. */
export const MAX_TIE_IDS = 50;

export interface Watermark {
  value: string;
  /** Rows already read whose field equals `value` (none: continue strictly after `value`). */
  ids?: string[];
  /** Rows of the tie read past `ids` (a tie longer than MAX_TIE_IDS). */
  skip?: number;
}

/** `2026-01-05T09:00:00.1234567Z|<ids read at that time>[|<more read>]` → parts; null for an empty watermark. */
export function parseWatermark(text: string | null | undefined): Watermark | null {
  if (!text) return null;
  const [value, list, more] = text.split('|');
  if (!isTimestamp(value))
    throw new Error(
      `The saved position '${text}' does not start with a date and time with a zone (e.g. 2026-01-05T09:00:00Z).`,
    );
  if (!list) return { value };
  const ids = list.split(',');
  if (!ids.every(isGuid) || (more !== undefined && !/^\d+$/.test(more))) {
    throw new Error(`The saved position '${text}' has an id that is not a GUID.`);
  }
  return { value, ids: ids.map((id) => id.toLowerCase()), ...(more ? { skip: Number(more) } : {}) };
}

export function formatWatermark(mark: Watermark): string {
  return `${mark.value}|${(mark.ids ?? []).join(',')}${mark.skip ? `|${mark.skip}` : ''}`;
}

/** The `$filter` part (and `$skip`) that continue after a watermark. */
export function keysetFilter(field: string, mark: Watermark | null): { filter?: string; skip?: number } {
  if (!mark) return {};
  if (!mark.ids?.length) return { filter: `${field} gt ${mark.value}` };
  // The exclusions apply to the tie only: a row read at X that changed since has a later value and
  // must be read again (`ge X and Id ne a` left it out on every later run, until another row moved X).
  const notRead = mark.ids.map((id) => `Id ne ${id}`).join(' and ');
  return {
    filter: `${field} ge ${mark.value} and (${field} gt ${mark.value} or (${notRead}))`,
    ...(mark.skip ? { skip: mark.skip } : {}),
  };
}

/** The watermark after a page read from `mark`: the last value, and the rows of the page (and before) at it. */
export function nextWatermark(mark: Watermark | null, rows: { value: string; id: string }[]): Watermark {
  const last = rows[rows.length - 1].value;
  let i = rows.length;
  while (i > 0 && rows[i - 1].value === last) i--;
  // The whole page sat in the tie we started in: the rows read at it before count too.
  const before = i === 0 && mark?.value === last ? mark : null;
  const ids = [...(before?.ids ?? []), ...rows.slice(i).map((r) => r.id.toLowerCase())];
  const skip = (before?.skip ?? 0) + Math.max(0, ids.length - MAX_TIE_IDS);
  return { value: last, ids: ids.slice(0, MAX_TIE_IDS), ...(skip ? { skip } : {}) };
}

/** AND together the analyst's filter and ours, each in parentheses. */
export function andFilters(...parts: (string | undefined)[]): string | undefined {
  const present = parts.map((p) => p?.trim()).filter((p): p is string => !!p);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : present.map((p) => `(${p})`).join(' and ');
}
