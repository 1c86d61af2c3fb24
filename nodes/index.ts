// Every node type Weft knows, as an explicit list (no file-system discovery).
// Read by the designer (palette, forms, port rules), the server and the engine.
import type { AnyNodeDefinition } from './define-node';
import { createRegistry } from './registry';
import { filterNode } from './core/filter.node';
import { mappingNode } from './core/mapping.node';

export const NODE_DEFINITIONS: AnyNodeDefinition[] = [filterNode, mappingNode];

export const registry = createRegistry(NODE_DEFINITIONS);
