// The rows of the Transaction object's picklists (entities-finance.ts), as an
// administrator who followed the onboarding guide (seed §3.1) would have entered them.
// The payment types are QuickBooks' default payment methods, so a payment's method
// finds its row by name.
import { TRANSACTION_PICKLISTS } from './entities-finance';
import { seededGuid } from './store';

export const FINANCE_PICKLIST_ROWS: Record<string, string[]> = {
  UsrTransactionStatus: ['Approved', 'Pending', 'Declined'],
  UsrTransactionType: ['Payment', 'Refund', 'Sales Receipt'],
  UsrPaymentType: ['Cash', 'Check', 'Credit Card', 'ACH', 'Wire'],
  UsrApprovalStatus: ['Approved', 'Pending', 'Declined'],
  UsrFirstRecurring: ['First', 'Recurring'],
  UsrRecordType: ['One-time', 'Recurring'],
};

/** Seeded GUID kinds of these rows (seed.ts uses 1–9). */
const KIND = 20;

export function seedFinance(put: Record<string, (row: Record<string, unknown>, stamp: string) => void>, base: string) {
  TRANSACTION_PICKLISTS.forEach((object, k) =>
    FINANCE_PICKLIST_ROWS[object].forEach((Name, n) => put[object]({ Id: seededGuid(KIND + k, n), Name }, base)),
  );
}
