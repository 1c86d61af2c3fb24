// Builds qbXML request sets with fast-xml-parser's builder. Three rules from
// reference C3/C5 shape everything here:
// - elements go out in schema order (qbxml-schema.ts), whatever order the data had;
// - `& < > " '` are escaped as entities by the builder, and every non-ASCII
//   character is sent as a numeric entity (`D&#233;cor`): raw UTF-8 accents have
//   failed QuickBooks' parser (consolibyte wiki, "quickbooks_qbxml_questions");
// - the `<?qbxml version?>` is the session's negotiated version, never a constant.
import { XMLBuilder } from 'fast-xml-parser';
import type { CustomerFields, DataExtSet, InvoiceQuery, Iterator, CustomerQuery, QbdRequest } from './qbxml-request';
import { ADDRESS_FIELDS, ADDRESS_ORDER, CUSTOMER_ADD_ORDER, REF_FIELDS } from './qbxml-schema';

type Node = Record<string, unknown>;

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', format: false, suppressEmptyNode: false });

/** Every character outside ASCII as `&#NNN;` (code points, so emoji stay one entity). */
export function asciiEntities(xml: string): string {
  return xml.replace(/[^\x00-\x7f]/gu, (ch) => `&#${ch.codePointAt(0)};`);
}

export interface RequestSetItem { requestID: string; request: QbdRequest }

/** One `<?qbxml?>` document holding several requests, each answered by its own `…Rs` with this requestID. */
export function buildRequestSet(version: string, items: RequestSetItem[], onError: 'continueOnError' | 'stopOnError' = 'continueOnError'): string {
  // Each request is built on its own and joined in order: QuickBooks processes a
  // set in document order, and a builder object would group requests by name.
  const body = items.map((item) => {
    const [name, el] = requestElement(item.request);
    return builder.build({ [name]: { '@requestID': item.requestID, ...el } }) as string;
  }).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${version}"?>\n<QBXML><QBXMLMsgsRq onError="${onError}">${asciiEntities(body)}</QBXMLMsgsRq></QBXML>`;
}

/** The request element's name and ordered body (attributes as `@…`). */
export function requestElement(r: QbdRequest): [string, Node] {
  switch (r.type) {
    case 'HostQuery': return ['HostQueryRq', {}];
    case 'CustomerQuery': return ['CustomerQueryRq', customerQuery(r)];
    case 'CustomerAdd': return ['CustomerAddRq', { CustomerAdd: ordered(r.fields, CUSTOMER_ADD_ORDER) }];
    case 'CustomerMod': return ['CustomerModRq', { CustomerMod: { ListID: r.listId, EditSequence: r.editSequence, ...ordered(r.fields, CUSTOMER_ADD_ORDER) } }];
    case 'InvoiceQuery': return ['InvoiceQueryRq', invoiceQuery(r)];
    case 'DataExtAdd': case 'DataExtMod': return [`${r.type}Rq`, dataExt(r)];
    case 'DataExtDefAdd': return ['DataExtDefAddRq', { DataExtDefAdd: { OwnerID: r.ownerId, DataExtName: r.name, DataExtType: r.dataExtType, AssignToObject: r.assignToObject } }];
  }
}

function iteratorAttrs(it: Iterator | undefined): Node {
  if (!it) return {};
  return it.iterator === 'Start' ? { '@iterator': 'Start' } : { '@iterator': 'Continue', '@iteratorID': it.iteratorID };
}

function customerQuery(q: CustomerQuery): Node {
  const out: Node = iteratorAttrs(q.iterator);
  // Exclusive groups (reference C3): ids or names, else the list filters.
  if (q.listIds?.length) out.ListID = q.listIds;
  else if (q.fullNames?.length) out.FullName = q.fullNames;
  else {
    if (q.maxReturned !== undefined) out.MaxReturned = String(q.maxReturned);
    if (q.activeStatus) out.ActiveStatus = q.activeStatus;
    if (q.fromModifiedDate) out.FromModifiedDate = q.fromModifiedDate;
    if (q.toModifiedDate) out.ToModifiedDate = q.toModifiedDate;
    if (q.nameFilter) out.NameFilter = { MatchCriterion: q.nameFilter.matchCriterion, Name: q.nameFilter.name };
  }
  if (q.includeRetElements?.length) out.IncludeRetElement = q.includeRetElements;
  if (q.ownerId !== undefined) out.OwnerID = q.ownerId;
  return out;
}

function invoiceQuery(q: InvoiceQuery): Node {
  const out: Node = iteratorAttrs(q.iterator);
  if (q.txnIds?.length) out.TxnID = q.txnIds;
  else if (q.refNumbers?.length) out.RefNumber = q.refNumbers;
  else {
    if (q.maxReturned !== undefined) out.MaxReturned = String(q.maxReturned);
    if (q.fromModifiedDate || q.toModifiedDate) {
      const range: Node = {};
      if (q.fromModifiedDate) range.FromModifiedDate = q.fromModifiedDate;
      if (q.toModifiedDate) range.ToModifiedDate = q.toModifiedDate;
      out.ModifiedDateRangeFilter = range;
    }
    if (q.customerFullName) out.EntityFilter = { FullName: q.customerFullName };
  }
  if (q.includeLineItems !== undefined) out.IncludeLineItems = String(q.includeLineItems);
  if (q.includeRetElements?.length) out.IncludeRetElement = q.includeRetElements;
  if (q.ownerId !== undefined) out.OwnerID = q.ownerId;
  return out;
}

function dataExt(r: DataExtSet): Node {
  const key = r.type === 'DataExtAdd' ? 'DataExtAdd' : 'DataExtMod';
  return { [key]: { OwnerID: r.ownerId, DataExtName: r.name, ListDataExtType: r.listDataExtType, ListObjRef: 'ListID' in r.listObj ? { ListID: r.listObj.ListID } : { FullName: r.listObj.FullName }, DataExtValue: r.value } };
}

/** Fields in schema order; nested aggregates ordered too. Unknown fields are the caller's to refuse (see unknownFields). */
export function ordered(fields: CustomerFields, order: readonly string[]): Node {
  const out: Node = {};
  for (const name of order) {
    const v = fields[name];
    if (v === undefined || v === null || v === '') continue;
    if (ADDRESS_FIELDS.has(name) && typeof v === 'object') {
      const addr = ordered(v as CustomerFields, ADDRESS_ORDER);
      if (Object.keys(addr).length) out[name] = addr;
    } else if (REF_FIELDS.has(name)) {
      out[name] = typeof v === 'object' ? ordered(v as CustomerFields, ['ListID', 'FullName']) : { FullName: String(v) };
    } else out[name] = typeof v === 'boolean' ? String(v) : typeof v === 'number' ? String(v) : v;
  }
  return out;
}

/** Fields the schema does not have on this object: sending them would fail the whole set with 0x80040400. */
export function unknownFields(fields: CustomerFields, order: readonly string[]): string[] {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'DataExt') continue; // custom fields travel as DataExtAdd/Mod after the record (qbd-data-ext.ts)
    if (!order.includes(k)) bad.push(k);
    else if (ADDRESS_FIELDS.has(k) && v && typeof v === 'object') for (const a of Object.keys(v)) if (!(ADDRESS_ORDER as readonly string[]).includes(a)) bad.push(`${k}.${a}`);
  }
  return bad;
}
