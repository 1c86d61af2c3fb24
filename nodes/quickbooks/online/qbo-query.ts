// Building QuickBooks query text safely (reference B5): values go in single
// quotes and a quote or backslash inside is escaped with a backslash, so
// "O'Brien's Pub" becomes 'O\'Brien\'s Pub'. Nothing else needs escaping:
// & % # < > travel inside the quotes as they are (the URL is encoded by fetch).
import { sha256Hex } from '../../core/sha256';

/** A quoted query literal. */
export function qboLiteral(value: string | number | boolean): string {
  if (typeof value === 'number' || typeof value === 'boolean') return `'${String(value)}'`;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `Field IN ('a', 'b')`. */
export function qboIn(field: string, values: (string | number)[]): string {
  return `${field} IN (${values.map(qboLiteral).join(', ')})`;
}

/** Entity and field names cannot be quoted, so only plain identifiers are allowed. */
export function qboIdentifier(name: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/.test(name))
    throw new Error(`Not a QuickBooks field or entity name: ${JSON.stringify(name)}`);
  return name;
}

/**
 * A `requestid` of at most `max` characters (50, or 36 in batch — reference B1)
 * from any idempotency key: short keys pass unchanged, longer ones are
 * SHA-256 hashed, so the same key always gives the same id.
 */
export async function shortRequestId(key: string, max = 36): Promise<string> {
  if (key.length <= max && /^[A-Za-z0-9._:-]+$/.test(key)) return key;
  return (await sha256Hex(key)).slice(0, max);
}
