// Reads qbXML responses with fast-xml-parser: every `…Rs` with its status
// attributes (reference C4), its `…Ret` records, and iterator attributes (C3).
// Values stay text: ListIDs, EditSequences, RefNumbers ("00123") and amounts
// must not be turned into numbers on the way.
import { XMLParser } from 'fast-xml-parser';
import { MIN_QBXML_VERSION, WEFT_QBXML_VERSION } from './qbxml-schema';

export type Severity = 'Info' | 'Warn' | 'Error';

/** One answer of a request set. JSON: it is stored in the outbox until the node takes it. */
export interface QbdRs {
  name: string;
  requestID: string;
  statusCode: number;
  statusSeverity: Severity;
  statusMessage: string;
  iteratorID?: string;
  iteratorRemainingCount?: number;
  /** The records returned (`CustomerRet`, `InvoiceRet`, `DataExtRet`…), in document order per kind. */
  rets: Record<string, unknown>[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  // Repeatable elements whose names do not end in Ret (JournalEntryRet, ItemGroupRet; LinkedTxn in any txn Ret).
  isArray: (name, jpath) =>
    /Ret$/.test(name) ||
    name === 'SupportedQBXMLVersion' ||
    name === 'JournalDebitLine' ||
    name === 'JournalCreditLine' ||
    name === 'ItemGroupLine' ||
    name === 'LinkedTxn' ||
    (String(jpath).endsWith(`QBXMLMsgsRs.${name}`) && /Rs$/.test(name)),
});

export class QbxmlParseError extends Error {}

/** All answers of a response set, by requestID. Throws QbxmlParseError when it is not a qbXML response. */
export function parseResponseSet(xml: string): QbdRs[] {
  let doc: Record<string, unknown>;
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>;
  } catch (e) {
    throw new QbxmlParseError(`QuickBooks' answer is not well-formed XML (${(e as Error).message.split('\n')[0]}).`);
  }
  const msgs = (doc.QBXML as Record<string, unknown> | undefined)?.QBXMLMsgsRs;
  if (msgs === undefined) throw new QbxmlParseError("QuickBooks' answer has no QBXMLMsgsRs element.");
  if (msgs === '') return [];
  const out: QbdRs[] = [];
  for (const [name, list] of Object.entries(msgs as Record<string, unknown>)) {
    if (!name.endsWith('Rs')) continue;
    for (const rs of list as Record<string, unknown>[]) out.push(rsOf(name, typeof rs === 'object' && rs ? rs : {}));
  }
  return out;
}

function rsOf(name: string, rs: Record<string, unknown>): QbdRs {
  const rets: Record<string, unknown>[] = [];
  for (const [k, v] of Object.entries(rs))
    if (k.endsWith('Ret')) for (const r of v as unknown[]) rets.push({ ...(r as Record<string, unknown>), '#kind': k });
  const remaining = rs.iteratorRemainingCount;
  return {
    name,
    requestID: String(rs.requestID ?? ''),
    statusCode: Number(rs.statusCode ?? 0),
    statusSeverity: (rs.statusSeverity as Severity) ?? 'Info',
    statusMessage: String(rs.statusMessage ?? ''),
    ...(rs.iteratorID !== undefined ? { iteratorID: String(rs.iteratorID) } : {}),
    ...(remaining !== undefined ? { iteratorRemainingCount: Number(remaining) } : {}),
    rets,
  };
}

export interface HostInfo {
  productName: string;
  majorVersion: string;
  country: string;
  supportedVersions: string[];
  fileMode: string;
  companyName: string | null;
}

/** The HostQuery/CompanyQuery answers QuickBooks sends with the first sendRequestXML of a session (C1). */
export function parseHcpResponse(xml: string): HostInfo | null {
  if (!xml.trim()) return null;
  let rs: QbdRs[];
  try {
    rs = parseResponseSet(xml);
  } catch {
    return null;
  }
  const host = rs.find((r) => r.name === 'HostQueryRs')?.rets[0] as Record<string, unknown> | undefined;
  if (!host) return null;
  const company = rs.find((r) => r.name === 'CompanyQueryRs')?.rets[0] as Record<string, unknown> | undefined;
  return {
    productName: String(host.ProductName ?? ''),
    majorVersion: String(host.MajorVersion ?? ''),
    country: String(host.Country ?? 'US'),
    supportedVersions: ((host.SupportedQBXMLVersion as unknown[]) ?? []).map(String),
    fileMode: String(host.QBFileMode ?? ''),
    companyName: company?.CompanyName !== undefined ? String(company.CompanyName) : null,
  };
}

const num = (v: string) => {
  const [a, b] = v.split('.').map(Number);
  return (a || 0) * 1000 + (b || 0);
};

/** The highest version both QuickBooks (SupportedQBXMLVersion) and Weft know; null if QuickBooks is too old. */
export function negotiateVersion(supported: string[], max = WEFT_QBXML_VERSION): string | null {
  const ok = supported
    .filter((v) => /^\d+\.\d+$/.test(v) && num(v) <= num(max) && num(v) >= num(MIN_QBXML_VERSION))
    .sort((a, b) => num(b) - num(a));
  return ok[0] ?? null;
}
