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
}
