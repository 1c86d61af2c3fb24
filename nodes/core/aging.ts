// 30/60/90-day aging of a customer's open invoices (seed §3.1: the Account fields Curr
// Bal Pymts, Acc Recv Over30, Over60 and Over90), shared by the QuickBooks Online and
// Desktop aging nodes. An invoice's open balance falls in one bucket by how many days
// past its due date it is on "today": up to 30 days (or not due yet) is current,
// 31–60 is over 30, 61–90 over 60, more than 90 over 90 — the columns of QuickBooks'
// A/R Aging Summary, the first two (Current, 1–30) taken together. The four add up to
// the customer's open balance. "Today" is the calendar date in the company's time zone.
import { z } from 'zod';
import { fieldPath } from './field-path';

export interface OpenInvoice {
  /** `YYYY-MM-DD`; an invoice without one is due on its transaction date (QuickBooks' own rule). */
  dueDate: string;
  balance: number;
}

export interface Aging {
  /** Not yet due, or at most 30 days past due. */
  Current: number;
  Over30: number;
  Over60: number;
  Over90: number;
  /** All open balances. */
  Total: number;
  /** The date the buckets were counted on, `YYYY-MM-DD`. */
  AsOf: string;
  /** How many open invoices were counted. */
  Invoices: number;
}

const DAY = 86_400_000;
const cents = (n: number) => Math.round(n * 100) / 100;

/** The calendar date of `now` in `timeZone` (an IANA name, e.g. America/New_York), as `YYYY-MM-DD`. */
export function dateIn(timeZone: string, now: Date): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** Whether Intl knows the time zone (a config check: a misspelt zone would throw on every record). */
export function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Days from `due` to `today`, both `YYYY-MM-DD` (negative when not due yet). */
export function daysPastDue(due: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${due.slice(0, 10)}T00:00:00Z`)) / DAY);
}

export function ageInvoices(invoices: OpenInvoice[], today: string): Aging {
  const a: Aging = { Current: 0, Over30: 0, Over60: 0, Over90: 0, Total: 0, AsOf: today, Invoices: 0 };
  for (const inv of invoices) {
    if (!(inv.balance > 0)) continue;
    const days = daysPastDue(inv.dueDate, today);
    const bucket = days > 90 ? 'Over90' : days > 60 ? 'Over60' : days > 30 ? 'Over30' : 'Current';
    a[bucket] = cents(a[bucket] + inv.balance);
    a.Total = cents(a.Total + inv.balance);
    a.Invoices++;
  }
  return a;
}

/** The settings both aging nodes share: the zone "today" is counted in, and where the buckets go. */
export const agingSettings = {
  /** "Today" is the date in this time zone (the company's), e.g. America/New_York. */
  timeZone: z.string().refine(isTimeZone, 'a time zone such as America/New_York').default('America/New_York'),
  /** Where the buckets go: `<into>.Current`, `.Over30`, `.Over60`, `.Over90`, `.Total`, `.AsOf`. */
  into: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field name such as Aging')).default('Aging'),
};

/** How the inspector shows those settings, and the node's summary on the canvas. */
export const agingFields = {
  timeZone: {
    label: "Company's time zone",
    help: 'Days past due are counted to today in this zone, e.g. America/New_York.',
  },
  into: { label: 'Put the aging in', help: 'A new field holding Current, Over30, Over60, Over90 and Total.' },
};
export const agingSummary = (c: { timeZone: string; into: string }) =>
  `aging as of today (${c.timeZone}) into ${c.into}`;
