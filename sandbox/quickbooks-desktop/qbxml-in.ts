// Reads a qbXML request set the way QuickBooks does: the `<?qbxml version?>`
// must be there and supported, every element must come in schema order, and raw
// non-ASCII characters are refused, and so is an element the declared version does
// not have yet (wire/qbxml-objects.ts ELEMENT_SINCE: ExternalGUID is not in 7.0)
// (reference C3, C5). Any of these fails the whole set with HRESULT 0x80040400 —
// there is no per-request status for it.
import { XMLParser } from 'fast-xml-parser';
import { ELEMENT_SINCE } from '../../wire/qbxml-objects';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  text: string;
}

export class ParseFailure extends Error {}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: true,
  ignorePiTags: false,
});

function toEl(node: Record<string, unknown>): El | null {
  const name = Object.keys(node).find((k) => k !== ':@');
  if (!name || name === '#text') return null;
  const kids = (node[name] as Record<string, unknown>[]) ?? [];
  const attrs = (node[':@'] as Record<string, string>) ?? {};
  const children = kids.map(toEl).filter((x): x is El => x !== null);
  const text = kids
    .filter((k) => '#text' in k)
    .map((k) => String(k['#text']))
    .join('');
  return { name, attrs, children, text };
}

export interface RequestSet {
  version: string;
  onError: string;
  requests: El[];
}

export function readRequestSet(xml: string, supported: string[]): RequestSet {
  // Pitfall (C5): QuickBooks' parser has failed on raw UTF-8 accents; entities are required.
  if (/[^\x00-\x7f]/.test(xml))
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (raw non-ASCII character).',
    );
  // XML 1.0 has no control characters but TAB, LF and CR, raw or as &#n; (w3.org/TR/xml/#charsets and
  // "WFC: Legal Character"): QuickBooks' XML parser refuses the set (issue 18: a Creatio field with one).
  if (
    /[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(xml) ||
    [...xml.matchAll(/&#(x[0-9a-f]+|\d+);/gi)].some((m) => !xmlChar(m[1]))
  ) {
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (a character XML does not allow).',
    );
  }
  const version = /<\?qbxml\s+version="([\d.]+)"\s*\?>/.exec(xml)?.[1];
  if (!version)
    throw new ParseFailure(
      'QuickBooks found an error when parsing the provided XML text stream (no <?qbxml version?>).',
    );
  if (!supported.includes(version))
    throw new ParseFailure(
      `QuickBooks found an error when parsing the provided XML text stream (qbXML ${version} is not supported).`,
    );
  let doc: Record<string, unknown>[];
  try {
    doc = parser.parse(xml, true) as Record<string, unknown>[];
  } catch (e) {
    throw new ParseFailure(
      `QuickBooks found an error when parsing the provided XML text stream (${(e as Error).message.split('\n')[0]}).`,
    );
  }
  const root = doc.map(toEl).find((e) => e?.name === 'QBXML');
  const msgs = root?.children.find((c) => c.name === 'QBXMLMsgsRq');
  if (!msgs)
    throw new ParseFailure('QuickBooks found an error when parsing the provided XML text stream (no QBXMLMsgsRq).');
  for (const rq of msgs.children) checkVersion(rq, version);
  return { version, onError: msgs.attrs.onError ?? 'stopOnError', requests: msgs.children };
}

const versionNumber = (v: string) =>
  v
    .split('.')
    .map(Number)
    .reduce((major, minor) => major * 100 + (minor || 0));

/** Refuses an element the request set's qbXML version does not have (at any depth). */
function checkVersion(el: El, version: string): void {
  const since = ELEMENT_SINCE[el.name];
  if (since && versionNumber(version) < versionNumber(since)) {
    const why = `element <${el.name}> is not in qbXML ${version}; it needs ${since}`;
    throw new ParseFailure(`QuickBooks found an error when parsing the provided XML text stream (${why}).`);
  }
  for (const c of el.children) checkVersion(c, version);
}

/** Whether a character reference's number (`x1F`, `233`) names a character XML 1.0 allows. */
function xmlChar(ref: string): boolean {
  const n = ref[0] === 'x' || ref[0] === 'X' ? parseInt(ref.slice(1), 16) : Number(ref);
  return (
    n === 0x9 ||
    n === 0xa ||
    n === 0xd ||
    (n >= 0x20 && n <= 0xd7ff) ||
    (n >= 0xe000 && n <= 0xfffd) ||
    (n >= 0x10000 && n <= 0x10ffff)
  );
}

/** Checks children against the schema order (names may repeat where `*`). Throws ParseFailure. */
export function checkOrder(el: El, order: string[]): void {
  let pos = 0;
  for (const c of el.children) {
    const at = order.indexOf(c.name, pos);
    if (at < 0) {
      const known = order.includes(c.name);
      throw new ParseFailure(
        `QuickBooks found an error when parsing the provided XML text stream (${known ? 'out-of-order' : 'unexpected'} element <${c.name}> in <${el.name}>).`,
      );
    }
    pos = REPEATABLE.has(c.name) ? at : at + 1;
  }
}
const REPEATABLE = new Set([
  'ListID',
  'FullName',
  'TxnID',
  'RefNumber',
  'IncludeRetElement',
  'OwnerID',
  'InvoiceLineAdd',
  'AssignToObject',
]);

export const child = (el: El, name: string) => el.children.find((c) => c.name === name);
export const childText = (el: El, name: string) => child(el, name)?.text;
export const childTexts = (el: El, name: string) => el.children.filter((c) => c.name === name).map((c) => c.text);

/** An aggregate as a plain object (nested aggregates too). */
export function toObject(el: El): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of el.children) out[c.name] = c.children.length ? toObject(c) : c.text;
  return out;
}
