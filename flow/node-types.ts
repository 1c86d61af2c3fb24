// What the flow model reads of a node type: its ports and their record types, its
// config schema and version, its category and the form hints naming connection
// fields. nodes/define-node.ts builds the full contract on these, so flow/ imports
// nothing of ours and every definition made with `defineNode` fits `NodeTypeInfo`.
import type { z } from 'zod';

/** Kinds of records that flow along edges: `<system>.<Entity>`, e.g. `creatio.Account`. */
export type RecordType = string;
export const ANY_RECORD = 'any';

export interface PortDef<C> {
  name: string;
  label: string;
  /**
   * Inputs: the record type accepted (`any` by default).
   * Outputs: the record type emitted: fixed, computed from config, or `{ sameAs: '<input port>' }`.
   */
  recordType?: RecordType | ((config: C) => RecordType) | { sameAs: string };
}

export type NodeCategory = 'source' | 'filter' | 'binding' | 'mapping' | 'sink';

export interface NodeTypeInfo {
  type: string;
  version: number;
  title: string;
  category: NodeCategory;
  inputs: PortDef<unknown>[];
  outputs: PortDef<unknown>[];
  /**
   * Outputs that depend on the config (a router's branches, one per value); `outputs` then lists what
   * any config has. Called with the config as saved, which may not be valid yet: it must not throw.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  outputsFor?: (config: any) => PortDef<unknown>[];
  config: z.ZodType;
  /**
   * The record types this node writes, given its parsed config: for a node whose inputs do not say it (a
   * write-back accepts any record yet writes the Creatio object it names). Sinks without it write what
   * their inputs accept.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writesFor?: (config: any) => RecordType[];
  migrate?: (config: unknown, fromVersion: number) => unknown;
  ui: { fields?: Partial<Record<string, { widget?: string; connectionKind?: string }>> };
}

/** The outputs of a node of type `def` with this config. */
export function outputPorts(def: Pick<NodeTypeInfo, 'outputs' | 'outputsFor'>, config: unknown): PortDef<unknown>[] {
  return def.outputsFor ? def.outputsFor(config) : def.outputs;
}

/** A lookup of node types by their `type` (nodes/registry.ts's `NodeRegistry` is one). */
export interface NodeTypes<D extends NodeTypeInfo = NodeTypeInfo> {
  get(type: string): D | undefined;
}
