// A node's settings form, computed from its zod config schema (through
// z.toJSONSchema) and its `ui.fields` hints. The designer renders forms from
// this model only: it never switches on a node type.
import { z } from 'zod';
import type { AnyNodeDefinition, FieldHint } from '../../../nodes/define-node';
import { humanize, labelFor, unsetMeans } from './labels';

/** The subset of JSON Schema that z.toJSONSchema emits and the form reads. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  maxLength?: number;
}

export type Widget =
  'text' | 'textarea' | 'number' | 'select' | 'checkbox' | 'connection' | 'string-list' | 'table' | 'json' | 'password';

export interface FieldModel {
  key: string;
  label: string;
  widget: Widget;
  required: boolean;
  help?: string;
  placeholder?: string;
  options?: { value: string; label: string }[];
  connectionKind?: string;
  integer?: boolean;
  min?: number;
  maxLength?: number;
  /** The schema's default, shown when the config leaves the field out. */
  default?: unknown;
  /** `table`: one column per property of the row objects. */
  columns?: FieldModel[];
  /** `table`: the row added by "Add row". */
  newRow?: Record<string, unknown>;
}

/** The config schema as JSON Schema (input side: fields with defaults are optional). */
export function configJsonSchema(config: z.ZodType): JsonSchema | null {
  try {
    return z.toJSONSchema(config, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  } catch {
    return null; // the form falls back to a JSON editor of the whole config
  }
}

const cache = new WeakMap<object, FieldModel[]>();

/** The form of a definition, computed once per definition. */
export function formModelFor(def: Pick<AnyNodeDefinition, 'config' | 'ui'>): FieldModel[] {
  let model = cache.get(def);
  if (!model) cache.set(def, (model = buildFormModel(def)));
  return model;
}

export function buildFormModel(def: Pick<AnyNodeDefinition, 'config' | 'ui'>): FieldModel[] {
  const schema = configJsonSchema(def.config);
  const hints = (def.ui.fields ?? {}) as Record<string, FieldHint | undefined>;
  return fieldsFromJsonSchema(schema, hints);
}

export function fieldsFromJsonSchema(
  schema: JsonSchema | null,
  hints: Record<string, FieldHint | undefined>,
): FieldModel[] {
  if (!schema || !schema.properties) return [{ key: '', label: 'Settings (JSON)', widget: 'json', required: true }];
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties).map(([key, prop]) => fieldModel(key, prop, required.has(key), hints[key]));
}

function fieldModel(
  key: string,
  raw: JsonSchema,
  required: boolean,
  hint: FieldHint | undefined,
  table?: string,
): FieldModel {
  const { schema: prop, nullable } = unwrapNullable(raw);
  const label = hint?.label ?? labelFor(table, key) ?? humanize(key);
  const base: FieldModel = {
    key,
    label,
    widget: inferWidget(prop, hint),
    required: required && !nullable,
    help: hint?.help ?? prop.description,
    placeholder: hint?.placeholder,
  };
  if (prop.default !== undefined) base.default = prop.default;
  else if (unsetMeans(table, key) !== undefined) base.default = unsetMeans(table, key);
  const enumValues = enumOf(prop);
  if (hint?.options) base.options = hint.options;
  else if (enumValues)
    base.options = enumValues.map((v) => ({ value: v, label: labelFor('option', v) ?? humanize(v) }));
  if (base.widget === 'connection') base.connectionKind = hint?.connectionKind;
  if (base.widget === 'number') {
    base.integer = typeOf(prop) === 'integer';
    base.min =
      prop.minimum ??
      (prop.exclusiveMinimum !== undefined ? prop.exclusiveMinimum + (base.integer ? 1 : 0) : undefined);
  }
  if (prop.maxLength !== undefined) base.maxLength = prop.maxLength;
  if (base.widget === 'table' && prop.items) {
    const row = unwrapNullable(prop.items).schema;
    const rowRequired = new Set(row.required ?? []);
    const tableName = hint?.widget === 'rules' || hint?.widget === 'mappings' ? hint.widget : undefined;
    base.columns = Object.entries(row.properties ?? {}).map(([k, p]) =>
      fieldModel(k, p, rowRequired.has(k), undefined, tableName),
    );
    base.newRow = newRow(base.columns, row);
  }
  return base;
}

function inferWidget(prop: JsonSchema, hint: FieldHint | undefined): Widget {
  const w = hint?.widget;
  if (w === 'rules' || w === 'mappings') return 'table';
  if (w === 'code') return 'textarea';
  if (w) return w;
  const t = typeOf(prop);
  if (enumOf(prop)) return 'select';
  if (t === 'boolean') return 'checkbox';
  if (t === 'number' || t === 'integer') return 'number';
  if (t === 'string') return prop.maxLength !== undefined && prop.maxLength > 200 ? 'textarea' : 'text';
  if (t === 'array' && prop.items) {
    const item = unwrapNullable(prop.items).schema;
    if (typeOf(item) === 'string' && !enumOf(item)) return 'string-list';
    if (typeOf(item) === 'object' && item.properties) return 'table';
  }
  return 'json';
}

function newRow(columns: FieldModel[], row: JsonSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of columns) {
    const p = row.properties?.[c.key];
    if (p?.default !== undefined) out[c.key] = p.default;
    else if (c.options?.length && c.required) out[c.key] = c.options[0].value;
    else if (c.widget === 'text' || c.widget === 'textarea') out[c.key] = '';
  }
  return out;
}

function typeOf(s: JsonSchema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  return s.type;
}

function enumOf(s: JsonSchema): string[] | null {
  if (Array.isArray(s.enum) && s.enum.every((v) => typeof v === 'string')) return s.enum as string[];
  const alts = s.anyOf ?? s.oneOf;
  if (alts && alts.every((a) => typeof a.const === 'string')) return alts.map((a) => a.const as string);
  return null;
}

/** `anyOf: [X, {type: null}]` (a `.nullable()` field) → X. */
function unwrapNullable(s: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) {
    const rest = alts.filter((a) => a.type !== 'null');
    if (rest.length === 1 && rest.length < alts.length)
      return { schema: { ...rest[0], default: s.default ?? rest[0].default }, nullable: true };
  }
  return { schema: s, nullable: false };
}

const MAIN_WIDGETS = new Set<Widget>(['text', 'textarea', 'select', 'connection']);

/** Table rows in a narrow panel: up to three text or choice columns first, the others on a second line. */
export function splitColumns(columns: FieldModel[]): { main: FieldModel[]; extra: FieldModel[] } {
  const main = columns.filter((c) => MAIN_WIDGETS.has(c.widget)).slice(0, 3);
  return { main, extra: columns.filter((c) => !main.includes(c)) };
}
