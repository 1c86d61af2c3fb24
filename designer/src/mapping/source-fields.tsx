// The source record's fields as a tree (nested objects, child collections for
// lines), searchable. A field is dragged onto a target field, or picked (click
// or Enter) and then dropped with Enter on a target — the keyboard way.
import { useMemo, useState } from 'react';
import { flattenFields, fullPath } from './mapping-model';
import { catalogueName, type Catalogue, type FieldInfo } from './mapping-types';

export const FIELD_MIME = 'application/x-weft-field';

interface Props {
  catalogue: Catalogue;
  picked: string | null;
  onPick: (path: string | null) => void;
}

function FieldBadges({ field }: { field: FieldInfo }) {
  return (
    <span className="field-badges">
      <span className="badge">{field.type}</span>
      {field.fromSample && (
        <span className="badge sample" title="Seen in sample records, not in the system's metadata">
          sample
        </span>
      )}
    </span>
  );
}

function SourceItem({ field, path, depth, ...p }: Props & { field: FieldInfo; path: string; depth: number }) {
  const [open, setOpen] = useState(depth === 0 && (field.children?.length ?? 0) <= 6);
  const kids = field.children ?? [];
  const isPicked = p.picked === path;
  return (
    <li>
      <div className="field-line" style={{ paddingLeft: `${depth * 1.1}rem` }}>
        {kids.length > 0 ? (
          <button
            type="button"
            className="twisty"
            aria-expanded={open}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${path}`}
            onClick={() => setOpen(!open)}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" aria-hidden="true" />
        )}
        <button
          type="button"
          className={`field-item source${isPicked ? ' picked' : ''}`}
          draggable
          aria-pressed={isPicked}
          title={field.label && field.label !== path ? `${field.label} (${path})` : path}
          data-testid={`source-field-${path}`}
          onDragStart={(e) => {
            e.dataTransfer.setData(FIELD_MIME, path);
            e.dataTransfer.setData('text/plain', path);
            e.dataTransfer.effectAllowed = 'link';
          }}
          onClick={() => p.onPick(isPicked ? null : path)}
        >
          <span className="field-name">{depth > 0 ? path.slice(path.lastIndexOf('.') + 1) : path}</span>
          <FieldBadges field={field} />
        </button>
      </div>
      {open && kids.length > 0 && (
        <ul className="field-tree">
          {kids.map((c) => {
            const childPath = fullPath(path, c.path);
            return <SourceItem key={childPath} {...p} field={c} path={childPath} depth={depth + 1} />;
          })}
        </ul>
      )}
    </li>
  );
}

export function SourceFields(props: Props) {
  const [query, setQuery] = useState('');
  const flat = useMemo(() => flattenFields(props.catalogue.fields), [props.catalogue]);
  const q = query.trim().toLowerCase();
  const matches = q ? flat.filter((f) => `${f.path} ${f.label ?? ''}`.toLowerCase().includes(q)) : [];
  return (
    <section className="field-column" aria-label="Source fields">
      <h3>From {catalogueName(props.catalogue)}</h3>
      <input
        type="search"
        className="field-search"
        placeholder="Search source fields"
        aria-label="Search source fields"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      {props.catalogue.note && <p className="small muted">{props.catalogue.note}</p>}
      <p className="small muted">Drag a field onto a target field, or pick it and press Enter on the target.</p>
      <ul className="field-tree root">
        {q
          ? matches.map((f) => (
              <SourceItem key={f.path} {...props} field={{ ...f, children: [] }} path={f.path} depth={0} />
            ))
          : props.catalogue.fields.map((f) => <SourceItem key={f.path} {...props} field={f} path={f.path} depth={0} />)}
      </ul>
      {q && matches.length === 0 && <p className="small muted">No source field matches “{query}”.</p>}
    </section>
  );
}
