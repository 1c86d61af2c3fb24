// Which record type each port carries, so a wrong connection is refused with a
// reason a business analyst understands ("takes QuickBooks Customer records").
import { ANY_RECORD, type NodeTypeInfo, type PortDef, type RecordType } from './node-types';

// The names of the systems behind record types come from the connection kinds
// (nodes/connections.ts registers them here): flow/ imports nothing of ours, and
// a fourth system adds its name with its kind, not here.
const systemNames = new Map<string, string>();

/** Called by the connection registry: `quickbooks-online` → `QuickBooks Online`. */
export function nameSystems(names: Iterable<[kind: string, label: string]>): void {
  for (const [kind, label] of names) systemNames.set(kind, label);
}

// The record types the systems write (nodes/connections.ts registers each kind's
// entities): the list "Produces" on a Mapping node is chosen from, never typed.
const recordTypeList = new Map<RecordType, string>();

/** Called by the connection registry: the entities a kind's sinks write, e.g. `Customer` for `quickbooks-online`. */
export function registerRecordTypes(kind: string, entities: readonly string[]): void {
  for (const e of entities) recordTypeList.set(`${kind}.${e}`, `${systemNames.get(kind) ?? kind} ${e}`);
}

/** Every registered record type as `{ value, label }` (`quickbooks-online.Customer`, `QuickBooks Online Customer`). */
export function recordTypeOptions(): { value: RecordType; label: string }[] {
  return [...recordTypeList].map(([value, label]) => ({ value, label }));
}

/** A registered record type; before any are registered (a bare flow model), any `<system>.<Entity>` shape. */
export function isRecordType(t: string): boolean {
  if (recordTypeList.size === 0) return /^[a-z-]+\.[A-Za-z]\w*$/.test(t);
  return recordTypeList.has(t);
}

/** `quickbooks-online.Customer` → `QuickBooks Online Customer records`. */
export function describeRecordType(t: RecordType | undefined): string {
  if (!t || t === ANY_RECORD) return 'records of any kind';
  const i = t.indexOf('.');
  // A record type's prefix is the kind of the connection its system is reached by (nodes/connections.ts).
  const system = systemNames.get(t.slice(0, i)) ?? t.slice(0, i);
  return `${system} ${t.slice(i + 1)} records`;
}

/** The type an input port accepts. */
export function acceptedType(def: NodeTypeInfo, port: PortDef<unknown>, config: unknown): RecordType {
  const spec = port.recordType;
  if (spec === undefined) return ANY_RECORD;
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'function') return safe(() => spec(config));
  return ANY_RECORD;
}

/**
 * The type an output port emits, given the types arriving at each input.
 * `{ sameAs: 'in' }` passes the input's type through (filters, bindings).
 */
export function emittedType(port: PortDef<unknown>, config: unknown, inputTypes: Map<string, RecordType>): RecordType {
  const spec = port.recordType;
  if (spec === undefined) return ANY_RECORD;
  if (typeof spec === 'string') return spec;
  if (typeof spec === 'function') return safe(() => spec(config));
  return inputTypes.get(spec.sameAs) ?? ANY_RECORD;
}

export function typesCompatible(sent: RecordType, accepted: RecordType): boolean {
  return sent === ANY_RECORD || accepted === ANY_RECORD || sent === accepted;
}

function safe(f: () => RecordType): RecordType {
  try {
    return f() || ANY_RECORD;
  } catch {
    return ANY_RECORD; // an invalid config is reported by the config check, not here
  }
}
