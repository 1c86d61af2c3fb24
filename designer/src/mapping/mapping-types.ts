// What the mapping editor receives from the server (router `mapping`, issue 14):
// the fields of the source and target records, and a preview of the first
// records through the node being edited.

/** One field of a record type; `children` are the fields of a nested object or of a child collection's elements. */
export interface FieldInfo {
  path: string;
  label?: string;
  type: string;
  required?: boolean;
  maxLength?: number;
  /** Seen in sample records but not in the system's metadata. */
  fromSample?: boolean;
  children?: FieldInfo[];
}

/** The system's code as the router sends it (`creatio`, `qbo`, `qbd`, `none`). */
export interface Catalogue {
  system: string;
  entity: string;
  fields: FieldInfo[];
  note?: string;
}

export interface FieldCatalogues {
  source: Catalogue;
  target: Catalogue;
}

export interface PreviewRow {
  key: string;
  label: string;
  input: unknown;
  output?: unknown;
  passed?: boolean;
  match?: { kind: string; detail: string };
  error?: { field?: string; message: string };
}

export interface PreviewResult {
  rows: PreviewRow[];
  sourceProblem?: string;
  /** Where the records came from when not read just now (QuickBooks Desktop without its Web Connector). */
  sourceNote?: string;
}

const SYSTEM_NAMES: Record<string, string> = {
  creatio: 'Creatio',
  qbo: 'QuickBooks Online',
  qbd: 'QuickBooks Desktop',
};

/** "Creatio Account", "QuickBooks Online Customer", as the analyst knows them. */
export function catalogueName(c: Catalogue): string {
  return [SYSTEM_NAMES[c.system] ?? '', c.entity].filter(Boolean).join(' ') || 'the record';
}

/** A problem `mapping.check` found with the systems' metadata; `field` indexes the mappings (or `list`'s fields). */
export interface ServerProblem {
  field?: number;
  list?: string;
  message: string;
  warning?: true;
}
