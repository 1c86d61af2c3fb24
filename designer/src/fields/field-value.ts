// Editing plain-JSON config objects without mutating them. An optional field
// left blank is removed, not saved as "" (zod treats absent and "" differently,
// e.g. a mapping row needs a source *or* a value).
import type { FieldModel } from '../lib/form-model';

export type Obj = Record<string, unknown>;

export function withKey(obj: Obj, key: string, value: unknown): Obj {
  const next = { ...obj };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

export function fromText(field: FieldModel, text: string): unknown {
  if (text === '' && !field.required) return undefined;
  return text;
}

export function fromNumber(text: string): unknown {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : text; // a non-number is kept so validation names it
}

/** Problems whose path is `config.<key>…`, for that field. */
export function problemsFor(problems: { path?: string; message: string }[], key: string): string[] {
  return problems
    .filter((p) => p.path === `config.${key}` || p.path?.startsWith(`config.${key}.`))
    .map((p) => p.message);
}
