// Keeps connection secrets out of logs, error messages and run payloads (issue 7).
// Two nets: every secret value the design store seals or opens is remembered and
// replaced wherever it appears, and values under secret-sounding keys are masked
// even when their value was never seen (a token a node just received, say).
export const REDACTED = '[redacted]';

const SECRET_KEY =
  /pass(word|wd)?$|secret|token|api[-_]?key|authori[sz]ation|cookie|credential|private[-_]?key|bpmcsrf/i;
const known = new Set<string>();
let pattern: RegExp | null = null;

/** Remember the string values of a connection's secrets (the shortest are too common to mask). */
export function rememberSecrets(secrets: Record<string, unknown>): void {
  for (const v of Object.values(secrets)) {
    if (typeof v === 'string' && v.length >= 6 && !known.has(v)) {
      known.add(v);
      pattern = null;
    }
  }
}

export function redactText(text: string): string {
  if (known.size > 0) {
    pattern ??= new RegExp(
      [...known]
        .sort((a, b) => b.length - a.length)
        .map(escape)
        .join('|'),
      'g',
    );
    text = text.replace(pattern, REDACTED);
  }
  // "Authorization: Bearer abc", "password=abc", "\"refresh_token\":\"abc\"" in messages from other systems.
  return text
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`)
    .replace(/((?:password|secret|token|api[-_]?key)["']?\s*[:=]\s*["']?)[^"'&\s,}]{4,}/gi, `$1${REDACTED}`);
}

/** A copy of `value` with secrets masked: strings redacted, secret-named fields replaced. */
export function redactDeep<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return redactText(v);
  if (v === null || typeof v !== 'object' || depth > 20) return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v))
    out[k] = SECRET_KEY.test(k) && (typeof x === 'string' || typeof x === 'number') ? REDACTED : walk(x, depth + 1);
  return out;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
