// `mapping.check`: the checks that need a system's metadata (stub).
import type { FlowDocument } from '../../flow/flow-document';
import type { MappingDeps } from './mapping-deps';

export interface MappingProblem {
  nodeId: string;
  /** Index of the field mapping the problem is about (0-based), when there is one. */
  field?: number;
  message: string;
}

export async function checkMapping(
  _doc: FlowDocument,
  _nodeId: string,
  _deps: MappingDeps,
): Promise<{ problems: MappingProblem[] }> {
  return { problems: [] };
}
