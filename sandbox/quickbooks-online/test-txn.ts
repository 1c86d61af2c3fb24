// Shared by the transaction tests (qbo-transactions*.test.ts, qbo-preferences.test.ts): the sandbox
// each file starts, line builders, and the first error of a fault answer.
import { startQboSandbox, type QboSandbox } from './index';
import { accessToken, T0 } from './test-http';

/** One sandbox for a whole file, its clock standing at T0, 40 demo accounts; a token for each of the two companies. */
export async function startTxnSandbox(): Promise<{ s: QboSandbox; token: string; token2: string }> {
  const clock = T0;
  const s = await startQboSandbox({ limits: false, now: () => clock, seed: { accounts: 40 } });
  return { s, token: await accessToken(s), token2: await accessToken(s, s.realmIds[1]) };
}

// Seeded Ids (per entity): accounts 6 Checking, 8 A/P, 9 Company Visa, 10 Office Expenses, 11 Owner Equity;
// items 1 Services, 3 Hardware Kit; vendors 1, 2; employee 1; demo customers 1….
export const expense = (amount: number, account = '10') => ({
  DetailType: 'AccountBasedExpenseLineDetail',
  Amount: amount,
  AccountBasedExpenseLineDetail: { AccountRef: { value: account } },
});
export const sale = (amount: number, qty = 1, item = '1') => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: item }, Qty: qty, UnitPrice: amount / qty },
});
export const je = (type: 'Debit' | 'Credit', amount: number, account: string) => ({
  DetailType: 'JournalEntryLineDetail',
  Amount: amount,
  JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account } },
});

export const fault = (r: { json: any }) => r.json.Fault.Error[0];
