// A few credit memos in the demo companies (issue 15), so the credit memo templates show something on the first
// `weft start`: in each QuickBooks sandbox seeded anew, three credit memos, the first with part of its credit applied
// to an open invoice of its customer (QuickBooks Online: a zero-dollar Payment linking both; Desktop: a
// ReceivePayment with SetCredit). Entered through each sandbox's own protocol, so QuickBooks' rules and amounts
// apply as to any bookkeeper's entry. Tests boot without them: their golden data is the seed alone.
import { processRequestSet, type CompanyFile } from '../sandbox/quickbooks-desktop';
import type { QboSandbox } from '../sandbox/quickbooks-online';
import type { Sandboxes } from './sandbox-connections';

/**
 * What a demo credit memo is for, and its amount; the first is applied (half of it) to an open invoice. Numbered
 * CM-90xx in Desktop and CM-91xx in Online: the templates find a Creatio record by its number.
 */
const MEMOS = [
  { ref: '01', what: 'Returned courier package', amount: 40 },
  { ref: '02', what: 'Goodwill credit: late delivery', amount: 25 },
  { ref: '03', what: 'Price adjustment', amount: 12.5 },
];

export async function addDemoCredits(s: Sandboxes): Promise<void> {
  if (s.fresh.qbo) await qboCredits(s.qbo);
  if (s.fresh.qbd) qbdCredits(s.qbd.file);
}

/** The few fields of QuickBooks Online's records these files read. */
export interface Txn {
  Id: string;
  Balance?: number;
  CustomerRef: { value: string };
  Name?: string;
  DisplayName?: string;
  Type?: string;
}

/** A QuickBooks Online answer, as this file and demo-accounting.ts read it. */
export type QboAnswer = Record<string, unknown> & { QueryResponse?: Record<string, Txn[] | undefined> };

/**
 * A bookkeeper's QuickBooks Online calls for the demo company: `api(path, body?)` (a GET without a body) and
 * `query(sql)`. At QuickBooks' pace: an answer 429 (10 requests a second per app) is sent again a moment later.
 */
export async function qboDemoApi(qbo: QboSandbox, what: string) {
  const minted = await fetch(`${qbo.baseUrl}/__sandbox/tokens/${qbo.realmId}`, { method: 'POST' });
  const { access_token: token } = (await minted.json()) as { access_token: string };
  const api = async (path: string, body?: unknown): Promise<QboAnswer> => {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${qbo.baseUrl}/v3/company/${qbo.realmId}/${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (res.status === 429 && attempt < 20) await new Promise((r) => setTimeout(r, 200));
      else if (!res.ok) throw new Error(`The demo ${what} were not entered in QuickBooks Online: ${await res.text()}`);
      else return (await res.json()) as QboAnswer;
    }
  };
  const query = async (q: string) => (await api(`query?query=${encodeURIComponent(q)}`)).QueryResponse ?? {};
  return { api, query };
}

async function qboCredits(qbo: QboSandbox): Promise<void> {
  const { api, query } = await qboDemoApi(qbo, 'credit memos');
  const [open] = (await query('SELECT * FROM Invoice WHERE Balance > 0')).Invoice ?? [];
  const [item] = (await query("SELECT * FROM Item WHERE Type = 'Service'")).Item ?? [];
  const customers = (await query('SELECT * FROM Customer')).Customer ?? [];
  if (!open || !item) return;
  const whose = [open.CustomerRef.value, ...customers.map((c) => c.Id).filter((id) => id !== open.CustomerRef.value)];
  const made: Txn[] = [];
  for (const [i, m] of MEMOS.entries())
    made.push(
      (
        await api('creditmemo', {
          CustomerRef: { value: whose[i % whose.length] },
          DocNumber: `CM-91${m.ref}`,
          Line: [
            {
              DetailType: 'SalesItemLineDetail',
              Amount: m.amount,
              Description: m.what,
              SalesItemLineDetail: { ItemRef: { value: item.Id }, Qty: 1, UnitPrice: m.amount },
            },
          ],
        })
      ).CreditMemo as Txn,
    );
  const applied = Math.min(MEMOS[0].amount / 2, Number(open.Balance));
  await api('payment', {
    CustomerRef: { value: open.CustomerRef.value },
    TotalAmt: 0,
    Line: [
      { Amount: applied, LinkedTxn: [{ TxnId: open.Id, TxnType: 'Invoice' }] },
      { Amount: applied, LinkedTxn: [{ TxnId: made[0].Id, TxnType: 'CreditMemo' }] },
    ],
  });
}

function qbdCredits(file: CompanyFile): void {
  const open = file.invoices({}).find((i) => !i.isPaid);
  if (!open) return;
  const others = file.customers().filter((c) => c.listId !== open.customerListId);
  const whose = [open.customerListId, ...others.map((c) => c.listId)];
  const today = new Date(file.now()).toISOString().slice(0, 10);
  const ids = MEMOS.map((m, i) => {
    const ret = qbxml(
      file,
      'CreditMemo',
      `<CustomerRef><ListID>${whose[i % whose.length]}</ListID></CustomerRef><TxnDate>${today}</TxnDate>` +
        `<RefNumber>CM-90${m.ref}</RefNumber>` +
        `<CreditMemoLineAdd><ItemRef><FullName>Shipping</FullName></ItemRef><Desc>${m.what}</Desc>` +
        `<Amount>${m.amount.toFixed(2)}</Amount></CreditMemoLineAdd>`,
    );
    return /<TxnID>([^<]+)<\/TxnID>/.exec(ret)![1];
  });
  qbxml(
    file,
    'ReceivePayment',
    `<CustomerRef><ListID>${open.customerListId}</ListID></CustomerRef><TotalAmount>0.00</TotalAmount>` +
      `<AppliedToTxnAdd><TxnID>${open.txnId}</TxnID><SetCredit><CreditTxnID>${ids[0]}</CreditTxnID>` +
      `<AppliedAmount>${(MEMOS[0].amount / 2).toFixed(2)}</AppliedAmount></SetCredit></AppliedToTxnAdd>`,
  );
}

/** One `…AddRq` through the company file's qbXML engine; throws unless QuickBooks took it. */
export function qbxml(file: CompanyFile, kind: string, inner: string): string {
  const xml =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
    `<${kind}AddRq requestID="1"><${kind}Add>${inner}</${kind}Add></${kind}AddRq></QBXMLMsgsRq></QBXML>`;
  const answer = processRequestSet(file, xml, { iterators: new Map() });
  if (!/statusCode="0"/.test(answer))
    throw new Error(`The demo ${kind} was not entered in QuickBooks Desktop: ${answer}`);
  return answer;
}
