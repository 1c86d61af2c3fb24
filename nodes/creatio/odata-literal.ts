// OData 4 literal and query-string helpers for Creatio (external-apis.md A5):
// strings in single quotes with `'` doubled; GUIDs and ISO datetimes unquoted.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Creatio needs an explicit zone on datetime literals (clio note in A5).
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

export const ZERO_GUID = '00000000-0000-0000-0000-000000000000';

/** `O'Brien` → `'O''Brien'`. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

export function isTimestamp(value: string): boolean {
  return TIMESTAMP.test(value);
}

/**
 * A value as an OData literal. Strings that look like GUIDs or zoned timestamps are
 * written unquoted, as Creatio wants; use `odataString` to force a quoted string.
 * A `Date` loses Creatio's sub-millisecond digits: keep timestamps as strings.
 */
export function odataLiteral(value: string | number | boolean | null | Date): string {
  if (value === null) return 'null';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`OData has no literal for ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isGuid(value)) return value.toLowerCase();
  if (isTimestamp(value)) return value;
  return odataString(value);
}

/** Query string with every value percent-encoded (`&`, `#`, `%`, `+` and non-ASCII included). */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}
