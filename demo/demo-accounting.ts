// A few accounting entries in the demo companies, so the QuickBooks → Creatio templates that read them carry
// something on the first `weft start`: deposits, journal entries, vendor credits, time (Online time activities,
// Desktop time tracking) and checks, two of each in each QuickBooks sandbox seeded anew. Entered as a bookkeeper
// enters them, through each sandbox's own protocol (Online REST, Desktop qbXML), so QuickBooks' rules and totals
// apply. Numbered …-90xx in Desktop and …-91xx in Online, as the demo credit memos. Tests boot without them.
import type { CompanyFile } from '../sandbox/quickbooks-desktop';
import type { QboSandbox } from '../sandbox/quickbooks-online';
import { qbxml, qboDemoApi } from './demo-credits';
import type { Sandboxes } from './sandbox-connections';

export async function addDemoAccounting(s: Sandboxes): Promise<void> {
  if (s.fresh.qbo) await qboAccounting(s.qbo);
  if (s.fresh.qbd) qbdAccounting(s.qbd.file);
}

async function qboAccounting(qbo: QboSandbox): Promise<void> {
  const { api, query } = await qboDemoApi(qbo, 'accounting entries');
  const accounts = (await query('SELECT * FROM Account')).Account ?? [];
  const vendors = (await query('SELECT * FROM Vendor')).Vendor ?? [];
  const [employee] = (await query('SELECT * FROM Employee')).Employee ?? [];
  const [customer] = (await query('SELECT * FROM Customer')).Customer ?? [];
  const [hours] = (await query("SELECT * FROM Item WHERE Name = 'Consulting Hours'")).Item ?? [];
  const account = (name: string) => ({ value: accounts.find((a) => a.Name === name)?.Id ?? '' });
  if (!customer || !employee || !hours || vendors.length < 2 || !account('Checking').value) return;
  const deposit = (amount: number, to: string, more: object = {}) => ({
    DetailType: 'DepositLineDetail',
    Amount: amount,
    DepositLineDetail: { AccountRef: account(to), ...more },
  });
  const posting = (type: 'Debit' | 'Credit', amount: number, to: string, more: object = {}) => ({
    DetailType: 'JournalEntryLineDetail',
    Amount: amount,
    JournalEntryLineDetail: { PostingType: type, AccountRef: account(to), ...more },
  });
  const expense = (amount: number, description: string) => ({
    DetailType: 'AccountBasedExpenseLineDetail',
    Amount: amount,
    Description: description,
    AccountBasedExpenseLineDetail: { AccountRef: account('Office Expenses') },
  });
  const entries: [string, object][] = [
    [
      'deposit',
      {
        DepositToAccountRef: account('Checking'),
        TxnDate: '2026-02-03',
        PrivateNote: 'Front desk: retainer & owner top-up',
        Line: [
          deposit(500, 'Services', { Entity: { value: customer.Id, type: 'Customer' }, CheckNum: '1042' }),
          deposit(250, 'Owner Equity'),
        ],
      },
    ],
    [
      'deposit',
      { DepositToAccountRef: account('Checking'), TxnDate: '2026-02-10', Line: [deposit(99.99, 'Services')] },
    ],
    [
      'journalentry',
      {
        DocNumber: 'JE-9101',
        TxnDate: '2026-01-31',
        Adjustment: true,
        PrivateNote: 'Accrue January hosting',
        Line: [
          posting('Debit', 320.4, 'Office Expenses'),
          posting('Credit', 320.4, 'Accounts Payable (A/P)', {
            Entity: { Type: 'Vendor', EntityRef: { value: vendors[1].Id } },
          }),
        ],
      },
    ],
    [
      'journalentry',
      {
        DocNumber: 'JE-9102',
        TxnDate: '2026-02-01',
        Line: [posting('Debit', 1000, 'Checking'), posting('Credit', 1000, 'Owner Equity')],
      },
    ],
    [
      'vendorcredit',
      {
        VendorRef: { value: vendors[0].Id },
        DocNumber: 'VC-9101',
        TxnDate: '2026-02-03',
        Line: [expense(45, 'Returned toner')],
      },
    ],
    [
      'vendorcredit',
      {
        VendorRef: { value: vendors[1].Id },
        DocNumber: 'VC-9102',
        TxnDate: '2026-02-04',
        Line: [expense(30, 'Outage credit')],
      },
    ],
    [
      'timeactivity',
      {
        NameOf: 'Employee',
        EmployeeRef: { value: employee.Id },
        CustomerRef: { value: customer.Id },
        ItemRef: { value: hours.Id },
        TxnDate: '2026-02-03',
        Hours: 2,
        Minutes: 30,
        BillableStatus: 'Billable',
        HourlyRate: 150,
        Description: 'Kick-off workshop',
      },
    ],
    [
      'timeactivity',
      {
        NameOf: 'Employee',
        EmployeeRef: { value: employee.Id },
        TxnDate: '2026-02-04',
        Hours: 1,
        Minutes: 15,
        BillableStatus: 'NotBillable',
        Description: 'Internal planning',
      },
    ],
    ...vendors.slice(0, 2).map((v, i): [string, object] => [
      'purchase',
      {
        PaymentType: 'Check',
        AccountRef: account('Checking'),
        EntityRef: { value: v.Id, type: 'Vendor' },
        DocNumber: `CHK-910${i + 1}`,
        TxnDate: '2026-02-05',
        PrivateNote: i ? 'Hosting, February' : 'Paper and toner',
        Line: [expense(i ? 120 : 64.5, i ? 'Hosting' : 'Office supplies')],
      },
    ]),
  ];
  for (const [path, body] of entries) await api(`${path}?minorversion=75`, body);
}

function qbdAccounting(file: CompanyFile): void {
  const [customer] = file.customers();
  const [vendor, other] = file.objects(['Vendor']);
  if (!customer || !vendor || !other) return;
  const ref = (tag: string, listId: string) => `<${tag}><ListID>${listId}</ListID></${tag}>`;
  const account = (tag: string, name: string) => `<${tag}><FullName>${name}</FullName></${tag}>`;
  const expense = (amount: string, memo: string) =>
    `<ExpenseLineAdd>${account('AccountRef', 'Office Expenses')}<Amount>${amount}</Amount><Memo>${memo}</Memo></ExpenseLineAdd>`;
  const depositLine = (to: string, amount: string, more = '') =>
    `<DepositLineAdd>${more}${account('AccountRef', to)}<Amount>${amount}</Amount></DepositLineAdd>`;
  const posting = (kind: 'Debit' | 'Credit', to: string, amount: string, more = '') =>
    `<Journal${kind}Line>${account('AccountRef', to)}<Amount>${amount}</Amount>${more}</Journal${kind}Line>`;
  const checking = account('DepositToAccountRef', 'Checking');
  qbxml(
    file,
    'Deposit',
    `<TxnDate>2026-02-03</TxnDate>${checking}<Memo>Front desk: retainer &amp; cash</Memo>` +
      depositLine('Sales Income', '500.00', ref('EntityRef', customer.listId)) +
      depositLine('Undeposited Funds', '250.00'),
  );
  qbxml(file, 'Deposit', `<TxnDate>2026-02-10</TxnDate>${checking}` + depositLine('Sales Income', '99.99'));
  qbxml(
    file,
    'JournalEntry',
    '<TxnDate>2026-01-31</TxnDate><RefNumber>JE-9001</RefNumber><IsAdjustment>true</IsAdjustment>' +
      posting('Debit', 'Office Expenses', '320.40', '<Memo>Hosting, January</Memo>') +
      posting('Credit', 'Accounts Payable', '320.40', ref('EntityRef', vendor.id)),
  );
  qbxml(
    file,
    'JournalEntry',
    '<TxnDate>2026-02-01</TxnDate><RefNumber>JE-9002</RefNumber>' +
      posting('Debit', 'Checking', '1000.00') +
      posting('Credit', 'Sales Income', '1000.00'),
  );
  [vendor, other].forEach((v, i) => {
    const n = `900${i + 1}`;
    qbxml(
      file,
      'VendorCredit',
      `${ref('VendorRef', v.id)}<TxnDate>2026-02-0${3 + i}</TxnDate><RefNumber>VC-${n}</RefNumber>` +
        expense(i ? '30.00' : '45.00', i ? 'Outage credit' : 'Returned toner'),
    );
    qbxml(
      file,
      'Check',
      `${account('AccountRef', 'Checking')}${ref('PayeeEntityRef', v.id)}<RefNumber>CHK-${n}</RefNumber>` +
        `<TxnDate>2026-02-05</TxnDate><Memo>${i ? 'Hosting, February' : 'Paper and toner'}</Memo>` +
        expense(i ? '120.00' : '64.50', i ? 'Hosting' : 'Office supplies'),
    );
  });
  qbxml(
    file,
    'TimeTracking',
    `<TxnDate>2026-02-03</TxnDate>${ref('EntityRef', vendor.id)}${ref('CustomerRef', customer.listId)}` +
      '<ItemServiceRef><FullName>Consulting Hours</FullName></ItemServiceRef><Duration>PT2H30M</Duration>' +
      '<Notes>Kick-off workshop</Notes><BillableStatus>Billable</BillableStatus>',
  );
  qbxml(
    file,
    'TimeTracking',
    `<TxnDate>2026-02-04</TxnDate>${ref('EntityRef', other.id)}<Duration>PT1H15M</Duration>` +
      '<Notes>Internal planning</Notes><BillableStatus>NotBillable</BillableStatus>',
  );
}
