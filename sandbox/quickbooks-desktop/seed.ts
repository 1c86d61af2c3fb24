// Deterministic demo company file, from the shared demo data (sandbox/demo-data.ts):
// a customer for each account that `isAlreadyInQuickBooks(i)` (same name, so a
// first sync binds them by name and creates the rest), and invoices for those
// customers whose memos carry the characters that broke the old service.
import { DEMO_EPOCH, demoAccount, isAlreadyInQuickBooks } from '../demo-data';
import type { CompanyFile } from './company-file';
import type { CustomerRow } from './company-file-rows';

export interface QbdSeedOptions {
  accounts?: number;
  invoices?: number;
}

export const SEED_ITEMS = ['Consulting Hours', 'Hardware Kit', 'Shipping'];

/** The memo of seeded invoice k: every 4th has `<`, `&` and quotes in it. */
export function seededMemo(k: number, customer: string): string {
  return k % 4 === 0
    ? `Rush order for ${customer} — <fragile> & "handle with care"`
    : `Invoice ${k + 1} for ${customer}`;
}

export function seedCompany(file: CompanyFile, opts: QbdSeedOptions = {}): void {
  file.transaction(() => {
    let tick = 0;
    const at = () => DEMO_EPOCH + 60_000 * tick++;
    const customers: CustomerRow[] = [];
    for (let i = 0; i < (opts.accounts ?? 300); i++) {
      if (!isAlreadyInQuickBooks(i)) continue;
      const a = demoAccount(i);
      customers.push(
        file.addCustomer({
          name: a.name,
          at: at(),
          fields: {
            CompanyName: a.name.slice(0, 41),
            BillAddress: { Addr1: a.address, City: a.city, PostalCode: a.zip },
            Phone: a.phone.slice(0, 21),
          },
        }),
      );
    }
    for (let k = 0; k < (opts.invoices ?? 40) && customers.length > 0; k++) {
      const c = customers[k % customers.length];
      const day = String(1 + (k % 28)).padStart(2, '0');
      file.addInvoice({
        customerListId: c.listId,
        refNumber: String(1001 + k),
        txnDate: `2026-01-${day}`,
        dueDate: `2026-02-${day}`,
        memo: seededMemo(k, c.name),
        isPaid: k % 3 === 0,
        lines: [
          {
            item: SEED_ITEMS[k % SEED_ITEMS.length],
            desc: `Line for ${c.name}`,
            quantity: 1 + (k % 4),
            rate: 100 + 25 * (k % 5),
          },
        ],
        at: at(),
      });
    }
    seedLists(file, at);
    file.markSeeded();
  });
}

/** The chart of accounts, the items the invoices use and two vendors, so transactions have something to point at. */
export const SEED_ACCOUNTS: [string, string][] = [
  ['Checking', 'Bank'],
  ['Accounts Receivable', 'AccountsReceivable'],
  ['Accounts Payable', 'AccountsPayable'],
  ['Undeposited Funds', 'OtherCurrentAsset'],
  ['Inventory Asset', 'OtherCurrentAsset'],
  ['Sales Income', 'Income'],
  ['Cost of Goods Sold', 'CostOfGoodsSold'],
  ['Office Expenses', 'Expense'],
];
export const SEED_VENDORS = ['Northwind Supplies', 'B\u00fcro & Co "Paper"'];

function seedLists(file: CompanyFile, at: () => number): void {
  const acc = new Map<string, { ListID: string; FullName: string }>();
  for (const [name, type] of SEED_ACCOUNTS) {
    const r = file.addObject({
      object: 'Account',
      kind: 'list',
      name,
      namespace: 'Account',
      at: at(),
      data: { Name: name, AccountType: type },
    });
    acc.set(name, { ListID: r.id, FullName: name });
  }
  const kinds = ['ItemService', 'ItemNonInventory', 'ItemOtherCharge'];
  SEED_ITEMS.forEach((name, i) =>
    file.addObject({
      object: kinds[i],
      kind: 'list',
      name,
      namespace: 'Item',
      at: at(),
      data: {
        Name: name,
        SalesOrPurchase: { Desc: name, Price: (100 + 25 * i).toFixed(2), AccountRef: acc.get('Sales Income') },
      },
    }),
  );
  for (const name of SEED_VENDORS)
    file.addObject({
      object: 'Vendor',
      kind: 'list',
      name,
      namespace: 'Name',
      at: at(),
      data: { Name: name, CompanyName: name },
    });
}
