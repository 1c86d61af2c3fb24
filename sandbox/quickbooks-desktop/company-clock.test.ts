// QuickBooks Desktop's clock (jsgoupil/quickbooks-sync #19, #28, #33): local wall time that follows
// DST, the standard offset all year, filters read as local wall time whatever zone they carry.
import { describe, expect, it } from 'vitest';
import { modifiedFilter, qbTime, readModifiedDate } from './company-clock';

const NY = 'America/New_York';

describe('QuickBooks Desktop company clock', () => {
  it('writes the local wall clock (with DST) and the standard offset (without)', () => {
    expect(qbTime(Date.parse('2026-01-15T15:00:00Z'), NY)).toBe('2026-01-15T10:00:00-05:00');
    expect(qbTime(Date.parse('2026-07-01T14:00:00Z'), NY)).toBe('2026-07-01T10:00:00-05:00');
    expect(qbTime(Date.parse('2026-07-01T14:00:00Z'), 'Australia/Sydney')).toBe('2026-07-02T00:00:00+10:00');
    expect(qbTime(Date.parse('2026-01-01T14:00:00Z'), 'Australia/Sydney')).toBe('2026-01-02T01:00:00+10:00');
  });

  it('reads FromModifiedDate as local wall time: a Z or an offset changes nothing', () => {
    expect(readModifiedDate('2026-07-01T10:00:00Z')).toBe(readModifiedDate('2026-07-01T10:00:00'));
    expect(readModifiedDate('2026-07-01T10:00:00-04:00')).toBe(readModifiedDate('2026-07-01T10:00:00'));
    expect(readModifiedDate('2026-07-01')).toBe(readModifiedDate('2026-07-01T00:00:00'));
    expect(readModifiedDate('July 1')).toBeNaN();
    // 10:00 EDT is 14:00Z: a filter from 10:00 keeps it, a filter from 14:00 (a UTC time sent as-is) does not.
    expect(modifiedFilter('2026-07-01T10:00:00', undefined, NY)!.keeps(Date.parse('2026-07-01T14:00:00Z'))).toBe(true);
    expect(modifiedFilter('2026-07-01T14:00:00Z', undefined, NY)!.keeps(Date.parse('2026-07-01T14:00:00Z'))).toBe(
      false,
    );
  });

  it('when clocks fall back, a later save can have an earlier wall-clock time', () => {
    const from = modifiedFilter('2026-11-01T01:40:00', undefined, NY)!;
    expect(from.keeps(Date.parse('2026-11-01T05:40:00Z'))).toBe(true); // 01:40 EDT
    expect(from.keeps(Date.parse('2026-11-01T06:10:00Z'))).toBe(false); // 01:10 EST, saved 30 minutes later
  });
});
