// A mapping compiled once per run: a field copy becomes a direct accessor, a fixed value a constant, an expression
// a compiled JSONata program (compiled here, never per record), turned into a plain function when it is one of the
// common kinds (expression-fast.ts); a mapping whose every expression has one maps synchronously. Kept apart from
// what runs for each record (mapping-run.ts), which only reads what this builds.
import jsonata from 'jsonata';
import { readPath } from './field-path';
import { fieldName, type FieldMapping, type LinesMapping, type MappingConfig } from './mapping-config';
import { fastExpression, type Fast } from './expression-fast';

export interface CompiledField {
  m: FieldMapping;
  /** "Field 3 (DisplayName)", for messages. */
  name: string;
  /** Synchronous value (source, value); undefined for an expression. */
  get?: (data: Record<string, unknown>) => unknown;
  expr?: jsonata.Expression;
  /** The expression as a plain function (expression-fast.ts), when it is one of the common kinds. */
  fast?: Fast;
}

export interface CompiledLines {
  target: string;
  from: string;
  minItems: number;
  whenFewer: 'fail' | 'skip';
  onlyWith?: string;
  fields: CompiledField[];
  description?: LinesMapping['description'];
}

export interface CompiledMapping {
  /** True when some expression has no plain function: `map` then answers a promise. */
  async: boolean;
  fields: CompiledField[];
  lines: CompiledLines[];
  /** How many JSONata programs were compiled (a test counts them). */
  compiled: number;
}

function compileFields(fields: FieldMapping[], counter: { n: number; slow: number }, list?: string): CompiledField[] {
  return fields.map((m, i) => {
    const name = fieldName(i, m.target, list);
    if (m.source !== undefined) {
      const path = m.source;
      // A top-level field is one property read; a nested path walks its (cached) segments.
      const get = path.includes('.')
        ? (d: Record<string, unknown>) => readPath(d, path)
        : (d: Record<string, unknown>) => (Object.hasOwn(d, path) ? d[path] : undefined);
      return { m, name, get };
    }
    if (m.expression !== undefined) {
      counter.n++;
      const expr = jsonata(m.expression);
      const fast = fastExpression(expr.ast());
      if (!fast) counter.slow++;
      return { m, name, expr, ...(fast ? { fast } : {}) };
    }
    const value = m.value;
    return { m, name, get: () => value };
  });
}

export function compileMapping(config: MappingConfig): CompiledMapping {
  const counter = { n: 0, slow: 0 };
  const fields = compileFields(config.mappings, counter);
  const lines = (config.lines ?? []).map((l) => ({
    target: l.target,
    from: l.from,
    minItems: l.minItems,
    whenFewer: l.whenFewer,
    onlyWith: l.onlyWith,
    fields: compileFields(l.fields, counter, l.target),
    description: l.description,
  }));
  return { async: counter.slow > 0, fields, lines, compiled: counter.n };
}
