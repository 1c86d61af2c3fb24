// Every node definition, grouped by category. Drag one onto the canvas, or
// focus it and press Enter to add it in the middle of the view.
import type { DragEvent } from 'react';
import type { AnyNodeDefinition, NodeCategory } from '../../../nodes/define-node';
import { NODE_DEFINITIONS } from '../registry';

export const DRAG_TYPE = 'application/x-weft-node-type';

const GROUPS: { category: NodeCategory; label: string; help: string }[] = [
  { category: 'source', label: 'Sources', help: 'read records from a system' },
  { category: 'filter', label: 'Filters', help: 'keep only some records' },
  { category: 'binding', label: 'Bindings', help: 'find the matching record in the other system' },
  { category: 'mapping', label: 'Mappings', help: 'build the target record' },
  { category: 'sink', label: 'Sinks', help: 'write records to a system' },
];

export function Palette({ onAdd }: { onAdd: (def: AnyNodeDefinition) => void }) {
  function onDragStart(e: DragEvent, def: AnyNodeDefinition) {
    e.dataTransfer.setData(DRAG_TYPE, def.type);
    e.dataTransfer.setData('text/plain', def.type);
    e.dataTransfer.effectAllowed = 'move';
  }
  return (
    <nav className="palette" aria-label="Node palette">
      <h2 className="panel-title">Add a step</h2>
      <p className="muted small">Drag onto the canvas, or press Enter.</p>
      {GROUPS.map((g) => {
        const defs = NODE_DEFINITIONS.filter((d) => d.category === g.category);
        return (
          <section key={g.category} className="palette-group" aria-label={g.label}>
            <h3 title={g.help}>{g.label}</h3>
            {defs.length === 0 && <p className="muted small">None installed.</p>}
            <ul>
              {defs.map((def) => (
                <li key={def.type}>
                  <button
                    type="button"
                    className="palette-item"
                    draggable
                    onDragStart={(e) => onDragStart(e, def)}
                    onClick={() => onAdd(def)}
                    data-testid={`palette-${def.type}`}
                    title={def.description}
                    style={{ ['--accent' as string]: def.ui.color }}
                  >
                    <span className="node-icon" aria-hidden="true">
                      {def.ui.icon}
                    </span>
                    <span className="palette-text">
                      <span className="palette-name">{def.title}</span>
                      <span className="palette-desc">{def.description}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </nav>
  );
}
