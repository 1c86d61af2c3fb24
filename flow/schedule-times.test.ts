import { describe, expect, it } from 'vitest';
import { cronProblem, nextDueAfter, sleepWindowEnd, upcomingDueTimes } from './schedule-times';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());
const at = (s: string) => new Date(s);
type S = Parameters<typeof upcomingDueTimes>[0];
const cron = (expr: string, timeZone = 'UTC', sleepWindow: S['sleepWindow'] = null): S => ({
  schedule: { cron: expr },
  timeZone,
  sleepWindow,
});

describe('cron next due times, in the flow time zone', () => {
  it('a wall time skipped by spring-forward runs once, shifted by the gap; the days around keep their wall time', () => {
    // 2025-03-09 02:00 EST → 03:00 EDT in New York: 02:30 does not exist that day.
    expect(iso(upcomingDueTimes(cron('30 2 * * *', 'America/New_York'), at('2025-03-07T12:00:00Z'), 4))).toEqual([
      '2025-03-08T07:30:00.000Z', // 02:30 EST
      '2025-03-09T07:30:00.000Z', // 03:30 EDT, once
      '2025-03-10T06:30:00.000Z', // 02:30 EDT
      '2025-03-11T06:30:00.000Z',
    ]);
  });

  it('a wall time repeated by fall-back runs once; an hourly pattern follows real time', () => {
    // 2025-11-02 02:00 EDT → 01:00 EST: 01:30 happens twice.
    expect(iso(upcomingDueTimes(cron('30 1 * * *', 'America/New_York'), at('2025-11-01T12:00:00Z'), 2))).toEqual([
      '2025-11-02T05:30:00.000Z',
      '2025-11-03T06:30:00.000Z',
    ]);
    expect(iso(upcomingDueTimes(cron('0 * * * *', 'America/New_York'), at('2025-11-02T04:30:00Z'), 3))).toEqual([
      '2025-11-02T05:00:00.000Z', // 01:00 EDT
      '2025-11-02T06:00:00.000Z', // 01:00 EST
      '2025-11-02T07:00:00.000Z', // 02:00 EST
    ]);
  });

  it('"0 9 * * 1-5" is nine in the morning on weekdays, across the clock change', () => {
    expect(iso(upcomingDueTimes(cron('0 9 * * 1-5', 'America/New_York'), at('2025-03-06T15:00:00Z'), 3))).toEqual([
      '2025-03-07T14:00:00.000Z', // Friday 09:00 EST
      '2025-03-10T13:00:00.000Z', // Monday 09:00 EDT, the weekend skipped
      '2025-03-11T13:00:00.000Z',
    ]);
  });

  it('the same expression gives each time zone its own local time', () => {
    const from = at('2025-06-01T00:00:00Z');
    expect(iso(upcomingDueTimes(cron('0 9 * * *', 'Asia/Kolkata'), from, 1))).toEqual(['2025-06-01T03:30:00.000Z']);
    expect(iso(upcomingDueTimes(cron('0 9 * * *', 'Australia/Sydney'), from, 1))).toEqual(['2025-06-01T23:00:00.000Z']);
    expect(iso(upcomingDueTimes(cron('0 9 * * *', 'Europe/London'), from, 1))).toEqual(['2025-06-01T08:00:00.000Z']);
  });

  it('with a seconds field; a tick handled a little early never gets the same slot twice', () => {
    expect(iso(upcomingDueTimes(cron('* * * * * *'), at('2025-01-01T00:00:00.400Z'), 3))).toEqual([
      '2025-01-01T00:00:01.000Z',
      '2025-01-01T00:00:02.000Z',
      '2025-01-01T00:00:03.000Z',
    ]);
    expect(
      nextDueAfter(cron('* * * * * *'), at('2025-01-01T00:00:05Z'), at('2025-01-01T00:00:04.600Z'))?.toISOString(),
    ).toBe('2025-01-01T00:00:06.000Z');
    // Handled late (Weft was down): the missed slots are skipped, not run in a burst.
    expect(
      nextDueAfter(cron('*/5 * * * *'), at('2025-01-01T00:05:00Z'), at('2025-01-01T01:02:00Z'))?.toISOString(),
    ).toBe('2025-01-01T01:05:00.000Z');
  });
});

describe('sleep window', () => {
  it('a cron time inside the window waits until it ends; several collapse into one run', () => {
    const s = cron('*/20 * * * *', 'UTC', { start: '01:00:00', end: '02:30:00' });
    expect(iso(upcomingDueTimes(s, at('2025-05-01T00:30:00Z'), 4))).toEqual([
      '2025-05-01T00:40:00.000Z',
      '2025-05-01T02:30:00.000Z', // 01:00 … 02:20 are inside: one run at the end
      '2025-05-01T02:40:00.000Z',
      '2025-05-01T03:00:00.000Z',
    ]);
  });

  it('a window across midnight ends at the right instant on a night the clock changes', () => {
    // London, 22:00–06:00, the night of 2025-03-30 (01:00 GMT → 02:00 BST): the window ends at 06:00 BST = 05:00Z.
    const s = cron('0 * * * *', 'Europe/London', { start: '22:00:00', end: '06:00:00' });
    expect(iso(upcomingDueTimes(s, at('2025-03-29T21:30:00Z'), 2))).toEqual([
      '2025-03-30T05:00:00.000Z',
      '2025-03-30T06:00:00.000Z',
    ]);
    expect(sleepWindowEnd(s, at('2025-03-30T00:30:00Z'))?.toISOString()).toBe('2025-03-30T05:00:00.000Z');
    expect(sleepWindowEnd(s, at('2025-03-30T05:00:00Z'))).toBeNull();
  });

  it('every-N schedules step from the end of the window', () => {
    const s: S = {
      schedule: { every: '10m' },
      timeZone: 'America/Chicago',
      sleepWindow: { start: '12:00:00', end: '12:25:00' },
    };
    expect(iso(upcomingDueTimes(s, at('2025-05-01T16:55:00Z'), 3))).toEqual([
      '2025-05-01T17:25:00.000Z',
      '2025-05-01T17:35:00.000Z',
      '2025-05-01T17:45:00.000Z',
    ]);
  });
});

describe('cron text', () => {
  it('names the field and what is wrong with it', () => {
    expect(cronProblem('61 * * * *')).toBe('minute 61 is out of range 0–59');
    expect(cronProblem('0 25 * * *')).toBe('hour 25 is out of range 0–23');
    expect(cronProblem('0 0 * 13 *')).toBe('month 13 is out of range 1–12');
    expect(cronProblem('70 * * * * *')).toBe('second 70 is out of range 0–59');
    expect(cronProblem('0 9 * * Mon-Fx')).toMatch(/^day of week "Mon-Fx"/);
    expect(cronProblem('5-2 * * * *')).toBe('minute range "5-2" must go from low to high');
    expect(cronProblem('0 0 31 2 *')).toBe('day of month 31 never occurs in month 2');
    expect(cronProblem('every day')).toMatch(/has 2 fields; a cron expression has 5/);
    for (const ok of ['0 9 * * 1-5', '*/15 * * * *', '* * * * * *', '0 0 L * *', '0 9 * * MON-FRI'])
      expect(cronProblem(ok)).toBeNull();
  });
});
