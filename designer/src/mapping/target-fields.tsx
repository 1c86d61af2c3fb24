// The target record's fields, each with how it gets its value: a source field
// (← Phone), a fixed value (= "Net 30"), an expression (ƒ), or nothing yet —
// a required field without a mapping is flagged. Each row takes a dropped
// source field; Enter on a row maps the picked source field. A target list (an
// invoice's Line) shows a heading naming the source list its lines are built from,
// then the fields of one line.
import { useMemo, useState, type DragEvent } from 'react';
import { FIELD_MIME } from './source-fields';
import {
  CREATE_ONLY_HELP,
  flattenFields,
  isCreateOnly,
  kindOf,
  type MappingProblem,
  type MappingRow,
} from './mapping-model';
import { catalogueName, type Catalogue, type FieldInfo } from './mapping-types';
import { targetLists, type LinesRow } from './lines-model';

interface Props {
  catalogue: Catalogue;
  rows: MappingRow[];
  /** The lines blocks: which source list each target list is built from. */
  lines: LinesRow[];
  problems: MappingProblem[];
  selected: string | null;
  picked: string | null;
  onSelect: (path: string) => void;
  onMapSource: (target: string, source: string) => void;
}

function howMapped(row: MappingRow | undefined): string {
  switch (kindOf(row)) {
    case 'source':
      return `← ${row!.source}`;
    case 'value':
      return `= "${row!.value}"`;
    case 'expression':
      return `ƒ ${row!.expression}`;
    case 'other':
      return Array.isArray(row!.multiply) ? `← ${(row!.multiply as string[]).join(' × ')}` : 'set';
    case 'none':
      return 'not mapped';
  }
}

function TargetRow({
  field,
  row,
  problem,
  inList,
  ...p
}: Omit<Props, 'rows' | 'problems' | 'catalogue' | 'lines'> & {
  field: FieldInfo;
  row?: MappingRow;
  problem?: MappingProblem;
  inList?: boolean;
}) {
  const [over, setOver] = useState(false);
  const accept = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes(FIELD_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'link';
    setOver(true);
  };
  const kind = kindOf(row);
  const classes = ['target-row', `kind-${kind}`];
  if (p.selected === field.path) classes.push('selected');
  if (inList) classes.push('in-list');
  if (over) classes.push('drop-over');
  if (problem) classes.push(problem.blocking ? 'has-problem' : 'has-warning');
  return (
    <li>
      <button
        type="button"
        className={classes.join(' ')}
        aria-pressed={p.selected === field.path}
        data-testid={`target-field-${field.path}`}
        title={problem?.message}
        onClick={() => (p.picked ? p.onMapSource(field.path, p.picked) : p.onSelect(field.path))}
        onDragOver={accept}
        onDragEnter={accept}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          setOver(false);
          const source = e.dataTransfer.getData(FIELD_MIME);
          if (!source) return;
          e.preventDefault();
          p.onMapSource(field.path, source);
        }}
      >
        <span className="target-name">
          {field.path}
          {field.required && (
            <span className="required" title="Required">
              {' '}
              *<span className="visually-hidden"> required</span>
            </span>
          )}
        </span>
        <span className="field-badges">
          <span className="badge">{field.type}</span>
          {field.maxLength !== undefined && <span className="badge">max {field.maxLength}</span>}
          {isCreateOnly(row) && (
            <span
              className="badge create-only-badge"
              title={CREATE_ONLY_HELP}
              data-testid={`create-only-${field.path}`}
            >
              only when creating
            </span>
          )}
        </span>
        <span className="target-mapping" data-testid={`mapping-of-${field.path}`}>
          {howMapped(row)}
        </span>
      </button>
    </li>
  );
}

function ListHeading({ list, block }: { list: FieldInfo; block?: LinesRow }) {
  return (
    <li className="target-list-heading" data-testid={`target-list-${list.path}`}>
      <strong>{list.path}</strong>
      {list.required && <span className="required"> *</span>}{' '}
      <span className="small muted">
        {block?.from
          ? `one per element of ${block.from}${block.minItems ? `, at least ${block.minItems}` : ''}`
          : 'not built yet: drag a field of one of the source’s lists onto a line field'}
      </span>
    </li>
  );
}

export function TargetFields(props: Props) {
  const [query, setQuery] = useState('');
  const byTarget = useMemo(() => new Map(props.rows.map((r) => [r.target, r])), [props.rows]);
  const problemOf = useMemo(() => new Map(props.problems.map((p) => [p.target, p])), [props.problems]);
  const fields = useMemo(() => {
    const flat: FieldInfo[] = flattenFields(props.catalogue.fields).filter((f) => !f.children?.length);
    const known = new Set(flat.map((f) => f.path));
    // A mapping of a field the catalogue does not list still shows, with its warning.
    const extra: FieldInfo[] = props.rows
      .filter((r) => !known.has(r.target))
      .map((r) => ({ path: r.target, type: '?' }));
    return [...flat, ...extra];
  }, [props.catalogue, props.rows]);
  const q = query.trim().toLowerCase();
  const shown = q ? fields.filter((f) => `${f.path} ${f.label ?? ''}`.toLowerCase().includes(q)) : fields;
  const mapped = fields.filter((f) => byTarget.has(f.path)).length;
  // Each target list's heading goes before its first field shown.
  const lists = useMemo(() => targetLists(props.catalogue.fields), [props.catalogue]);
  const headed = new Set<string>();
  const headingFor = (f: FieldInfo) => {
    const list = lists.find((l) => f.path.startsWith(`${l.path}.`));
    if (!list || headed.has(list.path)) return null;
    headed.add(list.path);
    return (
      <ListHeading key={`list:${list.path}`} list={list} block={props.lines.find((b) => b.target === list.path)} />
    );
  };
  return (
    <section className="field-column targets" aria-label="Target fields">
      <h3>
        To {catalogueName(props.catalogue)}{' '}
        <span className="small muted">
          · {mapped} of {fields.length} mapped
        </span>
      </h3>
      <input
        type="search"
        className="field-search"
        placeholder="Search target fields"
        aria-label="Search target fields"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {props.picked && (
        <p className="pick-hint small" role="status">
          Picked <strong>{props.picked}</strong>: press Enter on (or click) the target field to map it.
        </p>
      )}
      <ul className="target-list">
        {shown.flatMap((f) => [
          headingFor(f),
          <TargetRow
            key={f.path}
            field={f}
            row={byTarget.get(f.path)}
            problem={problemOf.get(f.path)}
            inList={lists.some((l) => f.path.startsWith(`${l.path}.`))}
            selected={props.selected}
            picked={props.picked}
            onSelect={props.onSelect}
            onMapSource={props.onMapSource}
          />,
        ])}
      </ul>
      {q && shown.length === 0 && <p className="small muted">No target field matches “{query}”.</p>}
    </section>
  );
}
