// What Weft knows about each QuickBooks Desktop object (data in wire/qbxml-objects.ts)
// and the rules read from it: which fields an object has (sending another one
// fails the whole request set with 0x80040400, reference C3), how long they may
// be (3070 past it, C5: Weft refuses first, never truncates), and which exist in
// the company file's country edition (HostQuery's Country: US, CA, UK, AU).
import { COMMON_LIMITS, COUNTRIES, type Country, type EntityDef, type LineDef } from '../../../wire/qbxml-objects';
import { OBJECTS } from '../../../wire/qbxml-object-table';

export { COUNTRIES, type Country, type EntityDef, type LineDef };

export const ENTITY_NAMES = OBJECTS.map((d) => d.name) as [string, ...string[]];
export const WRITABLE_ENTITIES = OBJECTS.filter((d) => d.add).map((d) => d.name) as [string, ...string[]];

const BY_NAME = new Map(OBJECTS.map((d) => [d.name, d]));
export function entityDef(name: string): EntityDef {
  const d = BY_NAME.get(name);
  if (!d)
    throw new Error(`QuickBooks Desktop has no object "${name}" in Weft's catalogue (${ENTITY_NAMES.join(', ')}).`);
  return d;
}

export const idField = (d: EntityDef) => (d.kind === 'txn' ? 'TxnID' : 'ListID');
export const modOrder = (d: EntityDef) => d.mod ?? d.add ?? [];
export const isRef = (name: string) => name.endsWith('Ref');
export const limitOf = (d: EntityDef, field: string) => d.limits?.[field] ?? COMMON_LIMITS[field];

type Fields = Record<string, unknown>;
const present = (v: unknown) => v !== undefined && v !== null && v !== '';

/** Fields (with their paths, e.g. `BillAddress.Addr9`, `InvoiceLineAdd.Colour`) this object does not have. */
export function unknownFields(d: EntityDef, fields: Fields, order: readonly string[] = d.add ?? []): string[] {
  const bad: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (k === 'DataExt' && d.dataExt) continue; // custom fields travel as DataExtAdd/Mod after the record (qbd-data-ext.ts)
    const name = lineElement(d, k) ?? k;
    if (!order.includes(name)) {
      bad.push(k);
      continue;
    }
    const shape = d.shapes[name];
    if (!shape || !v || typeof v !== 'object') continue;
    // A line may carry the TxnLineID QuickBooks gave it (written back to the source): a Mod edits that very line;
    // an Add leaves it out, every line of a new transaction being new.
    const modLine = d.lines?.find((l) => l.add === name && !l.keyed);
    const lineId = (f: string) => f === 'TxnLineID' && !!modLine && !!d.shapes[modLine.mod]?.includes('TxnLineID');
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item && typeof item === 'object')
        for (const f of Object.keys(item)) if (!shape.includes(f) && !lineId(f)) bad.push(`${k}.${f}`);
    }
  }
  return [...new Set(bad)];
}

/** A record may carry lines under their Add element name or their alias (`Lines`). */
function lineElement(d: EntityDef, key: string): string | undefined {
  return d.lines?.find((l) => l.alias === key)?.add;
}

/** Values past QuickBooks' limits, with the field path, so the record fails alone before anything is sent. */
export function overLimit(d: EntityDef, fields: Fields, path = ''): { field: string; value: string } | null {
  for (const [k, v] of Object.entries(fields)) {
    if (!present(v) || k === 'DataExt') continue;
    if (typeof v === 'object') {
      if (isRef(k) && !Array.isArray(v)) {
        const full = (v as Fields).FullName;
        const max = limitOf(d, 'FullName');
        if (typeof full === 'string' && [...full].length > max) return { field: `${path}${k}.FullName`, value: full };
        continue;
      }
      for (const item of Array.isArray(v) ? v : [v]) {
        const hit = item && typeof item === 'object' ? overLimit(d, item as Fields, `${path}${k}.`) : null;
        if (hit) return hit;
      }
      continue;
    }
    if (isRef(k)) {
      if ([...String(v)].length > limitOf(d, 'FullName')) return { field: `${path}${k}`, value: String(v) };
      continue;
    }
    const max = limitOf(d, k);
    if (max !== undefined && typeof v === 'string' && [...v].length > max) return { field: `${path}${k}`, value: v };
  }
  return null;
}

/** Fields this edition has no such element for (the whole set would fail to parse there). */
export function countryProblems(
  d: EntityDef,
  fields: Fields,
  country: Country,
): { field: string; only: readonly Country[] }[] {
  const out: { field: string; only: readonly Country[] }[] = [];
  const walk = (f: Fields, path: string) => {
    for (const [k, v] of Object.entries(f)) {
      if (!present(v)) continue;
      const only = d.country?.[k];
      if (only && !only.includes(country)) out.push({ field: `${path}${k}`, only });
      if (v && typeof v === 'object' && !isRef(k))
        for (const item of Array.isArray(v) ? v : [v])
          if (item && typeof item === 'object') walk(item as Fields, `${path}${k}.`);
    }
  };
  walk(fields, '');
  return out;
}

/** Whether a batch of this object can need the edition at all (saves a HostQuery when it cannot). */
export const hasCountryRules = (d: EntityDef) =>
  Object.keys(d.country ?? {}).length > 0 || (d.editions !== undefined && d.editions.length < COUNTRIES.length);
export const editionHas = (d: EntityDef, country: Country) => !d.editions || d.editions.includes(country);

/** Fields in schema order, aggregates and lines ordered too; a Mod renames line and aggregate elements to their Mod names. */
export function orderedBody(d: EntityDef, fields: Fields, order: readonly string[], mod = false): Fields {
  const out: Fields = {};
  const byElement = new Map<string, unknown>();
  for (const [k, v] of Object.entries(fields)) byElement.set(lineElement(d, k) ?? k, v);
  for (const name of order) {
    // Mod bodies name some aggregates differently (InvoiceLineMod, SalesOrPurchaseMod, JournalLineMod).
    const sources = mod ? modSources(d, name) : [name];
    for (const src of sources) {
      const v = byElement.get(src);
      if (!present(v)) continue;
      const line = d.lines?.find((l) => l.add === src);
      const value = ordered(d, v, name, line && mod ? line : undefined);
      if (value === undefined) continue;
      out[name] =
        out[name] === undefined
          ? value
          : [
              ...(Array.isArray(out[name]) ? (out[name] as unknown[]) : [out[name]]),
              ...(Array.isArray(value) ? value : [value]),
            ];
    }
  }
  return out;
}

function modSources(d: EntityDef, modName: string): string[] {
  const lines = d.lines?.filter((l) => l.mod === modName && l.add !== modName).map((l) => l.add) ?? [];
  if (lines.length) return lines;
  if (modName.endsWith('Mod') && d.shapes[modName] && d.shapes[modName.slice(0, -3)]) return [modName.slice(0, -3)];
  return [modName];
}

function ordered(d: EntityDef, v: unknown, name: string, modLine?: LineDef): unknown {
  if (Array.isArray(v)) {
    const items = v.map((x) => ordered(d, x, name, modLine)).filter((x) => x !== undefined);
    return items.length ? items : undefined;
  }
  if (isRef(name))
    return typeof v === 'object' && v ? pick(v as Fields, ['ListID', 'FullName']) : { FullName: String(v) };
  if (typeof v === 'object' && v) {
    let item = v as Fields;
    // qbXML Mod rule: lines not sent are deleted; a new line is TxnLineID -1.
    if (modLine && !modLine.keyed)
      item = { TxnLineID: '-1', ...item, ...(modLine.lineType ? { JournalLineType: modLine.lineType } : {}) };
    const shape = d.shapes[name] ?? [];
    const out: Fields = {};
    for (const f of shape) {
      const x = item[f];
      if (!present(x)) continue;
      out[f] = ordered(d, x, f);
    }
    return Object.keys(out).length ? out : undefined;
  }
  return typeof v === 'boolean' || typeof v === 'number' ? String(v) : v;
}

function pick(v: Fields, keys: string[]): Fields {
  const out: Fields = {};
  for (const k of keys) if (present(v[k])) out[k] = String(v[k]);
  return out;
}
