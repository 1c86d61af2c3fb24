// QuickBooks' request processor: takes a request set, answers each request in
// document order with its own status, stops at the first error under
// `onError="stopOnError"` (the rest get no answer), and throws ParseFailure
// (HRESULT 0x80040400) when the set breaks the schema (reference C3, C4).
import type { CompanyFile } from './company-file';
import { customerAdd, customerMod, customerQuery } from './customer-handlers';
import { objectAdd, objectDel, objectMod } from './object-handlers';
import { objectQuery } from './object-query';
import { SCHEMA } from './qb-schema';
import { checkOrder, child, childText, ParseFailure, readRequestSet, type El } from './qbxml-in';
import { OK, notFound, responseSet, rs, type Status } from './qbxml-out';
import type { Host, Session } from './session';

export const SUPPORTED_VERSIONS = [
  '1.0',
  '1.1',
  '2.0',
  '2.1',
  '3.0',
  '4.0',
  '4.1',
  '5.0',
  '6.0',
  '7.0',
  '8.0',
  '9.0',
  '10.0',
  '11.0',
  '12.0',
  '13.0',
];

export type { Host, Session };

export const DEFAULT_HOST: Host = {
  productName: 'QuickBooks Enterprise Solutions 23.0',
  majorVersion: '33',
  country: 'US',
  versions: SUPPORTED_VERSIONS,
  companyName: 'Weft Demo Company (Desktop)',
};

export function hostQueryRs(host: Host, requestID?: string): string {
  return rs('HostQueryRs', requestID, OK, {
    HostRet: {
      ProductName: host.productName,
      MajorVersion: host.majorVersion,
      MinorVersion: '0',
      Country: host.country,
      SupportedQBXMLVersion: host.versions,
      IsAutomaticLogin: 'false',
      QBFileMode: 'SingleUser',
    },
  });
}

/** The strHCPResponse of a session's first sendRequestXML: HostQuery, CompanyQuery, PreferencesQuery (C1). */
export function hcpResponse(host: Host): string {
  return responseSet([
    hostQueryRs(host),
    rs('CompanyQueryRs', undefined, OK, {
      CompanyRet: { IsSampleCompany: 'false', CompanyName: host.companyName, LegalCompanyName: host.companyName },
    }),
    rs('PreferencesQueryRs', undefined, OK, {
      PreferencesRet: { AccountingPreferences: { IsUsingAccountNumbers: 'false' } },
    }),
  ]);
}

type Answer = [Status, Record<string, unknown>, Record<string, string>?];

function dataExt(file: CompanyFile, rq: El, mod: boolean): Answer {
  const body = child(rq, mod ? 'DataExtMod' : 'DataExtAdd');
  if (!body)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (DataExt body missing).',
    );
  checkOrder(body, [
    'OwnerID',
    'DataExtName',
    'ListDataExtType',
    'ListObjRef',
    'TxnDataExtType',
    'TxnID',
    'TxnLineID',
    'OtherDataExtType',
    'DataExtValue',
  ]);
  const owner = childText(body, 'OwnerID') ?? '0';
  const name = childText(body, 'DataExtName') ?? '';
  const ref = child(body, 'ListObjRef');
  // ListDataExtType names the list (Customer, Vendor, Item…); the object must be of that list (an item of any type for Item).
  const listType = childText(body, 'ListDataExtType') ?? 'Customer';
  const c = ref ? dataExtTarget(file, listType, childText(ref, 'ListID'), childText(ref, 'FullName')) : undefined;
  if (!c) return [notFound(ref ? (childText(ref, 'ListID') ?? childText(ref, 'FullName') ?? '') : ''), {}];
  if ([...name].length > 31)
    return [
      { code: 3070, severity: 'Error', message: `The string "${name}" in the field "DataExtName" is too long.` },
      {},
    ];
  const def = file.dataExtDef(owner, name);
  if (!def || !def.objects.includes(listType)) return [notFound(name), {}];
  const has = file.dataExt(owner, name, c.listId) !== undefined;
  // DataExtAdd on a field that already has a value fails; Mod is the way (reference C3).
  if (!mod && has)
    return [
      {
        code: 3180,
        severity: 'Error',
        message: `There was an error when saving a data extension named "${name}". QuickBooks error message: This data extension already has a value.`,
      },
      {},
    ];
  if (mod && !has) return [notFound(name), {}];
  const value = childText(body, 'DataExtValue') ?? '';
  file.setDataExt(owner, name, c.listId, value);
  return [OK, { DataExtRet: { OwnerID: owner, DataExtName: name, DataExtType: 'STR255TYPE', DataExtValue: value } }];
}

/** The list object a DataExt is set on: customers have a table of their own, the other lists are catalogue records. */
function dataExtTarget(
  file: CompanyFile,
  listType: string,
  listId: string | undefined,
  fullName: string | undefined,
): { listId: string } | undefined {
  if (listType === 'Customer') {
    const c = listId ? file.customer(listId) : file.customerByName(fullName ?? '');
    return c ? { listId: c.listId } : undefined;
  }
  const ofType = (object: string) => SCHEMA.get(object)?.dataExt === listType;
  if (listId) {
    const o = file.object(listId);
    return o && ofType(o.object) ? { listId: o.id } : undefined;
  }
  const namespace = [...SCHEMA.values()].find((d) => d.dataExt === listType)?.namespace;
  const o = namespace ? file.objectByName(namespace, fullName ?? '') : undefined;
  return o && ofType(o.object) ? { listId: o.id } : undefined;
}

function dataExtDefAdd(file: CompanyFile, rq: El): Answer {
  const body = child(rq, 'DataExtDefAdd');
  if (!body)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (DataExtDefAdd body missing).',
    );
  checkOrder(body, ['OwnerID', 'DataExtName', 'DataExtType', 'AssignToObject', 'AssignToObjectType', 'DefaultValue']);
  const owner = childText(body, 'OwnerID') ?? '0';
  const name = childText(body, 'DataExtName') ?? '';
  if ([...name].length > 31)
    return [
      { code: 3070, severity: 'Error', message: `The string "${name}" in the field "DataExtName" is too long.` },
      {},
    ];
  if (file.dataExtDef(owner, name))
    return [
      { code: 3100, severity: 'Error', message: `The name "${name}" of the list element is already in use.` },
      {},
    ];
  const objects = body.children.filter((c) => c.name === 'AssignToObject').map((c) => c.text);
  file.addDataExtDef(owner, name, childText(body, 'DataExtType') ?? 'STR255TYPE', objects);
  return [
    OK,
    {
      DataExtDefRet: {
        OwnerID: owner,
        DataExtID: String(objects.length),
        DataExtName: name,
        DataExtType: childText(body, 'DataExtType') ?? 'STR255TYPE',
        AssignToObject: objects,
      },
    },
  ];
}

function answer(file: CompanyFile, rq: El, session: Session, host: Host): Answer {
  switch (rq.name) {
    case 'HostQueryRq':
      return [
        OK,
        {
          HostRet: {
            ProductName: host.productName,
            MajorVersion: host.majorVersion,
            MinorVersion: '0',
            Country: host.country,
            SupportedQBXMLVersion: host.versions,
          },
        },
      ];
    case 'CustomerQueryRq':
      return customerQuery(file, rq, session);
    case 'CustomerAddRq':
      return customerAdd(file, rq);
    case 'CustomerModRq':
      return customerMod(file, rq);
    case 'DataExtDefAddRq':
      return dataExtDefAdd(file, rq);
    case 'DataExtAddRq':
      return dataExt(file, rq, false);
    case 'DataExtModRq':
      return dataExt(file, rq, true);
    case 'ListDelRq':
    case 'TxnDelRq':
      return objectDel(file, rq);
    case 'ItemQueryRq':
      return objectQuery(
        file,
        [...SCHEMA.values()].filter((d) => d.queryAs === 'Item' && d.add),
        rq,
        session,
      );
  }
  const m = /^(\w+?)(Add|Mod|Query)Rq$/.exec(rq.name);
  const d = m ? SCHEMA.get(m[1]) : undefined;
  if (m && d && d.add && d.name !== 'Customer') {
    if (m[2] === 'Add') return objectAdd(file, d, rq, host);
    if (m[2] === 'Mod') return objectMod(file, d, rq, host);
    return objectQuery(file, [d], rq, session);
  }
  switch (rq.name) {
    default:
      return [
        {
          code: 3250,
          severity: 'Error',
          message: `This feature is not enabled or not available in this version of QuickBooks. (${rq.name} is not supported by the Weft sandbox.)`,
        },
        {},
      ];
  }
}

/** Requests that change the company file (qbXML OSR: every …Add, …Mod, …Del and …Void request). */
const WRITE_REQUEST = /(Add|Mod|Del|Void)Rq$/;

/** Answers a request set; throws ParseFailure for the whole set, as QuickBooks' HRESULT 0x80040400. */
export function processRequestSet(file: CompanyFile, xml: string, session: Session, host: Host = DEFAULT_HOST): string {
  const set = readRequestSet(xml, host.versions);
  // Validate the whole set first: QuickBooks rejects a malformed set before doing any of it.
  const parts: string[] = [];
  const answers: [El, Answer][] = [];
  file.transaction(() => {
    for (const rq of set.requests) {
      if (WRITE_REQUEST.test(rq.name)) file.writeRequests++;
      const a = answer(file, rq, session, host);
      answers.push([rq, a]);
      if (a[0].severity === 'Error' && set.onError === 'stopOnError') break;
    }
  });
  for (const [rq, [status, body, extra]] of answers)
    parts.push(rs(rq.name.replace(/Rq$/, 'Rs'), rq.attrs.requestID, status, body, extra ?? {}));
  return responseSet(parts);
}
