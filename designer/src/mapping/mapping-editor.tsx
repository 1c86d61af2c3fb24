// The mapping editor (issue 14): a near full-screen panel over the flow editor.
// Source fields on the left, target fields in the middle with how each is
// filled, the selected field's source/value/expression below them, and the
// preview of 20 real records on the right, redone ~400 ms after each edit.
// Nothing reaches the draft until Save; unmapped required fields and broken
// expressions are named before saving, in the analyst's words.
import { useEffect, useMemo, useState } from 'react';
import type { FlowDocument } from '../../../flow/flow-document';
import { useAsync } from '../ui/use-async';
import { registry } from '../registry';
import { checkOnServer, loadFields } from './mapping-api';
import { MappingDetail } from './mapping-detail';
import {
  clearMapping,
  flattenFields,
  mappingProblems,
  serverProblems,
  setCreateOnly,
  setMapping,
  type MappingProblem,
  type MappingRow,
} from './mapping-model';
import {
  clearLineMapping,
  dropOnLine,
  elementFields,
  lineFieldRows,
  listOfTarget,
  setLineMapping,
  sourceLists,
  targetLists,
  type LinesRow,
} from './lines-model';
import { PreviewPanel } from './preview-panel';
import { SourceFields } from './source-fields';
import { TargetFields } from './target-fields';
import { usePreview } from './use-preview';
import { catalogueName, type FieldInfo } from './mapping-types';
import './mapping.css';

interface Props {
  flowId: string;
  doc: FlowDocument;
  nodeId: string;
  onCancel: () => void;
  /** The node's new config (at its definition's version); the editor page saves the flow. */
  onSave: (config: Record<string, unknown>, version: number) => void;
}

/** The node's config brought to its definition's version, so new kinds of mapping (expressions) can be written. */
function currentConfig(doc: FlowDocument, nodeId: string): { config: Record<string, unknown>; version: number } {
  const node = doc.nodes.find((n) => n.id === nodeId)!;
  const def = registry.get(node.type);
  if (!def || node.version >= def.version || !def.migrate) return { config: node.config, version: node.version };
  return { config: def.migrate(node.config, node.version) as Record<string, unknown>, version: def.version };
}

export function MappingEditor({ flowId, doc, nodeId, onCancel, onSave }: Props) {
  const start = useMemo(() => currentConfig(doc, nodeId), [doc, nodeId]);
  const [rows, setRows] = useState<MappingRow[]>(() => (start.config.mappings as MappingRow[] | undefined) ?? []);
  // The lines blocks (an invoice's Line[] from the opportunity's products): their fields show among the others.
  const [lines, setLines] = useState<LinesRow[]>(() => (start.config.lines as LinesRow[] | undefined) ?? []);
  // Why the last drop on a line field was not taken, until the next edit.
  const [refused, setRefused] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  // What the server's check (mapping.check) found at the last Save; an edit clears it, the next Save asks again.
  const [fromServer, setFromServer] = useState<MappingProblem[]>([]);
  const [checking, setChecking] = useState(false);
  useEffect(() => setFromServer([]), [rows, lines]);
  const node = doc.nodes.find((n) => n.id === nodeId);
  const fields = useAsync(
    () => loadFields({ flowId, document: doc, nodeId }),
    `${flowId}:${nodeId}`,
    'list the fields',
  );

  const config = useMemo(() => {
    const { lines: _old, ...rest } = start.config;
    return { ...rest, mappings: rows, ...(lines.length > 0 ? { lines } : {}) };
  }, [start.config, rows, lines]);
  const allRows = useMemo(() => [...rows, ...lineFieldRows(lines)], [rows, lines]);
  const working = useMemo<FlowDocument>(
    () => ({
      ...doc,
      nodes: doc.nodes.map((n) => (n.id === nodeId ? { ...n, version: start.version, config } : n)),
    }),
    [doc, nodeId, start.version, config],
  );
  const preview = usePreview(flowId, working, nodeId);
  const cats = fields.data;
  const problems = useMemo(
    () => [...(cats ? mappingProblems(allRows, cats.source, cats.target) : []), ...fromServer],
    [allRows, cats, fromServer],
  );
  const blocking = problems.filter((p) => p.blocking);
  const sourceFlat = useMemo(() => (cats ? flattenFields(cats.source.fields) : []), [cats]);
  const targetFlat = useMemo(() => (cats ? flattenFields(cats.target.fields) : []), [cats]);
  const lists = useMemo(() => (cats ? targetLists(cats.target.fields) : []), [cats]);
  const selectedList = selected ? listOfTarget(selected, lists) : undefined;
  const selectedBlock = selectedList && lines.find((l) => l.target === selectedList.path);
  // A line field reads one element of the block's list (the first list of the source for a new block).
  const lineFrom = selectedBlock?.from ?? (cats ? sourceLists(cats.source.fields)[0]?.path : undefined);
  const detailSources = useMemo(
    () => (selectedList && cats ? elementFields(cats.source.fields, lineFrom) : sourceFlat),
    [selectedList, cats, lineFrom, sourceFlat],
  );
  const selectedField = selected
    ? (targetFlat.find((f) => f.path === selected) ?? { path: selected, type: '?' })
    : undefined;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && picked && (e.stopPropagation(), setPicked(null));
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [picked]);

  const mapSource = (target: string, source: string) => {
    setPicked(null);
    setRefused(null);
    const list = listOfTarget(target, lists);
    if (list && cats) {
      const drop = dropOnLine(
        lines,
        list,
        target,
        source,
        cats.source.fields,
        targetFlat.find((f) => f.path === target),
      );
      if (!drop.ok) return setRefused(drop.message);
      setLines(drop.lines);
      setSelected(target);
      return;
    }
    setRows((r) =>
      setMapping(
        r,
        target,
        { source },
        targetFlat.find((f) => f.path === target),
      ),
    );
    setSelected(target);
  };
  type Edit = { source: string } | { value: string } | { expression: string };
  /** An edit in the detail panel: on a line field inside its block, on any other field in the mappings. */
  const edit = (field: FieldInfo, change: Edit) => {
    if (!selectedList) return setRows((r) => setMapping(r, field.path, change, field));
    const child = field.path.slice(selectedList.path.length + 1);
    setLines((l) => setLineMapping(l, selectedList, child, change, field, lineFrom));
  };
  const clear = (path: string) => {
    if (!selectedList) return setRows((r) => clearMapping(r, path));
    setLines((l) => clearLineMapping(l, selectedList.path, path.slice(selectedList.path.length + 1)));
  };
  // The field lists' checks first; then the server's, which know the system's metadata (e.g. a source field
  // Creatio does not have, read by an expression). Either kind of blocking problem keeps the mapping unsaved.
  const save = async () => {
    setTried(true);
    if (blocking.length > 0) return;
    setChecking(true);
    let found: MappingProblem[];
    try {
      found = serverProblems(await checkOnServer({ flowId, document: working, nodeId }), rows, lines);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      found = [{ target: '', message: `Weft could not check the fields with the server (${why}).`, blocking: true }];
    } finally {
      setChecking(false);
    }
    setFromServer(found);
    if (!found.some((p) => p.blocking)) onSave(config, start.version);
  };

  return (
    // `nokey`: React Flow ignores keys typed here (Space pans, Backspace deletes steps on the canvas beneath).
    <div className="mapping-overlay nokey" role="dialog" aria-modal="true" aria-labelledby="mapping-title">
      <div className="mapping-editor" data-testid="mapping-editor">
        <header className="mapping-head">
          <div>
            <h2 id="mapping-title">{node?.title ?? 'Mapping'}</h2>
            {cats && (
              <p className="small muted">
                Builds a {catalogueName(cats.target)} from each {catalogueName(cats.source)}.
              </p>
            )}
          </div>
          <div className="row">
            <button type="button" className="button" onClick={onCancel} data-testid="mapping-cancel">
              Cancel
            </button>
            <button
              type="button"
              className="button primary"
              onClick={() => void save()}
              disabled={checking}
              data-testid="mapping-save"
            >
              {checking ? 'Checking…' : 'Save mapping'}
            </button>
          </div>
        </header>
        {(tried || blocking.length > 0) && problems.length > 0 && (
          <ul className="mapping-problems" aria-label="Problems of this mapping" data-testid="mapping-problems">
            {problems.map((p) => (
              <li key={`${p.target}:${p.message}`} className={p.blocking ? 'blocking' : 'warning'}>
                <button type="button" className="link-button" onClick={() => setSelected(p.target || null)}>
                  {p.message}
                </button>
              </li>
            ))}
            {tried && blocking.length > 0 && (
              <li className="blocking small">Fix these before saving: the flow would refuse these records.</li>
            )}
          </ul>
        )}
        {refused && (
          <p className="mapping-refused small" role="alert" data-testid="mapping-refused">
            {refused}
          </p>
        )}
        {fields.error && <p className="error-text mapping-body-message">{fields.error}</p>}
        {!cats && !fields.error && <p className="muted mapping-body-message">Reading the fields of both systems…</p>}
        {cats && (
          <div className="mapping-body">
            <SourceFields catalogue={cats.source} picked={picked} onPick={setPicked} />
            <div className="mapping-middle">
              <TargetFields
                catalogue={cats.target}
                rows={allRows}
                lines={lines}
                problems={problems}
                selected={selected}
                picked={picked}
                onSelect={setSelected}
                onMapSource={mapSource}
              />
              {selectedField && (
                <MappingDetail
                  field={selectedField}
                  row={allRows.find((r) => r.target === selectedField.path)}
                  sourceFields={detailSources}
                  {...(selectedList && lineFrom ? { lineOf: lineFrom } : {})}
                  problem={problems.find((p) => p.target === selectedField.path)?.message}
                  onSource={(source) => edit(selectedField, { source })}
                  onValue={(value) => edit(selectedField, { value })}
                  onExpression={(expression) => edit(selectedField, { expression })}
                  onClear={() => clear(selectedField.path)}
                  {...(selectedList
                    ? {}
                    : { onCreateOnly: (on: boolean) => setRows((r) => setCreateOnly(r, selectedField.path, on)) })}
                />
              )}
            </div>
            <PreviewPanel state={preview} mode="mapping" focus={selected ?? undefined} />
          </div>
        )}
      </div>
    </div>
  );
}
