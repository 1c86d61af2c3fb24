// Credits set against invoices by a ReceivePayment (issue 15), as QuickBooks Desktop keeps them. qbXML OSR,
// ReceivePaymentAdd: each AppliedToTxnAdd may carry SetCredit aggregates (CreditTxnID: the credit memo;
// AppliedAmount: how much of its credit goes to this invoice); the invoice's BalanceRemaining drops by the
// credit as by a payment (IsPaid once nothing remains), and the credit memo's CreditRemaining (CreditMemoRet)
// by the same amount. A credit that is not a credit memo of the payment's customer: 3140, as any reference to
// nothing; more than the credit memo has left: 3210, the SDK's "field has an invalid value" status (the
// wording after "QuickBooks error message:" is ours [?]).
import type { CompanyFile } from './company-file';
import { sec, type ObjectRow } from './company-file-rows';
import { lineAmount, money } from './line-amounts';
import type { Status } from './qbxml-out';

type Data = Record<string, unknown>;
const credits = (a: Data) => (a.SetCredit as Data[] | undefined) ?? [];

/** The credit an AppliedToTxnAdd sets against its invoice. */
export const creditOf = (a: Data) => credits(a).reduce((s, c) => s + Number(c.AppliedAmount ?? 0), 0);

/** What is left of a credit memo's credit: its total less what payments set against invoices. */
export function creditRemaining(memo: ObjectRow): number {
  const total = ((memo.data.CreditMemoLineAdd as Data[] | undefined) ?? []).reduce((s, l) => s + lineAmount(l), 0);
  return total - Number(memo.data['#credited'] ?? 0);
}

/** The credit a stored payment already takes from a credit memo (a Mod gives it back before checking). */
function usedBy(payment: ObjectRow, memoId: string): number {
  return ((payment.data.AppliedToTxnAdd as Data[] | undefined) ?? [])
    .flatMap(credits)
    .filter((c) => c.CreditTxnID === memoId)
    .reduce((s, c) => s + Number(c.AppliedAmount ?? 0), 0);
}

/** 3140 for a credit that is not this customer's credit memo; 3210 for more credit than one has left. */
export function creditRules(file: CompanyFile, sets: Data[], customer: string, self?: ObjectRow): Status | null {
  const asked = new Map<string, number>();
  for (const c of sets) {
    const id = String(c.CreditTxnID ?? '');
    const memo = file.object(id);
    if (!memo || memo.object !== 'CreditMemo' || (memo.data.CustomerRef as Data | undefined)?.ListID !== customer)
      return {
        code: 3140,
        severity: 'Error',
        message:
          `There is an invalid reference to QuickBooks Credit Memo "${id}" in the ReceivePayment. ` +
          `QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
      };
    asked.set(id, (asked.get(id) ?? 0) + Number(c.AppliedAmount ?? 0));
    const left = creditRemaining(memo) + (self ? usedBy(self, id) : 0);
    if (asked.get(id)! > left + 0.005)
      return {
        code: 3210,
        severity: 'Error',
        message:
          `The "AppliedAmount" field has an invalid value "${String(c.AppliedAmount)}". QuickBooks error ` +
          `message: The credit applied is more than the ${money(left)} remaining on credit memo ` +
          `${String(memo.name ?? id)}.`,
      };
  }
  return null;
}

/** Moves the credits set (sign 1) or given back (-1, a deleted or modified payment) onto the credit memos. */
export function useCredits(file: CompanyFile, sets: Data[], sign: 1 | -1): void {
  for (const c of sets) {
    const memo = file.object(String(c.CreditTxnID));
    if (!memo) continue;
    file.saveObject({
      ...memo,
      data: { ...memo.data, '#credited': Number(memo.data['#credited'] ?? 0) + sign * Number(c.AppliedAmount ?? 0) },
      editSequence: file.nextEditSequence(memo.editSequence),
      timeModified: sec(file.now()),
    });
  }
}

/**
 * A credit memo's LinkedTxn (CreditMemoQueryRq with IncludeLinkedTxns true, OSR CreditMemoRet): setting a credit
 * links the credit memo to the invoice it was set against, one LinkedTxn each (TxnID, TxnType Invoice, TxnDate,
 * RefNumber, LinkType AMTTYPE, Amount; the amount's sign is ours [?]).
 */
export function creditLinks(file: CompanyFile, memo: ObjectRow): Data[] {
  const out: Data[] = [];
  for (const p of file.objects(['ReceivePayment'], { active: 'All' }))
    for (const a of (p.data.AppliedToTxnAdd as Data[] | undefined) ?? [])
      for (const c of credits(a).filter((x) => x.CreditTxnID === memo.id)) {
        const inv = file.object(String(a.TxnID));
        out.push({
          TxnID: String(a.TxnID),
          TxnType: 'Invoice',
          ...(inv?.data.TxnDate ? { TxnDate: inv.data.TxnDate } : {}),
          ...(inv?.name ? { RefNumber: inv.name } : {}),
          LinkType: 'AMTTYPE',
          Amount: money(-Number(c.AppliedAmount ?? 0)),
        });
      }
  return out;
}
