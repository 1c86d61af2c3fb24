// Mapping: builds the target record field by field, from a source field, a fixed
// value or a JSONata expression (mapping-config.ts; version 1's templates and
// products are upgraded to expressions). Lists of lines (an invoice's Line[]) are
// built from a child collection of the source record (an opportunity's products),
// one line per element, with the same kinds of field mappings. A value that does not
// fit (required but empty, too long) or an expression that fails fails that record
// alone, with the field named — never a silent truncation that could create a
// near-duplicate in QuickBooks.
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { MappingConfig, migrateMapping, producesOptions } from './mapping-config';
import { compileMapping, mapWith, type CompiledMapping, type MapResult } from './mapping-run';
import { EmptyFields } from './mapping-empty';

export { compileMapping, mapWith } from './mapping-run';
export type { FieldMapping } from './mapping-config';

/** Map one record with a config compiled on the spot (tests and previews; a run compiles once in `open`). */
export function mapRecord(config: MappingConfig, record: FlowRecord): MapResult | Promise<MapResult> {
  return mapWith(compileMapping(config), record);
}

interface State {
  compiled: CompiledMapping;
  empty: EmptyFields;
  /** Records skipped for too few lines: how many, and the first one's reason, for the node's note. */
  skipped: { n: number; first?: string };
}

function note(state: State): string | null {
  const { n, first } = state.skipped;
  const skips = n ? `${n} record${n === 1 ? ' was' : 's were'} skipped for having no lines — ${first}` : null;
  return [skips, state.empty.note()].filter(Boolean).join(' ') || null;
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
    summary: (c) =>
      `${c.mappings.length} field${c.mappings.length === 1 ? '' : 's'}${c.lines?.length ? ` + ${c.lines.map((l) => l.target).join(', ')}` : ''} ` +
      `→ ${c.targetType.split('.')[1]}`,
  },
  // Compiled once per run: expressions are parsed here, never per record.
  async open(_ctx, config): Promise<State> {
    return { compiled: compileMapping(config), empty: new EmptyFields(config), skipped: { n: 0 } };
  },
  note,
  async process(_ctx, config, state: State | undefined, batch) {
    const s = state ?? { compiled: compileMapping(config), empty: new EmptyFields(config), skipped: { n: 0 } };
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
      results.push({ record: { ...record, data: r.data }, outcome: 'passed', port: 'out' });
    }
    return results;
  },
});
