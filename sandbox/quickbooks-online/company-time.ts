// Times on the QuickBooks Online wire carry the *company's* UTC offset, e.g.
// `2024-05-29T23:22:07-07:00` (reference B3), so a Pacific company shows -08:00
// in winter and -07:00 in summer. Intl gives us the offset without a tz library.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The last second formatted per time zone: every object of a batch answer carries the same second, and formatToParts is slow. */
const lastSecond = new Map<string, { second: number; date: string; offset: string }>();

/** `2026-01-05T01:00:00-08:00`; with `millis`, `…:00.123-08:00` (the envelope's `time`). */
export function companyTime(ms: number, timeZone: string, millis = false): string {
  const second = Math.floor(ms / 1000);
  let f = lastSecond.get(timeZone);
  if (f?.second !== second) {
    const parts: Record<string, string> = {};
    for (const p of formatter(timeZone).formatToParts(new Date(second * 1000))) parts[p.type] = p.value;
    const offset = parts.timeZoneName === 'GMT' ? '+00:00' : parts.timeZoneName.replace('GMT', '');
    f = { second, date: `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`, offset };
    lastSecond.set(timeZone, f);
  }
  const frac = millis ? `.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}` : '';
  return `${f.date}${frac}${f.offset}`;
}

/** The company's calendar date (`TxnDate` default). */
export function companyDate(ms: number, timeZone: string): string {
  return companyTime(ms, timeZone).slice(0, 10);
}
