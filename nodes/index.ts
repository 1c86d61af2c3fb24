// Every node type Weft knows, as an explicit list (no file-system discovery).
// Read by the designer (palette, forms, port rules), the server and the engine.
import type { AnyNodeDefinition } from './define-node';
import { createRegistry } from './registry';
import { filterNode } from './core/filter.node.ts';
import { mappingNode } from './core/mapping.node.ts';
import { creatioSource } from './creatio/creatio-source.node.ts';
import { qboBindingNode } from './quickbooks/online/qbo-binding.node.ts';
import { qboSinkNode } from './quickbooks/online/qbo-sink.node.ts';

export const NODE_DEFINITIONS: AnyNodeDefinition[] = [creatioSource, filterNode, qboBindingNode, mappingNode, qboSinkNode];

export const registry = createRegistry(NODE_DEFINITIONS);
