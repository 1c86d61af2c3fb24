// Which record type each port carries, so a wrong connection is refused with a
// reason a business analyst understands ("takes QuickBooks Customer records").
import { ANY_RECORD, type NodeTypeInfo, type PortDef, type RecordType } from './node-types';

const SYSTEM_NAMES: Record<string, string> = {
  creatio: 'Creatio',
  'quickbooks-online': 'QuickBooks Online',
  'quickbooks-desktop': 'QuickBooks Desktop',
};

/** `quickbooks-online.Customer` → `QuickBooks Online Customer records`. */
export function describeRecordType(t: RecordType | undefined): string {
  if (!t || t === ANY_RECORD) return 'records of any kind';
  const i = t.indexOf('.');
  const system = SYSTEM_NAMES[t.slice(0, i)] ?? t.slice(0, i);
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
