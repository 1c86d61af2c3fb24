// Test support for the accounting (AP/GL) golden tests: QuickBooks records made the way
// QuickBooks makes them — Online through its REST API, Desktop through qbXML Add requests
// answered by the company file — and the Creatio rows the templates wrote.
import { XMLParser } from 'fast-xml-parser';
import { expect } from 'vitest';
import { processRequestSet, type CompanyFile } from '../sandbox/quickbooks-desktop';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import type { Golden } from './test-golden';

type Row = Record<string, any>;

/** The rows of a Creatio object in the sandbox, with the columns asked for. */
export function creatioRows(g: Golden, entity: string, columns: string[]): Row[] {
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return g.weft.sandboxes!.creatio.db.prepare(`SELECT ${cols} FROM "${entity}"`).all() as Row[];
}

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

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  isArray: (n) => n.endsWith('Ret') || n === 'JournalDebitLine' || n === 'JournalCreditLine',
});

/**
 * One qbXML Add request (`<DepositAdd>…</DepositAdd>`) answered by the Desktop company file, as
 * QuickBooks answers it through the Web Connector; asserts status 0 and answers the Ret.
 */
export function qbdAdd(file: CompanyFile, object: string, body: string): Row {
  const set =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
    `<${object}AddRq requestID="1"><${object}Add>${body}</${object}Add></${object}AddRq></QBXMLMsgsRq></QBXML>`;
  const out = xml.parse(processRequestSet(file, set, { iterators: new Map() })) as Row;
  const rs = out.QBXML.QBXMLMsgsRs[`${object}AddRs`] as Row;
  expect(rs.statusCode, rs.statusMessage).toBe('0');
  return rs[`${object}Ret`][0] as Row;
}

/** The same, for a Mod (`<AccountMod>` with ListID/TxnID and EditSequence). */
export function qbdMod(file: CompanyFile, object: string, body: string): Row {
  const set =
    '<?xml version="1.0" encoding="utf-8"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">' +
    `<${object}ModRq requestID="1"><${object}Mod>${body}</${object}Mod></${object}ModRq></QBXMLMsgsRq></QBXML>`;
  const out = xml.parse(processRequestSet(file, set, { iterators: new Map() })) as Row;
  const rs = out.QBXML.QBXMLMsgsRs[`${object}ModRs`] as Row;
  expect(rs.statusCode, rs.statusMessage).toBe('0');
  return rs[`${object}Ret`][0] as Row;
}

/** Creatio's form of a QuickBooks date: midnight UTC, 7 fractional digits. */
export const creatioDate = (d: string) => `${d}T00:00:00.0000000Z`;
