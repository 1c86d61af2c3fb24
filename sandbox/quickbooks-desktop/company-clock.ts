// QuickBooks Desktop's clock is the local clock of the machine the company file is
// open on, and it does not know its own UTC offset across daylight saving
// (reference C3; public issues jsgoupil/quickbooks-sync #19, #28, #33):
// - `TimeModified`/`TimeCreated` carry the local wall-clock time, which follows DST,
//   with the zone's *standard* offset all year ("2019-03-21T11:37:00-08:00" for a
//   Pacific file in March: the digits are PDT, the offset is PST);
// - `FromModifiedDate`/`ToModifiedDate` are read as local wall-clock time (#19: a UTC
//   time sent as-is is taken as that hour, local); a zone written after the digits
//   changes nothing here, so a watermark converted to UTC skips hours of changes.
// The sandbox therefore compares modified-date filters with each record's local
// wall-clock time. When clocks fall back, an hour of wall-clock times comes twice:
// records of the second pass have earlier times than some of the first.
import { companyTime } from '../quickbooks-online/company-time';

/** The demo company file sits on a machine in New York (EST/EDT). */
export const DEFAULT_TIME_ZONE = 'America/New_York';

const DAY = 86_400_000;
const standardOffsets = new Map<string, string>();

/** The zone's standard offset in `year` (`-05:00`): the smaller of January's and July's (DST moves clocks ahead). */
function standardOffset(timeZone: string, year: number): string {
  const key = `${timeZone}|${year}`;
  let off = standardOffsets.get(key);
  if (off === undefined) {
    const minutes = (t: string) => {
      const m = /([+-])(\d\d):(\d\d)$/.exec(t)!;
      return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
    };
    const [jan, jul] = [Date.UTC(year, 0, 1), Date.UTC(year, 6, 1)].map((ms) => companyTime(ms, timeZone));
    off = minutes(jan) <= minutes(jul) ? jan.slice(19) : jul.slice(19);
    standardOffsets.set(key, off);
  }
  return off;
}

/** A time as QuickBooks writes it: local wall clock (with DST), standard offset (without). */
export function qbTime(ms: number, timeZone: string): string {
  const local = companyTime(ms, timeZone);
  return `${local.slice(0, 19)}${standardOffset(timeZone, Number(local.slice(0, 4)))}`;
}

/** The local wall-clock time of an instant, as milliseconds on a zone-less line (for comparisons). */
export function wallClock(ms: number, timeZone: string): number {
  return Date.parse(`${companyTime(ms, timeZone).slice(0, 19)}Z`);
}

/** A modified-date filter's value read as QuickBooks reads it: local wall clock, any zone ignored. NaN if invalid. */
export function readModifiedDate(s: string): number {
  const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d:\d\d)(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?$/.exec(s.trim());
  return m ? Date.parse(`${m[1]}T${m[2] ?? '00:00:00'}Z`) : NaN;
}

export interface ModifiedFilter {
  /** Instants that surely hold every match (for the index): a day's margin either side of the wall-clock bounds. */
  from?: number;
  to?: number;
  /** Whether a record modified at this instant is inside [From, To] on the local wall clock. */
  keeps(ms: number): boolean;
}

/** FromModifiedDate/ToModifiedDate (both inclusive) of a query; null when one is not a date (3020). */
export function modifiedFilter(
  from: string | undefined,
  to: string | undefined,
  timeZone: string,
): ModifiedFilter | null {
  const a = from === undefined ? undefined : readModifiedDate(from);
  const b = to === undefined ? undefined : readModifiedDate(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return {
    from: a === undefined ? undefined : a - DAY,
    to: b === undefined ? undefined : b + DAY,
    keeps: (ms) => {
      const wall = wallClock(ms, timeZone);
      return (a === undefined || wall >= a) && (b === undefined || wall <= b);
    },
  };
}
