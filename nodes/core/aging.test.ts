// The aging buckets, on the day boundaries an accountant would check.
import { describe, expect, it } from 'vitest';
import { ageInvoices, dateIn, daysPastDue } from './aging';

describe('30/60/90-day aging', () => {
  it('puts each open balance in one bucket by days past due, the boundaries in the lower bucket', () => {
    const today = '2026-03-31';
    const due = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString();
    const a = ageInvoices(
      [
        { dueDate: due(-10).slice(0, 10), balance: 1 }, // not due yet
        { dueDate: due(30).slice(0, 10), balance: 2 },
        { dueDate: due(31).slice(0, 10), balance: 4 },
        { dueDate: due(60).slice(0, 10), balance: 8 },
        { dueDate: due(61).slice(0, 10), balance: 16 },
        { dueDate: due(90).slice(0, 10), balance: 32 },
        { dueDate: due(91).slice(0, 10), balance: 64.1 },
        { dueDate: due(400).slice(0, 10), balance: 0.2 },
        { dueDate: due(400).slice(0, 10), balance: 0 }, // paid: not counted
      ],
      today,
    );
    expect(a).toEqual({ Current: 3, Over30: 12, Over60: 48, Over90: 64.3, Total: 127.3, AsOf: today, Invoices: 8 });
  });

  it("counts days on the company's calendar: late evening in New York is still the same day", () => {
    const now = new Date('2026-04-01T02:30:00Z'); // 22:30 on 31 March in New York
    expect(dateIn('America/New_York', now)).toBe('2026-03-31');
    expect(dateIn('Europe/Paris', now)).toBe('2026-04-01');
    expect(daysPastDue('2026-03-01', '2026-03-31')).toBe(30);
    expect(daysPastDue('2026-02-28T00:00:00', '2026-03-31')).toBe(31);
  });
});
