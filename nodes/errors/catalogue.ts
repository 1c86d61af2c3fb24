// The error catalogue (issue 16, Support): every error a failed record can carry — Weft's own,
// QuickBooks Online Faults, qbXML status codes, Web Connector HRESULTs, Creatio's, the QuickBooks
// Desktop application's series and the old hosted service's — with meaning and corrective action.
// `entryFor` links a recorded failure to its entry (by code, then by the message's text, then by
// the code's family), so every failed record shows its entry.
import type { RecordFailure } from '../define-node';
import type { CatalogueEntry } from './catalogue-types';
import { QBXML_STATUS, QUICKBOOKS_ONLINE, WEB_CONNECTOR } from './catalogue-quickbooks';
import { CREATIO_ERRORS, INTERWEAVE, QUICKBOOKS_DESKTOP_APP } from './catalogue-others';

export type { CatalogueEntry, ErrorSystem } from './catalogue-types';

const WEFT_SOURCE = 'Weft (issue 16): errors Weft itself reports about a record';

const WEFT: CatalogueEntry[] = [
  {
    id: 'weft-duplicate-source',
    system: 'weft',
    code: 'weft.binding.duplicate-source',
    title: 'Two source records would become one',
    meaning:
      'Two records of the source share the value the binding matches on (e.g. two ' +
      'accounts with one name), so both would become the same target record. Neither ' +
      'was written.',
    action:
      "Make the value unique in the source (or merge the records); or edit one record's name here and retry it. They stay open until then.",
    codes: ['weft.binding.duplicate-source', 'weft.binding.duplicate-target', 'weft.binding.ambiguous'],
    guide: 'daily-flow-management',
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-target-taken',
    system: 'weft',
    code: 'weft.binding.target-taken',
    title: 'Target record already bound to another',
    meaning: 'The target record this one matches is already bound to a different source record.',
    action: 'Unbind one of the two records, or merge them in the source, then retry.',
    codes: ['weft.binding.target-taken', 'weft.qbo.binding-mismatch', 'weft.qbd.binding-mismatch'],
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-mapping',
    system: 'weft',
    code: 'weft.mapping',
    title: 'A mapped value is missing or does not fit',
    meaning: 'A field the mapping requires is empty, or a value is longer than the target takes.',
    action: 'Fill or shorten the field in the source (or edit it here), then retry.',
    codes: ['weft.mapping', 'missing'],
    pattern: /^weft\.mapping/,
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-reference',
    system: 'weft',
    code: 'weft.reference.*',
    title: 'A referenced record is not synced yet',
    meaning: "The record refers to another (e.g. an invoice's customer) that has no counterpart in the target yet.",
    action: 'Sync the referenced record first (its own flow), then retry this one.',
    codes: ['weft.reference.unbound', 'weft.reference.empty', 'weft.reference.ambiguous'],
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-detail',
    system: 'weft',
    code: 'weft.detail.*',
    title: 'The lines of a record were not written to Creatio',
    meaning:
      "A record's lines (a deposit's, a journal entry's) go to a Creatio detail object after the record: the " +
      'record was not written first, a line has no key, or Creatio refused a line (the message names it).',
    action: 'Correct the line named (or its mapping), then retry the record: its lines are written again.',
    codes: ['weft.detail.lines', 'weft.detail.write'],
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-item',
    system: 'weft',
    code: 'weft.item.*',
    title: 'An item or product is missing or inactive',
    meaning: 'A line names an item the target does not have, or has made inactive.',
    action: 'Create or reactivate the item in the target (or map the product), then retry.',
    codes: ['weft.item.missing', 'weft.item.inactive', 'weft.item.no-product', 'weft.income-account'],
    source: WEFT_SOURCE,
  },
  {
    id: 'weft-node-error',
    system: 'weft',
    code: 'weft.node-error',
    title: 'A step failed on a whole batch',
    meaning: 'A step of the flow could not process its batch; every record of the batch carries its message.',
    action: 'Read the message; if it names a connection, test it. Then retry the records (bulk retry by this code).',
    codes: ['weft.node-error', 'weft.lost', 'weft.unknown', 'weft.qbo.unexpected', 'weft.qbd.unexpected'],
    source: WEFT_SOURCE,
  },
];

export const CATALOGUE: CatalogueEntry[] = [
  ...WEFT,
  ...QUICKBOOKS_ONLINE,
  ...QBXML_STATUS,
  ...WEB_CONNECTOR,
  ...CREATIO_ERRORS,
  ...QUICKBOOKS_DESKTOP_APP,
  ...INTERWEAVE,
];

const byCode = new Map<string, CatalogueEntry>();
for (const e of CATALOGUE) for (const c of e.codes ?? []) if (!byCode.has(c)) byCode.set(c, e);

/** Fallbacks by family, when neither the code nor the text is known. */
const FAMILY: { test: (code: string) => boolean; entry: CatalogueEntry }[] = [
  { test: (c) => c.startsWith('qbo.'), entry: QUICKBOOKS_ONLINE.find((e) => e.id === 'qbo-6000')! },
  { test: (c) => /^qbd\.0x/i.test(c), entry: WEB_CONNECTOR[0] },
  { test: (c) => /^qbd\.30\d\d$/.test(c), entry: QBXML_STATUS.find((e) => e.id === 'qbxml-3070')! },
  { test: (c) => c.startsWith('qbd.'), entry: QBXML_STATUS.find((e) => e.id === 'qbxml-3180')! },
  { test: (c) => c.startsWith('creatio.'), entry: CREATIO_ERRORS.find((e) => e.id === 'creatio-400')! },
  { test: (c) => c.startsWith('weft.qbo.'), entry: QUICKBOOKS_ONLINE.find((e) => e.id === 'qbo-6000')! },
  { test: (c) => c.startsWith('weft.qbd.'), entry: QBXML_STATUS.find((e) => e.id === 'qbxml-3180')! },
];

/** The catalogue entry explaining a recorded failure; null only for a failure nothing in the catalogue fits. */
export function entryFor(failure: Pick<RecordFailure, 'code' | 'message'>): CatalogueEntry | null {
  const exact = byCode.get(failure.code) ?? byCode.get(failure.code.toLowerCase());
  if (exact) return exact;
  for (const e of CATALOGUE)
    if (e.pattern && (e.pattern.test(failure.message) || e.pattern.test(failure.code))) return e;
  return FAMILY.find((f) => f.test(failure.code))?.entry ?? null;
}

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return CATALOGUE.find((e) => e.id === id);
}

/** Entries whose code, title, meaning or action hold every word of the query (any case). */
export function searchCatalogue(query: string): CatalogueEntry[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return CATALOGUE;
  return CATALOGUE.filter((e) => {
    const text = [e.code, e.title, e.meaning, e.action, ...(e.codes ?? [])].join(' ').toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
