// Deterministic seed of every simulated company. The first company mirrors the
// shared demo data (sandbox/demo-data.ts): a customer for each account that
// `isAlreadyInQuickBooks(i)`, DisplayName = `demoAccount(i).name`, so a first
// sync binds those by name and creates the rest.
import { DEMO_EPOCH, demoAccount, isAlreadyInQuickBooks } from '../demo-data';
import { ENTITIES } from './entities';
import { defaultPreferences } from './preferences';
import type { QboStore, RealmInfo } from './store';
import { create } from './write';

export interface SeedOptions {
  accounts?: number;
}

const MORE_ACCOUNTS = [
  { Name: 'Accounts Payable (A/P)', AccountType: 'Accounts Payable', AccountSubType: 'AccountsPayable' },
  { Name: 'Company Visa', AccountType: 'Credit Card', AccountSubType: 'CreditCard' },
  { Name: 'Office Expenses', AccountType: 'Expense', AccountSubType: 'OfficeGeneralAdministrativeExpenses' },
  { Name: 'Owner Equity', AccountType: 'Equity', AccountSubType: 'OwnersEquity' },
];

const ACCOUNTS = [
  { Name: 'Services', AccountType: 'Income', AccountSubType: 'ServiceFeeIncome' },
  { Name: 'Sales of Product Income', AccountType: 'Income', AccountSubType: 'SalesOfProductIncome' },
  { Name: 'Inventory Asset', AccountType: 'Other Current Asset', AccountSubType: 'Inventory' },
  { Name: 'Cost of Goods Sold', AccountType: 'Cost of Goods Sold', AccountSubType: 'SuppliesMaterialsCogs' },
  { Name: 'Undeposited Funds', AccountType: 'Other Current Asset', AccountSubType: 'UndepositedFunds' },
  { Name: 'Checking', AccountType: 'Bank', AccountSubType: 'Checking' },
  { Name: 'Accounts Receivable (A/R)', AccountType: 'Accounts Receivable', AccountSubType: 'AccountsReceivable' },
];

export function seedRealm(
  store: QboStore,
  realm: RealmInfo,
  opts: SeedOptions & { demo: boolean; multiCurrency?: boolean },
): void {
  // Preferences first (the rules read them); the demo company numbers its own sales forms and has two custom fields.
  store.insert(
    realm.id,
    'Preferences',
    defaultPreferences(
      opts.demo
        ? { customFields: ['Sales Rep', 'PO Number'], customTxnNumbers: true }
        : { customFields: ['Project Code'], multiCurrency: opts.multiCurrency },
    ),
    undefined,
    DEMO_EPOCH,
  );
  let tick = 0;
  const env = () => ({ store, realm, now: DEMO_EPOCH + 60_000 * tick++ });
  const acct = ACCOUNTS.map((a) => create(env(), ENTITIES.Account, a));
  const ref = (i: number) => ({ value: acct[i].id });
  const items = [
    create(env(), ENTITIES.Item, { Name: 'Services', Type: 'Service', UnitPrice: 100, IncomeAccountRef: ref(0) }),
    create(env(), ENTITIES.Item, {
      Name: 'Consulting Hours',
      Type: 'Service',
      UnitPrice: 150,
      IncomeAccountRef: ref(0),
    }),
    create(env(), ENTITIES.Item, {
      Name: 'Hardware Kit',
      Type: 'Inventory',
      UnitPrice: 250,
      IncomeAccountRef: ref(1),
      AssetAccountRef: ref(2),
      ExpenseAccountRef: ref(3),
      QtyOnHand: 40,
      InvStartDate: '2026-01-01',
    }),
    create(env(), ENTITIES.Item, { Name: 'Shipping', Type: 'NonInventory', UnitPrice: 15, IncomeAccountRef: ref(1) }),
  ];
  create(env(), ENTITIES.Vendor, { DisplayName: 'Office Supplies Depot', CompanyName: 'Office Supplies Depot' });
  create(env(), ENTITIES.Vendor, { DisplayName: 'Cloud Hosting Inc', CompanyName: 'Cloud Hosting Inc' });
  create(env(), ENTITIES.Employee, { GivenName: 'Jordan', FamilyName: 'Rivera' });
  // Appended after the first lists so their Ids and times stay as they were.
  const purchasing = () => MORE_ACCOUNTS.forEach((a) => create(env(), ENTITIES.Account, a));
  if (!opts.demo) {
    purchasing();
    return;
  }

  const customers = [];
  for (let i = 0; i < (opts.accounts ?? 300); i++) {
    if (!isAlreadyInQuickBooks(i)) continue;
    const a = demoAccount(i);
    customers.push(
      create(env(), ENTITIES.Customer, {
        DisplayName: a.name,
        CompanyName: a.name.slice(0, 100),
        PrimaryPhone: { FreeFormNumber: a.phone },
        WebAddr: { URI: a.web },
        BillAddr: { Line1: a.address, City: a.city, PostalCode: a.zip },
        Notes: a.notes || undefined,
        Active: a.active,
      }),
    );
  }
  // A few invoices and one payment, so invoice and payment flows have data.
  customers.slice(0, 3).forEach((c, n) => {
    const inv = create(env(), ENTITIES.Invoice, {
      CustomerRef: { value: c.id },
      Line: [
        {
          DetailType: 'SalesItemLineDetail',
          Amount: 100 * (n + 1),
          SalesItemLineDetail: { ItemRef: { value: items[0].id }, Qty: n + 1, UnitPrice: 100 },
        },
      ],
      TxnDate: '2026-01-05',
    });
    if (n === 0) {
      create(env(), ENTITIES.Payment, {
        CustomerRef: { value: c.id },
        TotalAmt: 100,
        TxnDate: '2026-01-06',
        Line: [{ Amount: 100, LinkedTxn: [{ TxnId: inv.id, TxnType: 'Invoice' }] }],
      });
    }
  });
  purchasing();
}
