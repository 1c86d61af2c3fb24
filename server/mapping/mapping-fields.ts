// `mapping.fields`: the catalogues of a mapping node (stub; filled in the next step).
import type { FlowDocument } from '../../flow/flow-document';
import type { Catalogue } from '../../nodes/core/field-catalogue';
import type { MappingDeps } from './mapping-deps';

export async function mappingFields(
  _doc: FlowDocument,
  _nodeId: string,
  _deps: MappingDeps,
): Promise<{ source: Catalogue; target: Catalogue }> {
  return { source: { system: 'none', entity: '', fields: [] }, target: { system: 'none', entity: '', fields: [] } };
}
