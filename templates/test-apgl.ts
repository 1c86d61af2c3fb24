// Test support for the accounting (AP/GL) golden tests: QuickBooks records made the way
// QuickBooks makes them — Online through its REST API, Desktop through qbXML Add requests
// answered by the company file — and the Creatio rows the templates wrote (the money
// templates' tests read theirs here too).
import { expect } from 'vitest';
import type { CompanyFile } from '../sandbox/quickbooks-desktop';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import type { Golden } from './test-golden';
import { qbdSave } from './test-qbd-finance';

type Row = Record<string, any>;

/** The columns the accounting tests compare, by Creatio object (the Online and Desktop tests alike). */
export const GL_ACCOUNT_COLUMNS = [
  'UsrQBId',
  'UsrName',
  'UsrFullName',
  'UsrAccountType',
  'UsrAccountNumber',
  'UsrBalance',
  'UsrActive',
];
export const DEPOSIT_COLUMNS = ['Id', 'UsrQBId', 'UsrName', 'UsrTxnDate', 'UsrDepositTo', 'UsrTotalAmount', 'UsrMemo'];
export const DEPOSIT_LINE_COLUMNS = [
  'UsrDepositId',
  'UsrQBLineId',
  'UsrAccount',
  'UsrReceivedFrom',
  'UsrAmount',
  'UsrDescription',
  'UsrCheckNumber',
];
export const JOURNAL_COLUMNS = [
  'Id',
  'UsrQBId',
  'UsrName',
  'UsrRefNumber',
  'UsrTxnDate',
  'UsrTotalAmount',
  'UsrAdjustment',
];
export const JOURNAL_LINE_COLUMNS = [
  'UsrJournalEntryId',
  'UsrQBLineId',
  'UsrPostingType',
  'UsrDebit',
  'UsrCredit',
  'UsrAccount',
  'UsrEntityName',
  'UsrDescription',
];
export const VENDOR_CREDIT_COLUMNS = [
  'UsrQBId',
  'UsrName',
  'UsrRefNumber',
  'UsrAccountId',
  'UsrVendorName',
  'UsrTxnDate',
  'UsrTotalAmount',
];
export const TIME_ENTRY_COLUMNS = [
  'UsrQBId',
  'UsrName',
  'UsrDate',
  'UsrHours',
  'UsrWorkerName',
  'UsrAccountId',
  'UsrCustomerName',
  'UsrServiceItem',
  'UsrBillableStatus',
  'UsrDescription',
];

/** The rows of a Creatio object in the sandbox, with the columns asked for. */
export function creatioRows(g: Golden, entity: string, columns: string[]): Row[] {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return g.weft.sandboxes!.creatio.db.prepare(`SELECT ${cols} FROM "${entity}"`).all() as Row[];
}

/** The Id of the Creatio opportunity an invoice flow gave that number (UsrInvoiceNumber). */
export const opportunityIdByNumber = (g: Golden, number: string): string =>
  creatioRows(g, 'Opportunity', ['Id', 'UsrInvoiceNumber']).find((o) => o.UsrInvoiceNumber === number)!.Id as string;

/** The Id of a lookup (picklist) row by its name, e.g. ("UsrTransactionType", "Payment"). */
export const lookupRowId = (g: Golden, object: string, name: string): string =>
  creatioRows(g, object, ['Id', 'Name']).find((r) => r.Name === name)!.Id as string;

/** A QuickBooks Online API caller for the demo company; `create` asserts QuickBooks took the record. */
export async function qboApi(g: Golden) {
  const qbo = g.weft.sandboxes!.qbo;
  const token = await accessToken(qbo);
  const send = (path: string, body?: unknown) =>
    call(qbo, token, `${path}?minorversion=75`, body === undefined ? {} : { body });
  return {
    send,
    async create(entity: string, body: Row): Promise<Row> {
      const answer = await send(entity.toLowerCase(), body);
      expect(answer.status, answer.text).toBe(200);
      return answer.json[entity] as Row;
    },
    /** Every stored record of an entity, as QuickBooks keeps it. */
    all: (entity: string): Row[] =>
      qbo.store.all(qbo.realmId, entity).map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body })),
  };
}

/**
 * One qbXML Add request (`<DepositAdd>…</DepositAdd>`) answered by the Desktop company file, as
 * QuickBooks answers it through the Web Connector; asserts status 0 and answers the Ret.
 */
export const qbdAdd = (file: CompanyFile, object: string, body: string): Row => qbdSave(file, object, body, 'Add');

/** The same, for a Mod (`<AccountMod>` with ListID/TxnID and EditSequence). */
export const qbdMod = (file: CompanyFile, object: string, body: string): Row => qbdSave(file, object, body, 'Mod');

/** The Creatio account ids of that name (a QuickBooks record tied to an account is tied to one of them). */
export const accountIdsNamed = (g: Golden, name: string): string[] =>
  creatioRows(g, 'Account', ['Id', 'Name'])
    .filter((a) => a.Name === name)
    .map((a) => a.Id as string);

/** Creatio's form of a QuickBooks date: midnight UTC, 7 fractional digits. */
export const creatioDate = (d: string) => `${d}T00:00:00.0000000Z`;
