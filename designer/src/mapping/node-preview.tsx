// The preview drawer of a filter or a binding node: the first 20 records the
// source would read and, for each, whether it passes the filter or what the
// binding would match and how (issue 14). It previews the draft as edited.
import { useEffect } from 'react';
import type { FlowDocument } from '../../../flow/flow-document';
import { PreviewPanel, type PreviewMode } from './preview-panel';
import { usePreview } from './use-preview';
import './mapping.css';

interface Props {
  flowId: string;
  doc: FlowDocument;
  nodeId: string;
  mode: PreviewMode;
  onClose: () => void;
}

export function NodePreview({ flowId, doc, nodeId, mode, onClose }: Props) {
  const preview = usePreview(flowId, doc, nodeId);
  const node = doc.nodes.find((n) => n.id === nodeId);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside
      className="preview-drawer nokey"
      aria-label={`Preview of ${node?.title ?? nodeId}`}
      data-testid="node-preview"
    >
      <header className="mapping-head">
        <div>
          <h2>{node?.title ?? nodeId}</h2>
          <p className="small muted">
            {mode === 'filter' ? 'Which records pass this filter.' : 'What each record would be matched to, and how.'}
          </p>
        </div>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </header>
      <PreviewPanel state={preview} mode={mode} />
    </aside>
  );
}
