// The selected step: its title, its settings form (from its zod schema), and
// its problems. Edits change the draft in memory until Save.
import type { Dispatch } from 'react';
import type { FlowDocument } from '../../../flow/flow-document';
import type { Problem } from '../../../flow/validate-flow';
import type { ConnectionSummary } from '../api/api-types';
import { ConfigForm } from '../fields/config-form';
import type { DraftAction } from '../lib/draft-state';
import { formModelFor } from '../lib/form-model';
import { registry } from '../registry';
import { QueryStartsEditor } from '../history/query-starts-editor';

interface Props {
  doc: FlowDocument;
  nodeId: string | null;
  problems: Problem[];
  connections: ConnectionSummary[];
  dispatch: Dispatch<DraftAction>;
  /** Issue 16: a source's Query Starts, edited here (operators) and saved at once, not with the draft. */
  queryStarts?: { flowId: string; values: ReadonlyMap<string, string | null>; canEdit: boolean; onSaved(): void };
  /** Opens the mapping editor (mapping steps) or the records preview (filters, bindings). */
  onOpenTool?: (nodeId: string, tool: NodeTool) => void;
}

export type NodeTool = 'mapping' | 'filter' | 'binding';

/** The category of a step decides its tool; the designer reads definitions, never node types. */
const TOOLS: Partial<Record<string, { tool: NodeTool; label: string }>> = {
  mapping: { tool: 'mapping', label: 'Open the mapping editor' },
  filter: { tool: 'filter', label: 'Preview on records' },
  binding: { tool: 'binding', label: 'Preview on records' },
};

export function Inspector({ doc, nodeId, problems, connections, dispatch, queryStarts, onOpenTool }: Props) {
  const node = nodeId ? doc.nodes.find((n) => n.id === nodeId) : undefined;
  if (!node) {
    return (
      <aside className="inspector" aria-label="Inspector" data-testid="inspector">
        <h2 className="panel-title">Inspector</h2>
        <p className="muted">Select a step on the canvas to see and change its settings.</p>
        {doc.description && <p className="small">{doc.description}</p>}
        <p className="small muted">
          {doc.nodes.length} steps, {doc.edges.length} connections.
        </p>
      </aside>
    );
  }
  const def = registry.get(node.type);
  const own = problems.filter((p) => p.nodeId === node.id);
  const general = own.filter((p) => !p.path?.startsWith('config.'));
  return (
    <aside className="inspector" aria-label="Inspector" data-testid="inspector">
      <div className="inspector-head" style={{ ['--accent' as string]: def?.ui.color ?? '#6b7280' }}>
        <span className="node-icon" aria-hidden="true">
          {def?.ui.icon ?? '?'}
        </span>
        <div>
          <h2 className="panel-title">{node.title || def?.title || node.id}</h2>
          <div className="small muted">
            {def
              ? `${def.title}${def.title.toLowerCase() === def.category ? '' : ` · ${def.category}`}`
              : 'Unknown step type'}{' '}
            · <code>{node.type}</code> v{node.version} · id <code>{node.id}</code>
          </div>
        </div>
      </div>
      {def && <p className="small">{def.description}</p>}
      {def && TOOLS[def.category] && onOpenTool && (
        <button
          type="button"
          className="button primary"
          onClick={() => onOpenTool(node.id, TOOLS[def.category]!.tool)}
          data-testid="open-node-tool"
        >
          {TOOLS[def.category]!.label}
        </button>
      )}
      <div className="field">
        <label htmlFor="node-title" className="field-label">
          Title on the canvas
        </label>
        <input
          id="node-title"
          type="text"
          maxLength={80}
          value={node.title ?? ''}
          placeholder={def?.title ?? node.id}
          onChange={(e) => dispatch({ kind: 'set-title', nodeId: node.id, title: e.target.value })}
          data-testid="node-title-input"
        />
      </div>
      {queryStarts && def?.category === 'source' && (
        <QueryStartsEditor
          flowId={queryStarts.flowId}
          nodeId={node.id}
          value={queryStarts.values.get(node.id) ?? null}
          canEdit={queryStarts.canEdit}
          onSaved={queryStarts.onSaved}
        />
      )}
      {general.length > 0 && (
        <ul className="problem-list" aria-label="Problems of this step">
          {general.map((p) => (
            <li key={p.message} className="problem">
              {p.message}
            </li>
          ))}
        </ul>
      )}
      {def ? (
        <ConfigForm
          key={node.id}
          fields={formModelFor(def)}
          config={node.config}
          onChange={(config) => dispatch({ kind: 'set-config', nodeId: node.id, config })}
          problems={own}
          connections={connections}
          idPrefix={`cfg-${node.id}`}
        />
      ) : (
        <p className="error-text">
          This version of Weft does not know the step type “{node.type}”, so its settings cannot be edited here.
        </p>
      )}
    </aside>
  );
}
