import type { AnyNodeDefinition } from './define-node';
// Loaded for its effect: the connection kinds name the systems behind record types
// (flow/record-types.ts), so a registry's refusals say "QuickBooks Online Customer records".
import './connections';

/** Node types by `type` id. Built from an explicit list (nodes/index.ts): no file-system discovery. */
export interface NodeRegistry {
  get(type: string): AnyNodeDefinition | undefined;
  list(): AnyNodeDefinition[];
}

export function createRegistry(defs: AnyNodeDefinition[]): NodeRegistry {
  const byType = new Map<string, AnyNodeDefinition>();
  for (const d of defs) {
    if (byType.has(d.type)) throw new Error(`Two node definitions claim the type "${d.type}"`);
    byType.set(d.type, d);
  }
  return { get: (t) => byType.get(t), list: () => [...byType.values()] };
}
