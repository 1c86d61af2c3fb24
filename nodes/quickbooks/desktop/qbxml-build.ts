// Builds qbXML request sets with fast-xml-parser's builder. Three rules from
// reference C3/C5 shape everything here:
// - elements go out in schema order (the catalogue, wire/qbxml-objects.ts), whatever order the data had;
// - `& < > " '` are escaped as entities by the builder, and every non-ASCII
//   character is sent as a numeric entity (`D&#233;cor`): raw UTF-8 accents have
//   failed QuickBooks' parser (consolibyte wiki, "quickbooks_qbxml_questions");
// - the `<?qbxml version?>` is the session's negotiated version, never a constant, and an element
//   that version lacks (wire/qbxml-objects.ts ELEMENT_SINCE, e.g. ExternalGUID before 8.0) is left
//   out: QuickBooks would refuse the whole set (HRESULT 0x80040400).
import { XMLBuilder } from 'fast-xml-parser';
import type { DataExtSet, InvoiceQuery, Iterator, CustomerQuery, ObjectQuery, QbdRequest } from './qbxml-request';
import { entityDef, idField, modOrder, orderedBody } from './qbd-catalogue';
import { ELEMENT_SINCE } from '../../../wire/qbxml-objects';
import { versionAtLeast } from './qbxml-schema';

type Node = Record<string, unknown>;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: false,
  suppressEmptyNode: false,
});

/** Every character outside ASCII as `&#NNN;` (code points, so emoji stay one entity). */
export function asciiEntities(xml: string): string {
  return xml.replace(/[^\x00-\x7f]/gu, (ch) => `&#${ch.codePointAt(0)};`);
}

export interface RequestSetItem {
  requestID: string;
  request: QbdRequest;
}

/** One `<?qbxml?>` document holding several requests, each answered by its own `…Rs` with this requestID. */
export function buildRequestSet(
  version: string,
  items: RequestSetItem[],
  onError: 'continueOnError' | 'stopOnError' = 'continueOnError',
): string {
  // Each request is built on its own and joined in order: QuickBooks processes a
  // set in document order, and a builder object would group requests by name.
  const body = items
    .map((item) => {
      const [name, el] = requestElement(item.request);
      return builder.build({ [name]: { '@requestID': item.requestID, ...forVersion(el, version) } }) as string;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="${version}"?>\n<QBXML>` +
    `<QBXMLMsgsRq onError="${onError}">${asciiEntities(body)}</QBXMLMsgsRq></QBXML>`
  );
}

/** The body without the elements qbXML `version` does not have (at any depth). */
function forVersion(node: Node, version: string): Node {
  const out: Node = {};
  for (const [k, v] of Object.entries(node)) {
    if (ELEMENT_SINCE[k] && !versionAtLeast(version, ELEMENT_SINCE[k])) continue;
    const inner = (x: unknown) => (x && typeof x === 'object' ? forVersion(x as Node, version) : x);
    out[k] = Array.isArray(v) ? v.map(inner) : inner(v);
  }
  return out;
}

/** The request element's name and ordered body (attributes as `@…`). */
export function requestElement(r: QbdRequest): [string, Node] {
  switch (r.type) {
    case 'HostQuery':
      return ['HostQueryRq', {}];
    case 'CustomerQuery':
      return ['CustomerQueryRq', customerQuery(r)];
    case 'CustomerAdd':
      return [
        'CustomerAddRq',
        { CustomerAdd: orderedBody(entityDef('Customer'), r.fields, entityDef('Customer').add!) },
      ];
    case 'CustomerMod':
      return [
        'CustomerModRq',
        {
          CustomerMod: {
            ListID: r.listId,
            EditSequence: r.editSequence,
            ...orderedBody(entityDef('Customer'), r.fields, modOrder(entityDef('Customer')), true),
          },
        },
      ];
    case 'InvoiceQuery':
      return ['InvoiceQueryRq', invoiceQuery(r)];
    case 'DataExtAdd':
    case 'DataExtMod':
      return [`${r.type}Rq`, dataExt(r)];
    case 'DataExtDefAdd':
      return [
        'DataExtDefAddRq',
        {
          DataExtDefAdd: {
            OwnerID: r.ownerId,
            DataExtName: r.name,
            DataExtType: r.dataExtType,
            AssignToObject: r.assignToObject,
          },
        },
      ];
    case 'Add': {
      const d = entityDef(r.object);
      return [`${r.object}AddRq`, { [`${r.object}Add`]: orderedBody(d, r.fields, d.add ?? []) }];
    }
    case 'Mod': {
      const d = entityDef(r.object);
      return [
        `${r.object}ModRq`,
        {
          [`${r.object}Mod`]: {
            [idField(d)]: r.id,
            EditSequence: r.editSequence,
            ...orderedBody(d, r.fields, modOrder(d), true),
          },
        },
      ];
    }
    case 'Del': {
      const d = entityDef(r.object);
      return d.kind === 'txn'
        ? ['TxnDelRq', { TxnDelType: d.delType ?? d.name, TxnID: r.id }]
        : ['ListDelRq', { ListDelType: d.delType ?? d.name, ListID: r.id }];
    }
    case 'Query':
      return [`${entityDef(r.object).queryAs ?? r.object}QueryRq`, objectQuery(r)];
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

/**
 * Lists: ListID/FullName or MaxReturned, ActiveStatus, From/ToModifiedDate, NameFilter.
 * Transactions: TxnID/RefNumber or MaxReturned, ModifiedDateRangeFilter, EntityFilter;
 * IncludeLineItems (reference C3).
 */
function objectQuery(q: ObjectQuery): Node {
  const d = entityDef(q.object);
  const out: Node = iteratorAttrs(q.iterator);
  const txn = d.kind === 'txn';
  if (q.ids?.length) out[idField(d)] = q.ids;
  // Deposits and time entries have no RefNumber to look up by.
  else if (q.names?.length && d.match) out[txn ? 'RefNumber' : 'FullName'] = q.names;
  else {
    if (q.maxReturned !== undefined) out.MaxReturned = String(q.maxReturned);
    if (!txn && q.activeStatus) out.ActiveStatus = q.activeStatus;
    if (txn && (q.fromModifiedDate || q.toModifiedDate)) {
      const range: Node = {};
      if (q.fromModifiedDate) range.FromModifiedDate = q.fromModifiedDate;
      if (q.toModifiedDate) range.ToModifiedDate = q.toModifiedDate;
      out.ModifiedDateRangeFilter = range;
    }
    if (!txn && q.fromModifiedDate) out.FromModifiedDate = q.fromModifiedDate;
    if (!txn && q.toModifiedDate) out.ToModifiedDate = q.toModifiedDate;
    if (!txn && q.nameFilter) out.NameFilter = { MatchCriterion: q.nameFilter.matchCriterion, Name: q.nameFilter.name };
    if (txn && q.entity) out.EntityFilter = q.entity;
    if (txn && q.paidStatus) out.PaidStatus = q.paidStatus;
  }
  if (txn && d.lineItems && q.includeLineItems !== undefined) out.IncludeLineItems = String(q.includeLineItems);
  if (txn && q.includeLinkedTxns) out.IncludeLinkedTxns = 'true';
  if (q.includeRetElements?.length) out.IncludeRetElement = q.includeRetElements;
  if (q.ownerId !== undefined && !d.noOwnerId && !(txn && !d.lineItems)) out.OwnerID = q.ownerId;
  return out;
}

function dataExt(r: DataExtSet): Node {
  const key = r.type === 'DataExtAdd' ? 'DataExtAdd' : 'DataExtMod';
  return {
    [key]: {
      OwnerID: r.ownerId,
      DataExtName: r.name,
      ListDataExtType: r.listDataExtType,
      ListObjRef: 'ListID' in r.listObj ? { ListID: r.listObj.ListID } : { FullName: r.listObj.FullName },
      DataExtValue: r.value,
    },
  };
}
