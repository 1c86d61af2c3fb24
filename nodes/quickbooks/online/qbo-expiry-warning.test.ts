import { describe, expect, it } from 'vitest';
import { refreshExpiryWarning } from './qbo-expiry-warning';

const NOW = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

describe('QuickBooks refresh-token expiry warning', () => {
  it('says nothing while more than 14 days are left, or when the end is unknown', () => {
    expect(refreshExpiryWarning(new Date(NOW + 100 * DAY).toISOString(), NOW)).toBeNull();
    expect(refreshExpiryWarning(NOW + 14 * DAY, NOW)).toBeNull();
    expect(refreshExpiryWarning(undefined, NOW)).toBeNull();
    expect(refreshExpiryWarning('not a date', NOW)).toBeNull();
  });

  it('counts the days left and names the date when fewer than 14 remain', () => {
    expect(refreshExpiryWarning(new Date(NOW + 5 * DAY).toISOString(), NOW)).toBe(
      'The QuickBooks authorization ends in 5 days — reconnect before 2026-03-06.',
    );
    expect(refreshExpiryWarning(NOW + 13.5 * DAY, NOW)).toBe(
      'The QuickBooks authorization ends in 14 days — reconnect before 2026-03-15.',
    );
    expect(refreshExpiryWarning(NOW + 3_600_000, NOW)).toBe(
      'The QuickBooks authorization ends in 1 day — reconnect before 2026-03-01.',
    );
  });

  it('says it ended once the time has passed', () => {
    expect(refreshExpiryWarning(NOW - 1, NOW)).toBe('The QuickBooks authorization ended — reconnect.');
    expect(refreshExpiryWarning(new Date(NOW).toISOString(), NOW)).toBe(
      'The QuickBooks authorization ended — reconnect.',
    );
  });
});
