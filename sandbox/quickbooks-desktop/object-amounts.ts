// Amounts QuickBooks computes from the lines, and the business rules it checks when
// saving them (reference C4): a journal entry must balance (3180), a payment may not
// apply more than an invoice's open balance or than itself (3210); payments move
// what they apply onto the invoices.
import type { CompanyFile } from './company-file';
import { sec, type ObjectRow } from './company-file-rows';
import { lineAmount } from './line-amounts';
import type { Status } from './qbxml-out';
import type { EntityDef } from './qb-schema';
import { creditOf, creditRules, useCredits } from './credit-apply';

type Data = Record<string, unknown>;
export { lineAmount, money } from './line-amounts';

/** Business rules QuickBooks checks when saving (reference C4: 3180, 3210). */
export function saveRules(file: CompanyFile, d: EntityDef, data: Data, self?: ObjectRow): Status | null {
  if (d.name === 'JournalEntry') {
    const sum = (k: string) => ((data[k] as Data[] | undefined) ?? []).reduce((s, l) => s + Number(l.Amount ?? 0), 0);
    if (Math.abs(sum('JournalDebitLine') - sum('JournalCreditLine')) > 0.005)
      return {
        code: 3180,
        severity: 'Error',
        message:
          'There was an error when saving a General Journal transaction. QuickBooks error message: Transaction not in balance.',
      };
  }
  if (d.name === 'ReceivePayment') {
    const applied = (data.AppliedToTxnAdd as Data[] | undefined) ?? [];
    const customer = (data.CustomerRef as Data | undefined)?.ListID;
    const credits = applied.flatMap((a) => (a.SetCredit as Data[] | undefined) ?? []);
    const refused = creditRules(file, credits, String(customer), self);
    if (refused) return refused;
    let total = 0;
    for (const a of applied) {
      const inv = file.object(String(a.TxnID ?? ''));
      if (!inv || inv.object !== 'Invoice' || (inv.data.CustomerRef as Data | undefined)?.ListID !== customer)
        return {
          code: 3140,
          severity: 'Error',
          message:
            `There is an invalid reference to QuickBooks Transaction "${String(a.TxnID)}" in the ` +
            `ReceivePayment. QuickBooks error message: Invalid argument. The specified record does not ` +
            `exist in the list.`,
        };
      const owed = invoiceBalance(inv) + (self ? appliedBy(self, inv.id) : 0);
      if (Number(a.PaymentAmount ?? 0) + creditOf(a) > owed + 0.005)
        return {
          code: 3210,
          severity: 'Error',
          message:
            `The "PaymentAmount" field has an invalid value "${String(a.PaymentAmount ?? '0.00')}". QuickBooks ` +
            `error message: The payment amount is more than the open balance of the transaction.`,
        };
      total += Number(a.PaymentAmount ?? 0);
    }
    if (total > Number(data.TotalAmount ?? 0) + 0.005)
      return {
        code: 3210,
        severity: 'Error',
        message:
          `The "TotalAmount" field has an invalid value ` +
          `"${String(data.TotalAmount ?? '')}". QuickBooks error message: The amounts ` +
          `applied are more than the payment.`,
      };
  }
  return null;
}

/** What a payment applies to an invoice: the money (PaymentAmount) and the credits set against it (SetCredit). */
const appliedBy = (payment: ObjectRow, invoiceId: string) =>
  ((payment.data.AppliedToTxnAdd as Data[] | undefined) ?? [])
    .filter((a) => a.TxnID === invoiceId)
    .reduce((s, a) => s + Number(a.PaymentAmount ?? 0) + creditOf(a), 0);
const invoiceTotal = (inv: ObjectRow) =>
  ((inv.data.InvoiceLineAdd as Data[] | undefined) ?? []).reduce((s, l) => s + lineAmount(l), 0);
function invoiceBalance(inv: ObjectRow): number {
  return invoiceTotal(inv) - Number(inv.data['#applied'] ?? 0);
}

/** Payments move what they apply onto the invoices (AppliedAmount, BalanceRemaining, IsPaid) and credit memos. */
export function applyPayment(file: CompanyFile, payment: Data, sign: 1 | -1): void {
  for (const a of (payment.AppliedToTxnAdd as Data[] | undefined) ?? []) {
    const inv = file.object(String(a.TxnID));
    if (!inv) continue;
    file.saveObject({
      ...inv,
      data: {
        ...inv.data,
        '#applied': Number(inv.data['#applied'] ?? 0) + sign * (Number(a.PaymentAmount ?? 0) + creditOf(a)),
      },
      editSequence: file.nextEditSequence(inv.editSequence),
      timeModified: sec(file.now()),
    });
    useCredits(file, (a.SetCredit as Data[] | undefined) ?? [], sign);
  }
}
