// QuickBooks Desktop numbers sales forms itself: an InvoiceAdd, EstimateAdd, SalesOrderAdd, SalesReceiptAdd or
// CreditMemoAdd without RefNumber is saved with the next number after the last one of that form (qbXML OSR, the
// Add's RefNumber: optional; when it is left out and the company's preference to number forms automatically is on,
// as it is by default, QuickBooks assigns the next number, as its own form screens do). The number after "INV-0099"
// is "INV-0100": the digits at the end grow, keeping their width; a form type not numbered yet starts at 1.
import type { CompanyFile } from './company-file';

const AUTO_NUMBERED = new Set(['Invoice', 'Estimate', 'SalesOrder', 'SalesReceipt', 'CreditMemo']);

export function nextRefNumber(file: CompanyFile, object: string): string | undefined {
  if (!AUTO_NUMBERED.has(object)) return undefined;
  const last = file
    .objects([object], { active: 'All' })
    .filter((r) => r.name && /\d$/.test(r.name))
    .sort((a, b) => b.seq - a.seq)[0]?.name;
  if (!last) return '1';
  const [, head, digits] = /^(.*?)(\d+)$/.exec(last)!;
  const next = String(BigInt(digits) + 1n);
  return head + next.padStart(digits.length, '0');
}
