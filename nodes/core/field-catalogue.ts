// The fields a mapping reads and writes, as the mapping editor lists them: the target
// system's fields (required marked, lengths and types) and the source's fields plus
// those actually present in sample records. Built from what each system's folder knows
// (Creatio `$metadata`, QuickBooks Online entity fields, the qbXML catalogue).
export type FieldType = 'text' | 'number' | 'date' | 'boolean' | 'reference' | 'list' | 'object';

export interface FieldInfo {
  /** Dotted path, e.g. `PrimaryPhone.FreeFormNumber`; a list's children are relative to one element. */
  path: string;
  label?: string;
  type: FieldType;
  required?: boolean;
  maxLength?: number;
  /** Seen in sample records, not (only) in the system's metadata. */
  fromSample?: boolean;
  children?: FieldInfo[];
}

export type CatalogueSystem = 'creatio' | 'qbo' | 'qbd' | 'none';

export interface Catalogue {
  system: CatalogueSystem;
  entity: string;
  fields: FieldInfo[];
  /** Why the list is short or empty, in plain words (no connection chosen, the site did not answer). */
  note?: string;
}

/** A value's type as a field list shows it. */
export function typeOfValue(v: unknown): FieldType {
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (v !== null && typeof v === 'object') return 'object';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T|$)/.test(v)) return 'date';
  return 'text';
}

const MAX_FIELDS = 400; // a sample is bounded; so is what it adds to a list
const MAX_DEPTH = 4;

/**
 * Fields present in sample records, merged into `known` (metadata first): nested objects become
 * children with dotted paths, lists of objects become `list` fields whose children describe one element.
 */
export function mergeSampleFields(known: FieldInfo[], samples: Record<string, unknown>[]): FieldInfo[] {
  const out = known.map((f) => ({ ...f }));
  const byPath = new Map(out.map((f) => [f.path, f]));
  let count = out.length;
  const visit = (
    obj: Record<string, unknown>,
    prefix: string,
    into: FieldInfo[],
    index: Map<string, FieldInfo>,
    depth: number,
  ) => {
    for (const [k, v] of Object.entries(obj)) {
      if (count >= MAX_FIELDS || v === undefined) continue;
      const path = prefix ? `${prefix}.${k}` : k;
      let f = index.get(path);
      if (!f) {
        f = { path, type: typeOfValue(v), fromSample: true };
        into.push(f);
        index.set(path, f);
        count++;
      } else if (f.type === 'text' && v !== null && typeof v === 'object') f.type = typeOfValue(v);
      if (depth >= MAX_DEPTH || v === null || typeof v !== 'object') continue;
      if (Array.isArray(v)) {
        const children = (f.children ??= []);
        const childIndex = new Map(children.map((c) => [c.path, c]));
        for (const el of v.slice(0, 5))
          if (el && typeof el === 'object' && !Array.isArray(el))
            visit(el as Record<string, unknown>, '', children, childIndex, depth + 1);
      } else visit(v as Record<string, unknown>, path, into, index, depth + 1);
    }
  };
  for (const s of samples) visit(s, '', out, byPath, 0);
  return out;
}

/** Every path of a catalogue, children of lists under `list.child` (for checks and completion). */
export function cataloguePaths(fields: FieldInfo[]): Set<string> {
  const paths = new Set<string>();
  for (const f of fields) {
    paths.add(f.path);
    for (const c of f.children ?? []) paths.add(`${f.path}.${c.path}`);
  }
  return paths;
}

/** A system's own list of an entity's fields, when it needs no connection to know them (QuickBooks). */
export type FieldList = (entity: string) => { fields: FieldInfo[]; note?: string };
const fieldLists = new Map<string, FieldList>();

/** Called by the connection registry (nodes/connections.ts) for each kind that knows its fields. */
export function registerFieldList(kind: string, list: FieldList): void {
  fieldLists.set(kind, list);
}

/** The fields of a record type (`quickbooks-online.Customer`) known without a connection; null when not known so. */
export function knownFields(recordType: string): { fields: FieldInfo[]; note?: string } | null {
  const dot = recordType.indexOf('.');
  const list = fieldLists.get(recordType.slice(0, dot));
  return list ? list(recordType.slice(dot + 1)) : null;
}
