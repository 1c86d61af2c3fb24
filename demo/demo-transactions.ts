// A few sales and purchase forms and jobs in the demo companies (issue 15), so the QuickBooks → Creatio templates
// that read them carry something on the first `weft start`: two estimates, sales receipts, purchase orders, bills
// and jobs in each QuickBooks sandbox seeded anew, and two sales orders in Desktop (QuickBooks Online has none).
// Each names a demo customer or vendor and items that the customers, vendors and items flows carry, so once those
// have linked them every form becomes an opportunity with its products. Desktop purchases buy Consulting Hours, the
// service item "Creatio products → QuickBooks Desktop items" links to its product (their templates' run-first flow).
// Entered as a bookkeeper enters them, through each sandbox's own protocol (Online REST, Desktop qbXML), so
// QuickBooks' rules and totals apply. Numbered …-90xx in Desktop and …-91xx in Online, as the demo credit memos.
// Purchase orders have a due date: the purchase order templates write it to the opportunity. Tests boot without them.
import type { CompanyFile } from '../sandbox/quickbooks-desktop';
import type { QboSandbox } from '../sandbox/quickbooks-online';
import { qbxml, qboDemoApi } from './demo-credits';
import type { Sandboxes } from './sandbox-connections';

/** The two jobs of each company, under its first two customers (each its own: an opportunity is found by its title). */
export const DEMO_JOBS = {
  qbo: [
    { name: 'Office move 2026', notes: 'Move to the new floor in March' },
    { name: 'Website refresh', notes: 'New pages and a booking form' },
  ],
  qbd: [
    { name: 'Warehouse fit-out', notes: 'Shelving and wiring, phase 1' },
    { name: 'Annual support plan', notes: 'Quarterly visits' },
  ],
};

export async function addDemoTransactions(s: Sandboxes): Promise<void> {
  if (s.fresh.qbo) await qboTransactions(s.qbo);
  if (s.fresh.qbd) qbdTransactions(s.qbd.file);
}

type Row = { Id: string; Name?: string; Active?: boolean; Job?: boolean; ParentRef?: unknown };

async function qboTransactions(qbo: QboSandbox): Promise<void> {
  const { api, query } = await qboDemoApi(qbo, 'sales and purchase forms');
  const all = async (entity: string) => ((await query(`SELECT * FROM ${entity}`))[entity] ?? []) as unknown as Row[];
  // Customers the customers flow carries: active, top level (it reads Job = false).
  const customers = (await all('Customer')).filter((c) => c.Active !== false && !c.Job && !c.ParentRef);
  const vendors = (await all('Vendor')).filter((v) => v.Active !== false);
  const items = await all('Item');
  const item = (name: string) => ({ value: items.find((i) => i.Name === name)?.Id ?? '' });
  if (customers.length < 2 || vendors.length < 2 || !item('Consulting Hours').value || !item('Shipping').value) return;
  const sold = (name: string, qty: number, price: number) => ({
    DetailType: 'SalesItemLineDetail',
    Amount: qty * price,
    Description: name,
    SalesItemLineDetail: { ItemRef: item(name), Qty: qty, UnitPrice: price },
  });
  const bought = (name: string, qty: number, price: number) => ({
    DetailType: 'ItemBasedExpenseLineDetail',
    Amount: qty * price,
    Description: name,
    ItemBasedExpenseLineDetail: { ItemRef: item(name), Qty: qty, UnitPrice: price },
  });
  for (const [i, n] of ['01', '02'].entries()) {
    const customer = { value: customers[i].Id };
    const vendor = { value: vendors[i].Id };
    const date = `2026-02-1${i + 1}`;
    await api('estimate?minorversion=75', {
      CustomerRef: customer,
      DocNumber: `EST-91${n}`,
      TxnDate: date,
      Line: [sold('Consulting Hours', 4 + i, 150), sold('Shipping', 1, 15)],
    });
    await api('salesreceipt?minorversion=75', {
      CustomerRef: customer,
      DocNumber: `SR-91${n}`,
      TxnDate: date,
      Line: [sold('Consulting Hours', 1 + i, 150)],
    });
    await api('purchaseorder?minorversion=75', {
      VendorRef: vendor,
      DocNumber: `PO-91${n}`,
      TxnDate: date,
      DueDate: `2026-03-0${i + 1}`,
      Line: [bought('Shipping', 10 * (i + 1), 12)],
    });
    await api('bill?minorversion=75', {
      VendorRef: vendor,
      DocNumber: `BILL-91${n}`,
      TxnDate: date,
      DueDate: `2026-03-1${i + 1}`,
      Line: [bought('Shipping', 5 + i, 12), bought('Consulting Hours', 2, 90)],
    });
    await api('customer?minorversion=75', {
      DisplayName: DEMO_JOBS.qbo[i].name,
      Job: true,
      BillWithParent: true,
      ParentRef: customer,
      Notes: DEMO_JOBS.qbo[i].notes,
    });
  }
}

function qbdTransactions(file: CompanyFile): void {
  // Top-level customers (the customers flow reads Sublevel 0) and the seed's vendors.
  const customers = file.customers().filter((c) => !c.name.includes(':'));
  const vendors = file.objects(['Vendor']);
  if (customers.length < 2 || vendors.length < 2) return;
  const ref = (tag: string, listId: string) => `<${tag}><ListID>${listId}</ListID></${tag}>`;
  const item = (name: string) => `<ItemRef><FullName>${name}</FullName></ItemRef>`;
  const line = (tag: string, name: string, qty: number, price: number, priceTag = 'Rate') =>
    `<${tag}>${item(name)}<Desc>${name}</Desc><Quantity>${qty}</Quantity>` +
    `<${priceTag}>${price.toFixed(2)}</${priceTag}></${tag}>`;
  ['01', '02'].forEach((n, i) => {
    const customer = ref('CustomerRef', customers[i].listId);
    const vendor = ref('VendorRef', vendors[i].id);
    const date = `<TxnDate>2026-02-1${i + 1}</TxnDate>`;
    const sale = (kind: string, prefix: string, lines: string) =>
      qbxml(file, kind, `${customer}${date}<RefNumber>${prefix}-90${n}</RefNumber>${lines}`);
    sale(
      'Estimate',
      'EST',
      line('EstimateLineAdd', 'Consulting Hours', 4 + i, 150) + line('EstimateLineAdd', 'Shipping', 1, 15),
    );
    sale('SalesReceipt', 'SR', line('SalesReceiptLineAdd', 'Consulting Hours', 1 + i, 150));
    sale(
      'SalesOrder',
      'SO',
      line('SalesOrderLineAdd', 'Hardware Kit', 1 + i, 125) + line('SalesOrderLineAdd', 'Shipping', 1, 15),
    );
    qbxml(
      file,
      'PurchaseOrder',
      `${vendor}${date}<RefNumber>PO-90${n}</RefNumber><DueDate>2026-03-0${i + 1}</DueDate>` +
        line('PurchaseOrderLineAdd', 'Consulting Hours', 3 * (i + 1), 80),
    );
    qbxml(
      file,
      'Bill',
      `${vendor}${date}<DueDate>2026-03-1${i + 1}</DueDate><RefNumber>BILL-90${n}</RefNumber>` +
        line('ItemLineAdd', 'Consulting Hours', 2 + i, 80, 'Cost'),
    );
    qbxml(
      file,
      'Customer',
      `<Name>${DEMO_JOBS.qbd[i].name}</Name>${ref('ParentRef', customers[i].listId)}<JobDesc>${DEMO_JOBS.qbd[i].notes}</JobDesc>`,
    );
  });
}
