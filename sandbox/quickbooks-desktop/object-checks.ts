// What QuickBooks checks in an object's Add or Mod body before it saves it (reference
// C3–C5): schema order and the edition's elements (else the whole set fails,
// 0x80040400), limits (3070, never truncated), references that must exist (3140),
// names unique in their name list regardless of case (3100).
import type { CompanyFile } from './company-file';
import type { ObjectRow } from './company-file-rows';
import { ParseFailure, type El } from './qbxml-in';
import { tooLong, type Status } from './qbxml-out';
import type { Host } from './session';
import { limitOf, type EntityDef } from './qb-schema';
import { resolveRef, type Resolved } from './object-refs';

type Data = Record<string, unknown>;
export const bad = (why: string) =>
  new ParseFailure(`QuickBooks found an error when parsing the provided XML text stream (${why}).`);

/** Elements the schema lets repeat besides lines: IncludeRetElement, and SetCredit in AppliedToTxnAdd/Mod (OSR). */
const REPEATS = new Set(['IncludeRetElement', 'SetCredit']);

/** Children in schema order, only elements this edition has; lines and repeatable elements may repeat. */
export function checkShape(d: EntityDef, el: El, order: readonly string[], host: Host): void {
  let pos = 0;
  for (const c of el.children) {
    const at = order.indexOf(c.name, pos);
    if (at < 0)
      throw bad(`${order.includes(c.name) ? 'out-of-order' : 'unexpected'} element <${c.name}> in <${el.name}>`);
    const only = d.country?.[c.name];
    if (only && !only.includes(host.country as never))
      throw bad(`element <${c.name}> does not exist in the ${host.country} edition`);
    const repeat = d.lines?.some((l) => l.add === c.name || l.mod === c.name) || REPEATS.has(c.name);
    pos = repeat ? at : at + 1;
    const shape = d.shapes[c.name];
    if (shape && c.children.length) checkShape(d, c, shape, host);
    else if (c.name.endsWith('Ref')) checkShape(d, c, ['ListID', 'FullName'], host);
  }
}

/**
 * Elements the qbXML schema requires in an Add, and choices it allows one of (OSR 13.0): ItemDiscountAdd needs
 * AccountRef and takes DiscountRate or DiscountRatePercent, not both. QuickBooks' parser refuses the whole set
 * otherwise (0x80040400), as for any schema error.
 */
const REQUIRED_ON_ADD: Record<string, readonly string[]> = { ItemDiscount: ['AccountRef'] };
const ONE_OF: Record<string, readonly string[]> = { ItemDiscount: ['DiscountRate', 'DiscountRatePercent'] };
export function checkRequired(d: EntityDef, el: El): void {
  for (const f of REQUIRED_ON_ADD[d.name] ?? [])
    if (!el.children.some((c) => c.name === f)) throw bad(`missing element <${f}> in <${el.name}>`);
  const choice = ONE_OF[d.name] ?? [];
  if (el.children.filter((c) => choice.includes(c.name)).length > 1)
    throw bad(`only one of <${choice.join('>, <')}> may be in <${el.name}>`);
}

/** The first value past its limit (refs: FullName 209, accounts 159). */
export function overLimit(d: EntityDef, el: El): Status | null {
  for (const c of el.children) {
    if (c.children.length) {
      const hit = overLimit(d, c);
      if (hit) return hit;
      continue;
    }
    const max =
      c.name === 'FullName' && el.name.endsWith('Ref') ? (el.name.includes('Account') ? 159 : 209) : limitOf(d, c.name);
    if (max !== undefined && [...c.text].length > max) return tooLong(c.name, c.text);
  }
  return null;
}

/** An aggregate as data; lines as arrays; refs resolved to ListID + FullName (3140 when they point nowhere). */
export function dataOf(file: CompanyFile, d: EntityDef, el: El, refs: Resolved[]): Data {
  const out: Data = {};
  for (const c of el.children) {
    let v: unknown = c.children.length ? dataOf(file, d, c, refs) : c.text;
    if (c.name.endsWith('Ref')) {
      const r = resolveRef(file, c.name, v as Data);
      refs.push(r);
      v = r.value;
    }
    const many = d.lines?.some((l) => l.add === c.name || l.mod === c.name) || REPEATS.has(c.name);
    out[c.name] = many ? [...((out[c.name] as unknown[]) ?? []), v] : v;
  }
  return out;
}

export function invalidRef(d: EntityDef, refs: Resolved[]): Status | null {
  const miss = refs.find((r) => r.missing);
  return miss
    ? {
        code: 3140,
        severity: 'Error',
        message:
          `There is an invalid reference to QuickBooks ${miss.kind} "${miss.missing}" in the ` +
          `${d.name}. QuickBooks error message: Invalid argument. The specified record does not exist ` +
          `in the list.`,
      }
    : null;
}

export function nameRules(file: CompanyFile, d: EntityDef, name: string | undefined, self?: ObjectRow): Status | null {
  if (d.kind !== 'list' || name === undefined) return null;
  if (name.trim() === '')
    return {
      code: 3180,
      severity: 'Error',
      message: `There was an error when saving a ${d.name} list, element "". QuickBooks error message: A name is required.`,
    };
  if (name.includes(':'))
    return {
      code: 3020,
      severity: 'Error',
      message: `There was an error when converting the name "${name}" of the ${d.name}. The name may not contain ":".`,
    };
  const other = file.objectByName(d.namespace ?? d.name, name);
  const customer = d.namespace === 'Name' ? file.customerByName(name) : undefined;
  if ((other && other.id !== self?.id) || customer)
    return { code: 3100, severity: 'Error', message: `The name "${name}" of the list element is already in use.` };
  return null;
}
