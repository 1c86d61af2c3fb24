// Failed-record payloads go to jsonb columns whatever characters they hold (issue 18).
// PostgreSQL refuses `\u0000` in jsonb and a lone surrogate cannot be UTF-8, so such a
// string is stored escaped: marked by a leading U+E000 (a private-use character), each
// refused character and each U+E000 of the original written as U+E000 + 4 hex digits.
// A string that starts with U+E000 is always escaped, so reading back is unambiguous.
// Most payloads hold none of these: they are stored as JSON.stringify made them.

const MARK = '\uE000';
const ESCAPED = /\u0000|\uE000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// In JSON text: an escaped NUL or surrogate (JSON.stringify writes lone ones as `\udxxx`), or the mark.
const NEEDS_ESCAPING = /\\u0000|\\ud[89a-f]|\uE000/i;
const UNESCAPED = /\uE000([0-9a-f]{4})/g;

function escapeText(s: string): string {
  ESCAPED.lastIndex = 0;
  if (!ESCAPED.test(s)) return s;
  return MARK + s.replace(ESCAPED, (c) => MARK + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

function unescapeText(s: string): string {
  if (!s.startsWith(MARK)) return s;
  return s.slice(1).replace(UNESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, f(k), { value: mapStrings(v, f), enumerable: true, writable: true, configurable: true });
  return out;
}

/** JSON text PostgreSQL's jsonb accepts, for any JSON-able value. */
export function storableJson(value: unknown): string {
  const text = JSON.stringify(value);
  // A false alarm (a real backslash before "u0000") only costs the walk below.
  return NEEDS_ESCAPING.test(text) ? JSON.stringify(mapStrings(JSON.parse(text), escapeText)) : text;
}

/** The value as it was given to `storableJson`, from the jsonb PostgreSQL returns. */
export function fromStorableJson<T>(value: T): T {
  return JSON.stringify(value).includes(MARK) ? (mapStrings(value, unescapeText) as T) : value;
}

/** Text for a text column: PostgreSQL refuses NUL in text (0x00), so each is shown as ␀ (U+2400). */
export { visibleNul as storableText } from '../../nodes/core/text-characters';
