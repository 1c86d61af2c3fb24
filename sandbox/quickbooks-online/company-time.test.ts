import { describe, expect, it } from 'vitest';
import { companyDate, companyTime } from './company-time';

// What Intl says, formatted the slow way: the reference the quarter-hour offset cache must match.
const formats = new Map<string, Intl.DateTimeFormat>();
function intl(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f)
    formats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        timeZoneName: 'longOffset',
      })),
    );
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  const offset = p.timeZoneName === 'GMT' ? '+00:00' : p.timeZoneName.replace('GMT', '');
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}.${String(ms % 1000).padStart(3, '0')}${offset}`;
}

describe('company time on the wire', () => {
  it('carries the company offset of that instant, summer and winter', () => {
    expect(companyTime(Date.UTC(2026, 0, 5, 9, 0, 0), 'America/Los_Angeles')).toBe('2026-01-05T01:00:00-08:00');
    expect(companyTime(Date.UTC(2026, 6, 5, 9, 0, 0, 42), 'America/Los_Angeles', true)).toBe(
      '2026-07-05T02:00:00.042-07:00',
    );
    expect(companyTime(Date.UTC(2026, 0, 5, 9, 0, 0), 'UTC')).toBe('2026-01-05T09:00:00+00:00');
    expect(companyDate(Date.UTC(2026, 0, 5, 3, 0, 0), 'America/New_York')).toBe('2026-01-04');
  });

  it('agrees with Intl through a year of DST changes, half-hour and 45-minute zones included', () => {
    for (const tz of [
      'America/Los_Angeles',
      'America/St_Johns',
      'Australia/Lord_Howe',
      'Asia/Kathmandu',
      'Europe/London',
      'Pacific/Chatham',
    ]) {
      // Every 97 minutes and 13 s: lands on every minute of the hour and near each change.
      for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 97 * 60_000 + 13_001) {
        expect(companyTime(ms, tz, true), `${tz} at ${new Date(ms).toISOString()}`).toBe(intl(ms, tz));
      }
    }
  });

  it('is right on either side of a change (Los Angeles, 2026-03-08 02:00 → 03:00)', () => {
    const change = Date.UTC(2026, 2, 8, 10, 0, 0);
    expect(companyTime(change - 1000, 'America/Los_Angeles')).toBe('2026-03-08T01:59:59-08:00');
    expect(companyTime(change, 'America/Los_Angeles')).toBe('2026-03-08T03:00:00-07:00');
  });
});
