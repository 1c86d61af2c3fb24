// Times on the QuickBooks Online wire carry the *company's* UTC offset, e.g.
// `2024-05-29T23:22:07-07:00` (reference B3), so a Pacific company shows -08:00
// in winter and -07:00 in summer. Intl gives us the offset without a tz library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * UTC offsets (minutes) by zone and quarter hour. Every offset in use is a whole number of
 * quarter hours and changes at a quarter-hour boundary, so one Intl call per zone and
 * quarter hour gives every time in it (formatToParts is slow: a query answer of 1,000
 * customers carries 2,000 different times). Bounded: cleared when it grows large.
 */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

function offsetMinutes(ms: number, timeZone: string): number {
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const name = formatter(timeZone)
      .formatToParts(new Date(ms))
      .find((p) => p.type === 'timeZoneName')!.value;
    const m = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
    off = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0; // "GMT" alone is +00:00
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, off);
  }
  return off;
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `2026-01-05T01:00:00-08:00`; with `millis`, `…:00.123-08:00` (the envelope's `time`). */
export function companyTime(ms: number, timeZone: string, millis = false): string {
  const off = offsetMinutes(ms, timeZone);
  // The wall clock of the company: UTC fields of the instant moved by its offset.
  const d = new Date(ms + off * 60_000);
  const abs = Math.abs(off);
  const sign = off < 0 ? '-' : '+';
  const frac = millis ? `.${String(d.getUTCMilliseconds()).padStart(3, '0')}` : '';
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())}`;
  const time = `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}${frac}`;
  return `${date}T${time}${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** The company's calendar date (`TxnDate` default). */
export function companyDate(ms: number, timeZone: string): string {
  return companyTime(ms, timeZone).slice(0, 10);
}
