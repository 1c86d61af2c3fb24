// One example of every request type Weft builds, for the golden files in golden/.
import type { QbdRequest } from '../quickbooks/desktop/qbxml-request';

export const GOLDEN_REQUESTS: Record<string, QbdRequest> = {
  'host-query': { type: 'HostQuery' },
  'customer-query-by-name': { type: 'CustomerQuery', fullNames: ['Smith & Sons', 'Café Déjà Vu Crème'], ownerId: '0' },
  'customer-query-iterator': {
    type: 'CustomerQuery',
    iterator: { iterator: 'Start' },
    maxReturned: 100,
    activeStatus: 'All',
    fromModifiedDate: '2026-01-05T09:00:00-05:00',
    nameFilter: { matchCriterion: 'StartsWith', name: 'Acme' },
    includeRetElements: ['ListID', 'EditSequence'],
    ownerId: '0',
  },
  // Fields deliberately out of schema order: the builder must put them right.
  'customer-add': {
    type: 'CustomerAdd',
    fields: {
      Notes: 'Key account — pays by wire; <tags> & "quotes"',
      Phone: '+1 555 0100',
      BillAddress: { PostalCode: '78701', City: 'Montréal', Addr1: '1 Main St' },
      CompanyName: "O'Brien's Pub & Grill",
      Name: "O'Brien's Pub & Grill",
      Email: 'ap@acme.test',
    },
  },
  'customer-mod': {
    type: 'CustomerMod',
    listId: '80000001-1767621600',
    editSequence: '1767621600',
    fields: { Phone: '+1 555 7777', Name: 'Less <Than> Greater Ltd' },
  },
  'invoice-query-modified': {
    type: 'InvoiceQuery',
    iterator: { iterator: 'Continue', iteratorID: '{0A1B2C3D-0000-4000-8000-000000000001}' },
    maxReturned: 50,
    fromModifiedDate: '2026-01-05T09:00:00-05:00',
    includeLineItems: true,
    ownerId: '0',
  },
  'invoice-query-by-ref': { type: 'InvoiceQuery', refNumbers: ['1001', '1002'], includeLineItems: false },
  'data-ext-def-add': {
    type: 'DataExtDefAdd',
    ownerId: '0',
    name: 'AccountID',
    dataExtType: 'STR255TYPE',
    assignToObject: ['Customer'],
  },
  'data-ext-add': {
    type: 'DataExtAdd',
    ownerId: '0',
    name: 'AccountID',
    listDataExtType: 'Customer',
    listObj: { ListID: '80000001-1767621600' },
    value: 'c0ffee00-0000-4000-8000-000000000001',
  },
  'data-ext-mod': {
    type: 'DataExtMod',
    ownerId: '0',
    name: 'AccountID',
    listDataExtType: 'Customer',
    listObj: { FullName: 'Ærøskøbing Shipping ÅØ' },
    value: 'Ærø',
  },
  // Catalogue objects (wire/qbxml-objects.ts): one Add, Mod and Query each. Fields out of schema order on purpose.
  ...catalogueGoldens(),
};

function catalogueGoldens(): Record<string, QbdRequest> {
  const g: Record<string, QbdRequest> = {};
  const add = (
    name: string,
    object: string,
    fields: Record<string, unknown>,
    modFields: Record<string, unknown> = fields,
  ) => {
    g[`${name}-add`] = { type: 'Add', object, fields };
    g[`${name}-mod`] = {
      type: 'Mod',
      object,
      id:
        object.startsWith('Item') || ['Vendor', 'Account'].includes(object) ? '80000010-1767621600' : '1A2B-1767621600',
      editSequence: '1767621600',
      fields: modFields,
    };
  };
  add(
    'vendor',
    'Vendor',
    {
      Notes: 'Pays <net 30> & "on time"',
      VendorAddress: { City: 'K\u00f8benhavn', Addr1: '1 Harbour St' },
      Name: 'B\u00fcro & Co "Paper"',
      CompanyName: 'B\u00fcro & Co',
    },
    { Phone: '+45 1234' },
  );
  add(
    'account',
    'Account',
    { AccountType: 'Expense', Name: 'Travel & Meals', AccountNumber: '6100' },
    { Desc: 'Trips <abroad>' },
  );
  add(
    'item-service',
    'ItemService',
    {
      SalesOrPurchase: { AccountRef: { FullName: 'Sales Income' }, Price: '150.00', Desc: 'Hourly — consulting' },
      Name: 'Consulting & Advice',
    },
    { SalesOrPurchase: { Price: '175.00' } },
  );
  add('item-non-inventory', 'ItemNonInventory', {
    Name: 'Cable Kit',
    SalesOrPurchase: { Desc: 'Cables', Price: '12.50', AccountRef: { FullName: 'Sales Income' } },
  });
  add('item-other-charge', 'ItemOtherCharge', {
    Name: 'Freight',
    SalesOrPurchase: { Price: '20.00', AccountRef: { FullName: 'Sales Income' } },
  });
  add(
    'item-inventory',
    'ItemInventory',
    {
      Name: 'Widget',
      AssetAccountRef: { FullName: 'Inventory Asset' },
      IncomeAccountRef: { FullName: 'Sales Income' },
      COGSAccountRef: { FullName: 'Cost of Goods Sold' },
      SalesPrice: '9.99',
      PurchaseCost: '4.00',
    },
    { SalesPrice: '10.99' },
  );
  add('item-group', 'ItemGroup', {
    Name: 'Starter Bundle',
    ItemGroupLine: [{ Quantity: '2', ItemRef: { FullName: 'Widget' } }, { ItemRef: { FullName: 'Freight' } }],
  });
  const lines = [
    { Rate: '100.00', Quantity: '2', ItemRef: { FullName: 'Consulting Hours' }, Desc: 'May <on-site> & remote' },
  ];
  add(
    'invoice',
    'Invoice',
    {
      Memo: 'Caf\u00e9 order',
      InvoiceLineAdd: lines,
      RefNumber: 'CR-1001',
      TxnDate: '2026-06-01',
      CustomerRef: { ListID: '80000001-1767621600' },
    },
    {
      Memo: 'Changed',
      Lines: [
        { TxnLineID: '12-1', Quantity: '3' },
        { ItemRef: { FullName: 'Shipping' }, Amount: '15.00' },
      ],
    },
  );
  add('estimate', 'Estimate', { CustomerRef: { FullName: 'Smith & Sons' }, Lines: lines, RefNumber: 'E-7' });
  add('sales-order', 'SalesOrder', { CustomerRef: { FullName: 'Smith & Sons' }, Lines: lines, RefNumber: 'SO-7' });
  add('sales-receipt', 'SalesReceipt', {
    CustomerRef: { FullName: 'Smith & Sons' },
    DepositToAccountRef: { FullName: 'Undeposited Funds' },
    Lines: lines,
    RefNumber: 'SR-7',
  });
  add('credit-memo', 'CreditMemo', { CustomerRef: { FullName: 'Smith & Sons' }, Lines: lines, RefNumber: 'CM-7' });
  add(
    'receive-payment',
    'ReceivePayment',
    {
      AppliedToTxnAdd: [{ PaymentAmount: '150.00', TxnID: '1A2B-1767621600' }],
      TotalAmount: '200.00',
      CustomerRef: { FullName: 'Smith & Sons' },
      RefNumber: 'CHK 4411',
    },
    { AppliedTo: [{ TxnID: '1A2B-1767621600', PaymentAmount: '200.00' }] },
  );
  add(
    'bill',
    'Bill',
    {
      ItemLineAdd: [{ ItemRef: { FullName: 'Widget' }, Quantity: '10', Cost: '4.00' }],
      ExpenseLineAdd: [{ Amount: '50.00', AccountRef: { FullName: 'Office Expenses' }, Memo: 'Paper & ink' }],
      VendorRef: { FullName: 'Northwind Supplies' },
      RefNumber: 'INV-88',
    },
    { ExpenseLines: [{ TxnLineID: '9-1', Amount: '55.00' }] },
  );
  add('check', 'Check', {
    AccountRef: { FullName: 'Checking' },
    PayeeEntityRef: { FullName: 'Northwind Supplies' },
    ExpenseLineAdd: [{ AccountRef: { FullName: 'Office Expenses' }, Amount: '25.00' }],
    RefNumber: '1042',
  });
  add('purchase-order', 'PurchaseOrder', {
    VendorRef: { FullName: 'Northwind Supplies' },
    Lines: [{ ItemRef: { FullName: 'Widget' }, Quantity: '100', Rate: '3.50' }],
    RefNumber: 'PO-1',
  });
  add('deposit', 'Deposit', {
    DepositToAccountRef: { FullName: 'Checking' },
    Lines: [{ AccountRef: { FullName: 'Sales Income' }, Amount: '300.00', Memo: 'Cash sales' }],
    TxnDate: '2026-06-02',
  });
  add('journal-entry', 'JournalEntry', {
    JournalCreditLine: [{ AccountRef: { FullName: 'Sales Income' }, Amount: '100.00' }],
    JournalDebitLine: [{ Amount: '100.00', AccountRef: { FullName: 'Checking' }, Memo: 'Fix & move' }],
    RefNumber: 'JE-1',
  });
  add('vendor-credit', 'VendorCredit', {
    VendorRef: { FullName: 'Northwind Supplies' },
    ExpenseLineAdd: [{ AccountRef: { FullName: 'Office Expenses' }, Amount: '10.00' }],
    RefNumber: 'VC-1',
  });
  add('time-tracking', 'TimeTracking', {
    Duration: 'PT2H30M',
    EntityRef: { FullName: 'Northwind Supplies' },
    TxnDate: '2026-06-03',
    CustomerRef: { FullName: 'Smith & Sons' },
    ItemServiceRef: { FullName: 'Consulting Hours' },
    Notes: '<b>Workshop</b> & follow-up',
  });
  g['vendor-query-modified'] = {
    type: 'Query',
    object: 'Vendor',
    iterator: { iterator: 'Start' },
    maxReturned: 100,
    activeStatus: 'All',
    fromModifiedDate: '2026-01-05T09:00:00-05:00',
    ownerId: '0',
  };
  g['item-query-by-name'] = {
    type: 'Query',
    object: 'ItemService',
    names: ['Consulting Hours', 'Caf\u00e9 & Cr\u00e8me'],
    ownerId: '0',
  };
  g['account-query-by-name'] = { type: 'Query', object: 'Account', names: ['Checking'], ownerId: '0' };
  g['bill-query-modified'] = {
    type: 'Query',
    object: 'Bill',
    iterator: { iterator: 'Start' },
    maxReturned: 50,
    fromModifiedDate: '2026-01-05T09:00:00-05:00',
    includeLineItems: true,
    ownerId: '0',
  };
  g['receive-payment-query-by-ref'] = {
    type: 'Query',
    object: 'ReceivePayment',
    names: ['CHK 4411'],
    includeLineItems: true,
  };
  g['journal-entry-query-by-id'] = {
    type: 'Query',
    object: 'JournalEntry',
    ids: ['1A2B-1767621600'],
    includeLineItems: true,
  };
  g['time-tracking-query-modified'] = {
    type: 'Query',
    object: 'TimeTracking',
    maxReturned: 10,
    fromModifiedDate: '2026-01-05T09:00:00-05:00',
    includeLineItems: true,
    ownerId: '0',
  };
  for (const o of ['Estimate', 'SalesOrder', 'SalesReceipt', 'CreditMemo', 'Check', 'PurchaseOrder', 'VendorCredit']) {
    g[`${o.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase()}-query-by-ref`] = {
      type: 'Query',
      object: o,
      names: ['R&D-1'],
      includeLineItems: false,
    };
  }
  g['deposit-query-by-id'] = { type: 'Query', object: 'Deposit', ids: ['1A2B-1767621600'], includeLineItems: true };
  g['list-del'] = { type: 'Del', object: 'ItemService', id: '80000010-1767621600' };
  g['txn-del'] = { type: 'Del', object: 'JournalEntry', id: '1A2B-1767621600' };
  return g;
}
