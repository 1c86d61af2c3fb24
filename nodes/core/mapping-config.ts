// The mapping node's configuration (version 2) and the upgrade of version 1 rows.
// Each field mapping is one of three kinds: a copy of a source field (`source`), a
// fixed `value`, or a JSONata `expression` (https://docs.jsonata.org). Version 1's
// templates ("{{Name}} ({{Code}})") and products (`multiply`) become expressions.
import jsonata from 'jsonata';
import { z } from 'zod';
import { describeRecordType, isRecordType, recordTypeOptions } from '../../flow/record-types';
import { knownFields, type FieldInfo } from './field-catalogue';
import { fieldPath, forbiddenPathMessage, forbiddenSegment } from './field-path';
import { namesIn } from './expression-fields';

/** When a field mapping is written: on every write, or only when the sink creates the record. */
export const WHEN = ['always', 'create'] as const;

const FieldMapping = z.strictObject({
  target: fieldPath(z.string().min(1, 'name the target field')),
  /** Source field path, copied as it is (the value keeps its JSON type). */
  source: fieldPath().optional(),
  /** A fixed value, written on every record. */
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  /** A JSONata expression over the source record, e.g. `$uppercase(Name) & " (" & Code & ")"`. */
  expression: z.string().optional(),
  /** Convert the value: `date` keeps the calendar date of a timestamp (2026-02-04T09:00:00Z → 2026-02-04), as QuickBooks dates are written. */
  as: z.enum(['text', 'number', 'date']).optional(),
  required: z.boolean().default(false),
  maxLength: z.number().int().positive().optional(),
  /** What to do with text longer than maxLength. */
  tooLong: z.enum(['fail', 'truncate']).default('fail'),
  /**
   * When the field is written (issue 15): `always` (absent: the same), or `create`, only when the sink creates the
   * record; an update leaves it out, so an edit made in the target (an opportunity's title) is kept (create-only.ts).
   */
  when: z
    .enum(WHEN, {
      error: (iss) =>
        `Write a field "always" or only when the record is created ("create"), not ${JSON.stringify(iss.input)}`,
    })
    .optional(),
  /** Filled only once an option upstream is chosen (the shipping address from the primary contact): no "empty on every record" note. */
  emptyUntilChosen: z.boolean().optional(),
});

/** One target list (e.g. Line) built from a child collection (e.g. OpportunityProductCollectionByOpportunity). */
const LinesMapping = z.strictObject({
  target: fieldPath(z.string().min(1, 'name the target list, e.g. Line')),
  from: fieldPath(z.string().min(1, "name the source list, e.g. the opportunity's products")),
  fields: z.array(FieldMapping).min(1, 'map at least one field of each line'),
  /**
   * Only the source lines that have this field, e.g. SalesItemLineDetail: QuickBooks Online answers every
   * sales form with a subtotal line (SubTotalLineDetail) that is no product line. Empty: every line.
   */
  onlyWith: fieldPath(z.string().regex(/^([A-Za-z_][\w.]*)?$/, 'a field path, e.g. SalesItemLineDetail')).optional(),
  /** Fewer elements than this fails the record (QuickBooks refuses an invoice without lines). */
  minItems: z.number().int().min(0).default(0),
  /**
   * Seed §5.2 "Opportunity creation without line items": a record with fewer lines than minItems fails
   * (`fail`, it waits in Failed records) or is skipped with the reason (`skip`); minItems 0 writes it without.
   */
  whenFewer: z.enum(['fail', 'skip']).default('fail'),
  /** Seed §5.2 "Line item description": made from the product line's own text and its product's. */
  description: z
    .strictObject({
      /** The line field written, e.g. Description (Online) or Desc (Desktop). */
      target: fieldPath(z.string().min(1)).default('Description'),
      /** The product line's own description, e.g. Notes. */
      line: fieldPath(z.string().min(1)).default('Notes'),
      /** The product's description, e.g. Product.Description. */
      product: fieldPath(z.string().min(1)).default('Product.Description'),
      /** `overwrite`: the line's text replaces the product's when it has one; `concatenate`: both, product first. */
      how: z.enum(['overwrite', 'concatenate']).default('overwrite'),
      separator: z.string().default(' — '),
      maxLength: z.number().int().positive().default(4000),
    })
    .optional(),
});

export type FieldMapping = z.infer<typeof FieldMapping>;

/** How a field mapping is named to an analyst: "Field 8 (PrimaryPhone)", "Line, field 2 (Amount)". */
export function fieldName(index: number, target: string, list?: string): string {
  return `${list ? `${list}, field` : 'Field'} ${index + 1} (${target})`;
}

/** A field's kind: exactly one of source, value or expression. */
export function fieldKind(m: FieldMapping): 'source' | 'value' | 'expression' | null {
  const kinds = (['source', 'value', 'expression'] as const).filter((k) => m[k] !== undefined);
  return kinds.length === 1 ? kinds[0] : null;
}

/** A JSONata syntax error in analyst's words (null when it parses), and the field names it reads. */
export function inspectExpression(expression: string): { problem: string | null; names: string[] } {
  if (expression.trim() === '') return { problem: 'the expression is empty', names: [] };
  try {
    return { problem: null, names: namesIn(jsonata(expression).ast()) };
  } catch (e) {
    const err = e as { message?: string; position?: number };
    const at = typeof err.position === 'number' ? ` at column ${err.position}` : '';
    return { problem: `the expression has a syntax error${at}: ${err.message ?? String(e)}`, names: [] };
  }
}

/**
 * Problems named "Field N (Target)", never by config path: the flow check shows the
 * message as it is (`params.named`, see flow/validate-flow.ts).
 */
function checkFields(fields: FieldMapping[], ctx: z.RefinementCtx, path: (string | number)[], list?: string): void {
  for (const [i, m] of fields.entries()) {
    const name = fieldName(i, m.target, list);
    const at = [...path, i];
    const kind = fieldKind(m);
    if (list && m.when === 'create') {
      // A list's lines are written whole with their record (QuickBooks) or line by line (Creatio details):
      // no sink leaves one field of a line out of an update, so the option would be ignored without a word.
      const message =
        `${name}: "Only when creating" is for the record's own fields; the fields of its lines are written on ` +
        'every update. Remove the option from this line field.';
      ctx.addIssue({ code: 'custom', message, path: [...at, 'when'], params: { named: true } });
    }
    if (kind === null) {
      const message = `${name}: give exactly one of a source field, a fixed value or an expression.`;
      ctx.addIssue({ code: 'custom', message, path: at, params: { named: true } });
    } else if (kind === 'expression') {
      // An expression reads fields by name too: never the machinery of JavaScript objects (field-path.ts).
      const { problem, names } = inspectExpression(m.expression!);
      const bad = names.map(forbiddenSegment).find((x) => x !== undefined);
      if (bad !== undefined)
        ctx.addIssue({ code: 'custom', message: forbiddenPathMessage(bad), path: [...at, 'expression'] });
      if (problem)
        ctx.addIssue({
          code: 'custom',
          message: `${name}: ${problem}.`,
          path: [...at, 'expression'],
          params: { named: true },
        });
    }
  }
}

// Written field by field, whatever else is sent: QuickBooks Online custom fields (by DefinitionId) and Desktop's DataExt.
const PER_FIELD = new Set(['CustomField', 'DataExt']);

/**
 * "Only when creating" leaves a field out of an update; an object the update still sends (BillAddr, because its City
 * is written always) is sent whole and replaces the target's (QuickBooks Online's sparse update replaces a nested
 * object as one), so the field left out would be emptied. Refused: all of the object's fields once, or none.
 */
function checkCreateOnly(fields: FieldMapping[], ctx: z.RefinementCtx): void {
  const objectOf = (m: FieldMapping) => (m.target.includes('.') ? m.target.split('.')[0] : null);
  for (const [i, m] of fields.entries()) {
    const object = objectOf(m);
    if (m.when !== 'create' || object === null || PER_FIELD.has(object)) continue;
    const always = fields.find((o) => objectOf(o) === object && o.when !== 'create');
    if (!always) continue;
    const message =
      `${fieldName(i, m.target)}: "Only when creating" would empty it at each update, as ${always.target} is written ` +
      `on every update and ${object} is sent whole. Mark every field of ${object} "Only when creating", or none.`;
    ctx.addIssue({ code: 'custom', message, path: ['mappings', i, 'when'], params: { named: true } });
  }
}

/** A required field counts as filled by its own path or, for a reference, by any of its parts (CustomerRef.ListID). */
function fills(targets: Set<string>, f: FieldInfo): boolean {
  if (targets.has(f.path)) return true;
  if (f.type !== 'reference') return false;
  const ref = f.path.slice(0, f.path.lastIndexOf('.') + 1);
  return [...targets].some((t) => t.startsWith(ref));
}

const fillIt = 'map a source field onto it, or give it a fixed value or an expression.';

/** Required fields of the target (where its system knows them without a connection) that no field fills. */
function checkRequired(
  c: { targetType: string; mappings: FieldMapping[]; lines?: LinesMapping[] },
  ctx: z.RefinementCtx,
) {
  const known = knownFields(c.targetType);
  if (!known) return;
  const what = describeRecordType(c.targetType).replace(/ records$/, '');
  const targets = new Set([...c.mappings.map((m) => m.target), ...(c.lines ?? []).map((l) => l.target)]);
  for (const f of known.fields) {
    if (!f.required) continue;
    if (!fills(targets, f)) {
      const message = `${what} needs ${f.path}, but no field of this mapping fills it: ${fillIt}`;
      ctx.addIssue({ code: 'custom', message, path: ['mappings'], params: { named: true } });
      continue;
    }
    const lines = f.type === 'list' ? c.lines?.find((l) => l.target === f.path) : undefined;
    if (!lines) continue;
    const inLine = new Set(lines.fields.map((m) => m.target));
    for (const child of f.children ?? []) {
      if (!child.required || fills(inLine, child)) continue;
      const message = `Each ${f.path} of ${what} needs ${child.path}, but no field of the list fills it: ${fillIt}`;
      ctx.addIssue({ code: 'custom', message, path: ['lines'], params: { named: true } });
    }
  }
}

export const MappingConfig = z
  .strictObject({
    /** Record type produced, e.g. `quickbooks-online.Customer`: chosen from the record types the systems write. */
    targetType: z
      .string()
      .refine(
        isRecordType,
        'choose the kind of record this mapping produces from the list, e.g. QuickBooks Online Customer',
      ),
    mappings: z.array(FieldMapping).min(1, 'map at least one field'),
    lines: z.array(LinesMapping).optional(),
  })
  .superRefine((c, ctx) => {
    checkFields(c.mappings, ctx, ['mappings']);
    checkCreateOnly(c.mappings, ctx);
    for (const [j, l] of (c.lines ?? []).entries()) checkFields(l.fields, ctx, ['lines', j, 'fields'], l.target);
    checkRequired(c, ctx);
  });

export type MappingConfig = z.infer<typeof MappingConfig>;
export type LinesMapping = z.infer<typeof LinesMapping>;

/** The options "Produces" offers (read when the form is drawn: the systems register their types first). */
export const producesOptions = recordTypeOptions;

// ---- version 1 → 2 -------------------------------------------------------------------------------

const TEMPLATE = /\{\{\s*([\w.]+)\s*\}\}/g;

/** A field path as a JSONata path: `BillAddr.Line1` stays, a segment JSONata would misread is quoted in backticks. */
export function pathExpression(path: string): string {
  return path
    .split('.')
    .map((s) =>
      /^[A-Za-z_]\w*$/.test(s) && !['and', 'or', 'in', 'true', 'false', 'null'].includes(s) ? s : `\`${s}\``,
    )
    .join('.');
}

/** "From {{Title}} ({{Code}})" → `"From " & Title & " (" & Code & ")"` (an absent field joins as "", as before). */
export function templateExpression(template: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const m of template.matchAll(TEMPLATE)) {
    if (m.index > last) parts.push(JSON.stringify(template.slice(last, m.index)));
    parts.push(pathExpression(m[1]));
    last = m.index + m[0].length;
  }
  if (last < template.length) parts.push(JSON.stringify(template.slice(last)));
  // A single placeholder alone must still be text ("{{Code}}" of 42 gave "42"): $string keeps that.
  return parts.length === 1 && !parts[0].startsWith('"') ? `$string(${parts[0]})` : parts.join(' & ');
}

type V1Row = Record<string, unknown> & { source?: string; value?: string; multiply?: string[] };

function migrateRow(row: V1Row): Record<string, unknown> {
  const { multiply, value, ...rest } = row;
  if (rest.source !== undefined) return rest;
  if (Array.isArray(multiply)) {
    // Version 1 rounded the product to cents: a line amount QuickBooks accepts (6070).
    return { ...rest, expression: `$round(${multiply.map((p) => pathExpression(String(p))).join(' * ')}, 2)` };
  }
  if (typeof value === 'string' && /\{\{\s*[\w.]+\s*\}\}/.test(value))
    return { ...rest, expression: templateExpression(value) };
  return value === undefined ? rest : { ...rest, value };
}

/** Version 1 configs (templates, multiply) upgraded to version 2; anything else is returned as it is. */
export function migrateMapping(config: unknown, fromVersion: number): unknown {
  if (fromVersion >= 2 || !config || typeof config !== 'object') return config;
  const c = config as { mappings?: unknown; lines?: unknown };
  const rows = (x: unknown) => (Array.isArray(x) ? x.map((r) => (r && typeof r === 'object' ? migrateRow(r) : r)) : x);
  const lines = Array.isArray(c.lines)
    ? c.lines.map((l) => (l && typeof l === 'object' ? { ...l, fields: rows((l as { fields?: unknown }).fields) } : l))
    : c.lines;
  return { ...c, mappings: rows(c.mappings), ...(c.lines !== undefined ? { lines } : {}) };
}
