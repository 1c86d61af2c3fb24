// Query Starts as operators type them (issue 16): refused when not a date with a
// zone or in the future, warned about when further back than the schedule suggests.
import { describe, expect, it } from 'vitest';
import { checkQueryStart, describeGap } from './query-starts';

const NOW = new Date('2026-03-10T12:00:00Z');
const every10m = { schedule: { every: '10m' }, sleepWindow: null, timeZone: 'UTC' };

describe('checkQueryStart', () => {
  it('refuses what is not a date and time with a zone, and a time in the future', () => {
    expect(checkQueryStart('yesterday', every10m, NOW).problem).toMatch(/is not a date and time with a zone/);
    expect(checkQueryStart('2026-03-09T10:00:00', every10m, NOW).problem).toMatch(/with a zone/);
    expect(checkQueryStart('2026-03-11T00:00:00Z', every10m, NOW).problem).toBe(
      '2026-03-11T00:00:00.000Z is in the future: the next run would skip every record changed until then. ' +
        'Pick a time before now.',
    );
    // A machine a few seconds ahead is not "the future".
    expect(checkQueryStart('2026-03-10T12:00:30Z', every10m, NOW)).toEqual({ problem: null, warning: null });
  });

  it('warns when the flow would read days of changes at once, and takes the ids a source keeps', () => {
    expect(checkQueryStart('2026-03-07T11:00:00.1234567Z|4f1c', every10m, NOW)).toEqual({
      problem: null,
      warning: expect.stringMatching(/^This flow has not run for 3 days \(its schedule runs it every 10 minutes\)/),
    });
    expect(checkQueryStart('2026-03-10T09:00:00+01:00', every10m, NOW)).toEqual({ problem: null, warning: null });
    // A weekly flow three days back is on time.
    const weekly = { schedule: { cron: '0 6 * * 1' }, sleepWindow: null, timeZone: 'UTC' };
    expect(checkQueryStart('2026-03-07T11:00:00Z', weekly, NOW).warning).toBeNull();
    expect(checkQueryStart('2026-02-01T00:00:00Z', weekly, NOW).warning).toMatch(/every 7 days/);
  });

  it('says a gap in the largest unit', () => {
    expect(describeGap(3 * 86_400_000 + 5_000)).toBe('3 days');
    expect(describeGap(3_600_000)).toBe('1 hour');
    expect(describeGap(30_000)).toBe('less than a minute');
  });
});
