// Mapping: builds the target record field by field, from a source field, a fixed
// value or a JSONata expression (mapping-config.ts; version 1's templates and
// products are upgraded to expressions). Lists of lines (an invoice's Line[]) are
// built from a child collection of the source record (an opportunity's products),
// one line per element, with the same kinds of field mappings. A value that does not
// fit (required but empty, too long) or an expression that fails fails that record
// alone, with the field named — never a silent truncation that could create a
// near-duplicate in QuickBooks.
import { defineNode, type FlowRecord, type RecordMeta, type RecordResult } from '../define-node';
import { MappingConfig, migrateMapping, producesOptions } from './mapping-config';
import { compileMapping, type CompiledMapping } from './mapping-compile';
import { mapWith, type MapResult } from './mapping-run';
import { EmptyFields } from './mapping-empty';

export { compileMapping } from './mapping-compile';
export { mapWith } from './mapping-run';
export type { FieldMapping } from './mapping-config';

/** Map one record with a config compiled on the spot (tests and previews; a run compiles once in `open`). */
export function mapRecord(config: MappingConfig, record: FlowRecord): MapResult | Promise<MapResult> {
  return mapWith(compileMapping(config), record);
}

interface State {
  compiled: CompiledMapping;
  /** The targets of the rows written only when the sink creates the record (`when: 'create'`). */
  createOnly: string[];
  empty: EmptyFields;
  /** Records skipped for too few lines: how many, and the first one's reason, for the node's note. */
  skipped: { n: number; first?: string };
}

function openState(config: MappingConfig): State {
  const createOnly = config.mappings.filter((m) => m.when === 'create').map((m) => m.target);
  return { compiled: compileMapping(config), createOnly, empty: new EmptyFields(config), skipped: { n: 0 } };
}

/**
 * The sink learns which fields to leave out of an update from the record (create-only.ts). This mapping built the
 * record's data anew: what a mapping before it said of its own fields no longer applies.
 */
function withCreateOnly(meta: RecordMeta, createOnly: string[]): RecordMeta {
  // The usual case, no such rows before or here, allocates nothing per record.
  if (!createOnly.length && meta.createOnly === undefined && meta.leftOut === undefined) return meta;
  const { createOnly: _before, leftOut: _left, ...rest } = meta;
  return createOnly.length ? { ...rest, createOnly } : rest;
}

/** The fields this mapping left empty, for the echo memory (engine/run/echo.ts); an earlier mapping's no longer apply. */
function withEmptied(meta: RecordMeta, emptied: string[] | undefined): RecordMeta {
  if (!emptied && meta.emptied === undefined) return meta;
  const { emptied: _before, ...rest } = meta;
  return emptied ? { ...rest, emptied } : rest;
}

function note(state: State): string | null {
  const { n, first } = state.skipped;
  const skips = n ? `${n} record${n === 1 ? ' was' : 's were'} skipped for having no lines — ${first}` : null;
  return [skips, state.empty.note()].filter(Boolean).join(' ') || null;
}

/** "6 fields (Title, Notes only when creating) + Products → Opportunity", on the canvas and in the inspector. */
function summarise(c: MappingConfig): string {
  const fields = `${c.mappings.length} field${c.mappings.length === 1 ? '' : 's'}`;
  const once = c.mappings.filter((m) => m.when === 'create').map((m) => m.target);
  const onCreate = once.length ? ` (${once.join(', ')} only when creating)` : '';
  const lines = c.lines?.length ? ` + ${c.lines.map((l) => l.target).join(', ')}` : '';
  return `${fields}${onCreate}${lines} → ${c.targetType.split('.')[1]}`;
}

export const mappingNode = defineNode({
  type: 'core.mapping',
  version: 2,
  migrate: migrateMapping,
  title: 'Mapping',
  category: 'mapping',
  description: 'Builds the target record field by field: from a source field, a fixed value or a JSONata expression.',
  inputs: [{ name: 'in', label: 'Source records' }],
  outputs: [{ name: 'out', label: 'Mapped records', recordType: (c: MappingConfig) => c.targetType }],
  config: MappingConfig,
  defaults: {
    targetType: 'quickbooks-online.Customer',
    mappings: [{ target: 'DisplayName', source: 'Name', required: true, tooLong: 'fail' }],
  },
  ui: {
    icon: '⇄',
    color: '#7c3aed',
    fields: {
      targetType: {
        label: 'Produces',
        widget: 'select',
        help: 'The kind of record this mapping builds.',
        // Read when the form is drawn: the systems have registered their record types by then.
        get options() {
          return producesOptions();
        },
      },
      mappings: { label: 'Fields', widget: 'mappings' },
      lines: {
        label: 'Lists of lines',
        help: "Build a list such as an invoice's Line from a list of the source record, e.g. its products: one line per element.",
      },
    },
    summary: summarise,
  },
  // Compiled once per run: expressions are parsed here, never per record.
  async open(_ctx, config): Promise<State> {
    return openState(config);
  },
  note,
  async process(_ctx, config, state: State | undefined, batch) {
    const s = state ?? openState(config);
    const results: RecordResult[] = [];
    for (const record of batch) {
      // A deletion read from the source (e.g. QuickBooks Online CDC) carries only its Id:
      // there is nothing to map, and failing it would hide the deletion from the sink,
      // which decides what a deletion means for its system.
      if (record.meta.deleted) {
        results.push({ record, outcome: 'passed', port: 'out' });
        continue;
      }
      const m = mapWith(s.compiled, record);
      const r = m instanceof Promise ? await m : m;
      if ('skipped' in r) {
        s.skipped.n++;
        s.skipped.first ??= `${r.skipped.message} ${r.skipped.action}`;
        results.push({ record, outcome: 'skipped', failure: { code: 'weft.mapping.too-few-lines', ...r.skipped } });
        continue;
      }
      if ('error' in r) {
        results.push({ record, outcome: 'failed', failure: { code: 'weft.mapping', ...r.error } });
        continue;
      }
      s.empty.saw(r.data);
      results.push({
        record: { ...record, data: r.data, meta: withEmptied(withCreateOnly(record.meta, s.createOnly), r.emptied) },
        outcome: 'passed',
        port: 'out',
      });
    }
    return results;
  },
});
