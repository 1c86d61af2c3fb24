// Characters a record may hold in one system but that another cannot store or carry
// (issue 18: a NUL in one Creatio account stopped every run of its flow).
// - NUL (U+0000): PostgreSQL text and jsonb refuse it ("invalid byte sequence for encoding
//   UTF8: 0x00", "unsupported Unicode escape sequence": postgresql.org/docs/current/datatype-json.html,
//   "\u0000 is disallowed"), and XML 1.0 cannot carry it (w3.org/TR/xml/#charsets).
// - A lone UTF-16 surrogate: not a character at all; it cannot be encoded as UTF-8, so
//   PostgreSQL (and any UTF-8 service) refuses it or receives a replacement character.
// - XML 1.0 allows only TAB, LF, CR and U+0020 upward (less the surrogates, U+FFFE and
//   U+FFFF) in a document: qbXML (QuickBooks Desktop) refuses the other control characters.

// Without the `u` flag a regex sees UTF-16 units, so a pair (an emoji) is two units that
// match neither alternative, while a unit of a broken pair matches one.
const LONE_SURROGATE = '[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]';
const UNSTORABLE = new RegExp(`\\u0000|${LONE_SURROGATE}`);
const NOT_XML = new RegExp(`[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF]|${LONE_SURROGATE}`);

/** In words, the first character of `text` that matches `pattern` (null when none does). */
function describeFirst(text: string, pattern: RegExp): string | null {
  const m = pattern.exec(text);
  if (!m) return null;
  const code = m[0].charCodeAt(0);
  if (code === 0) return 'a NUL character';
  if (code >= 0xd800 && code <= 0xdfff) return 'a broken character (half of a UTF-16 surrogate pair)';
  return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What in `text` PostgreSQL (the run ledger, cross-reference, outbox) cannot store, or null. */
export function unstorableCharacter(text: string): string | null {
  return describeFirst(text, UNSTORABLE);
}

/** What in `text` an XML 1.0 document (qbXML) cannot carry, or null. */
export function nonXmlCharacter(text: string): string | null {
  return describeFirst(text, NOT_XML);
}

/** The first field (dotted path; list elements by index) of a record holding such a character, and what it is. */
export function findBadText(
  value: unknown,
  check: (text: string) => string | null,
  path = '',
): { field: string; what: string } | null {
  if (typeof value === 'string') {
    const what = check(value);
    return what ? { field: path, what } : null;
  }
  if (value === null || typeof value !== 'object') return null;
  // Every record of every source passes here: a field's path is made only when it is needed.
  const at = (key: string | number) => (path ? `${path}.${key}` : String(key));
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findBadText(value[i], check, at(i));
      if (found) return found;
    }
    return null;
  }
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const inKey = check(key);
    if (inKey) return { field: at(key), what: `${inKey} in its name` };
    const inner = (value as Record<string, unknown>)[key];
    if (typeof inner === 'string') {
      const what = check(inner);
      if (what) return { field: at(key), what };
    } else if (inner !== null && typeof inner === 'object') {
      const found = findBadText(inner, check, at(key));
      if (found) return found;
    }
  }
  return null;
}

/** Text safe to show and store: each NUL shown as ␀ (U+2400, the symbol for null). */
export function visibleNul(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '\u2400') : text;
}
