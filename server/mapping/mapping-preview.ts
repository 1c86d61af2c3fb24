// `mapping.preview`: the first records the flow's source would read, through the draft graph (stub).
import type { FlowDocument } from '../../flow/flow-document';
import type { MappingDeps } from './mapping-deps';

export interface PreviewRow {
  /** The source record's key. */
  key: string;
  /** How the record is named ("Account \"Acme\""). */
  label: string;
  /** The record as it reached the node. */
  input: Record<string, unknown>;
  /** Mapping nodes: the record they produce. */
  output?: Record<string, unknown>;
  /** Filter nodes: whether the record passes. */
  passed?: boolean;
  /** Binding nodes: what the record would be bound to (read-only lookups). */
  match?: { kind: 'matched' | 'new' | 'ambiguous'; detail: string };
  /** Why the record failed at the node (or before it), the field named when there is one. */
  error?: { field?: string; message: string };
}

export interface PreviewAnswer {
  rows: PreviewRow[];
  /** Why no records could be read (no connection chosen, the site did not answer, too slow). */
  sourceProblem?: string;
}

export async function previewNode(
  _doc: FlowDocument,
  _nodeId: string,
  _limit: number,
  _deps: MappingDeps & { flowId: string },
): Promise<PreviewAnswer> {
  return { rows: [], sourceProblem: 'The preview is not ready yet.' };
}
