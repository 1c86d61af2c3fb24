// The lines of a record (an invoice's Line[], a qbXML InvoiceLineAdd) in the mapping
// editor: each target list is built from one child collection of the source (an
// opportunity's OpportunityProductCollectionByOpportunity), one line per element, and
// its fields read that element. The editor shows a line field by its full path
// (Line.SalesItemLineDetail.Qty) among the other target fields; the node's config keeps
// it inside its lines block (`lines[].fields`, target and source relative to one line).
import { fullPath, setMapping, type MappingRow } from './mapping-model';
import type { FieldInfo } from './mapping-types';

/** One lines block of the node's config; keys the editor does not know are kept as they are. */
export interface LinesRow {
  target: string;
  from: string;
  minItems?: number;
  fields: MappingRow[];
  [key: string]: unknown;
}

/** A line field's row as the target list shows it: full target path, and the list it belongs to. */
export interface LineFieldRow extends MappingRow {
  list: string;
  /** The source collection the block reads, e.g. OpportunityProductCollectionByOpportunity. */
  from: string;
}

/** The target lists of a catalogue (list fields with the fields of one line). */
export function targetLists(fields: FieldInfo[]): FieldInfo[] {
  return fields.filter((f) => f.type === 'list' && (f.children?.length ?? 0) > 0);
}

/** The source's child collections with their fields, at any depth of objects (lists of lists are not lines). */
export function sourceLists(fields: FieldInfo[], parent = ''): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const f of fields) {
    const path = fullPath(parent, f.path);
    if (f.type === 'list' && f.children?.length) out.push({ ...f, path });
    else if (f.children?.length) out.push(...sourceLists(f.children, path));
  }
  return out;
}

/** The list a target path is a field of ("Line" for Line.SalesItemLineDetail.Qty), if any. */
export function listOfTarget(path: string, lists: FieldInfo[]): FieldInfo | undefined {
  return lists.find((l) => path.startsWith(`${l.path}.`));
}

/** Every line field mapped, as rows with full target paths (for the target list and its checks). */
export function lineFieldRows(lines: LinesRow[]): LineFieldRow[] {
  return lines.flatMap((l) =>
    l.fields.map((m) => ({ ...m, target: `${l.target}.${m.target}`, list: l.target, from: l.from })),
  );
}

type Edit = { source: string } | { value: string } | { expression: string };

/**
 * Sets how one line field gets its value. A new block reads `from` and asks for at least one line when the
 * target requires its list (QuickBooks refuses an invoice without lines).
 */
export function setLineMapping(
  lines: LinesRow[],
  list: FieldInfo,
  childPath: string,
  edit: Edit,
  field: FieldInfo | undefined,
  from: string | undefined,
): LinesRow[] {
  const i = lines.findIndex((l) => l.target === list.path);
  const block: LinesRow =
    i >= 0 ? { ...lines[i] } : { target: list.path, from: from ?? '', minItems: list.required ? 1 : 0, fields: [] };
  const child = field ? { ...field, path: childPath } : undefined;
  block.fields = setMapping(block.fields, childPath, edit, child);
  return i >= 0 ? lines.map((l, j) => (j === i ? block : l)) : [...lines, block];
}

/** Removes one line field; a block left without fields goes too (the config needs one at least). */
export function clearLineMapping(lines: LinesRow[], list: string, childPath: string): LinesRow[] {
  return lines
    .map((l) => (l.target === list ? { ...l, fields: l.fields.filter((m) => m.target !== childPath) } : l))
    .filter((l) => l.fields.length > 0);
}

export type LineDrop = { ok: true; lines: LinesRow[] } | { ok: false; message: string };

/**
 * A source field dropped on a line field: it must be a field of one of the source's collections, and of the
 * collection the block already reads (a line is one element of one list).
 */
export function dropOnLine(
  lines: LinesRow[],
  list: FieldInfo,
  target: string,
  source: string,
  sources: FieldInfo[],
  field: FieldInfo | undefined,
): LineDrop {
  const childPath = target.slice(list.path.length + 1);
  const block = lines.find((l) => l.target === list.path);
  const from = sourceLists(sources).find((s) => source.startsWith(`${s.path}.`));
  const names = sourceLists(sources)
    .map((s) => s.path)
    .join(', ');
  if (!from) {
    const which = names ? ` (${names})` : '';
    return {
      ok: false,
      message:
        `Each ${list.path} is built from one element of a list of the source: drag a field of that list${which} ` +
        `onto ${target}, or give it a fixed value or an expression.`,
    };
  }
  if (block && block.from && block.from !== from.path) {
    return {
      ok: false,
      message:
        `${list.path} is built from ${block.from}, not ${from.path}: drag a field of ${block.from} onto ${target}, ` +
        `or remove the mappings of ${list.path} first.`,
    };
  }
  const relative = source.slice(from.path.length + 1);
  return { ok: true, lines: setLineMapping(lines, list, childPath, { source: relative }, field, from.path) };
}

/** The fields of the collection a block reads, relative to one element (for its source list and completion). */
export function elementFields(sources: FieldInfo[], from: string | undefined): FieldInfo[] {
  const list = sourceLists(sources).find((s) => s.path === from);
  const flat: FieldInfo[] = [];
  const walk = (fields: FieldInfo[], parent: string) => {
    for (const f of fields) {
      const path = fullPath(parent, f.path);
      flat.push({ ...f, path });
      if (f.children?.length && f.type !== 'list') walk(f.children, path);
    }
  };
  walk(list?.children ?? [], '');
  return flat;
}
