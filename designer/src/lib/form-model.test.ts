import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { filterNode } from '../../../nodes/core/filter.node.ts';
import { mappingNode } from '../../../nodes/core/mapping.node.ts';
import { buildFormModel, splitColumns } from './form-model';

describe('form model from a node definition', () => {
  test('filter: a select from the hint and a rules table from the row schema', () => {
    const [match, rules] = buildFormModel(filterNode);
    expect(match).toMatchObject({ key: 'match', label: 'Records must match', widget: 'select', required: false });
    expect(match.options).toEqual([
      { value: 'all', label: 'all rules' },
      { value: 'any', label: 'any rule' },
    ]);
    expect(rules).toMatchObject({ key: 'rules', widget: 'table', required: true });
    expect(rules.columns?.map((c) => [c.key, c.label, c.widget])).toEqual([
      ['field', 'Field', 'text'],
      ['op', 'Test', 'select'],
      ['value', 'Value', 'text'],
    ]);
    expect(rules.columns?.[1].options?.find((o) => o.value === 'is-not-empty')?.label).toBe('is not empty');
    // a new rule is valid as far as the row schema can tell without the user
    expect(rules.newRow).toEqual({ field: '', op: 'equals', value: '' });
  });

  test('mapping: the mappings table has target/source/value/expression/required/maxLength columns', () => {
    const [targetType, mappings] = buildFormModel(mappingNode);
    // Issue 14: "Produces" is chosen from a list of record types, never typed.
    expect(targetType).toMatchObject({ key: 'targetType', widget: 'select', label: 'Produces', required: true });
    const cols = Object.fromEntries((mappings.columns ?? []).map((c) => [c.key, c]));
    expect(Object.keys(cols)).toEqual([
      'target',
      'source',
      'value',
      'expression',
      'as',
      'required',
      'maxLength',
      'tooLong',
      'when',
      'emptyUntilChosen',
    ]);
    expect(cols.required.widget).toBe('checkbox');
    // Issue 15: a row without `when` is written on every create and update, and reads so until another is chosen.
    expect(cols.when).toMatchObject({ widget: 'select', label: 'Written', required: false, default: 'always' });
    expect(cols.when.options).toEqual([
      { value: 'always', label: 'On every create and update' },
      { value: 'create', label: 'Only when creating' },
    ]);
    expect(cols.emptyUntilChosen).toMatchObject({ widget: 'checkbox', label: 'Empty until an option is chosen' });
    expect(cols.maxLength).toMatchObject({ widget: 'number', integer: true, min: 1, required: false });
    expect(cols.target.required).toBe(true);
    expect(cols.source.required).toBe(false);
    expect(mappings.newRow).toMatchObject({ target: '', required: false, tooLong: 'fail' });
    expect(mappings.newRow).not.toHaveProperty('when'); // a new row leaves it out: the flow document stays as it was
  });

  test('infers widgets from the schema when there are no hints', () => {
    const def = {
      config: z.strictObject({
        connection: z.string(),
        entity: z.enum(['Account', 'Contact']),
        select: z.array(z.string()).default([]),
        pageSize: z.number().int().min(1).max(1000).default(200),
        incremental: z.string().nullable().default(null),
        dryRun: z.boolean().default(false),
        extra: z.record(z.string(), z.string()).optional(),
      }),
      ui: {
        icon: 'x',
        color: '#000',
        fields: { connection: { widget: 'connection' as const, connectionKind: 'creatio' } },
      },
    };
    const byKey = Object.fromEntries(buildFormModel(def).map((f) => [f.key, f]));
    expect(byKey.connection).toMatchObject({ widget: 'connection', connectionKind: 'creatio', required: true });
    expect(byKey.entity).toMatchObject({ widget: 'select', label: 'Entity' });
    expect(byKey.select.widget).toBe('string-list');
    expect(byKey.pageSize).toMatchObject({ widget: 'number', integer: true, min: 1, label: 'Page size' });
    expect(byKey.incremental).toMatchObject({ widget: 'text', required: false });
    expect(byKey.dryRun.widget).toBe('checkbox');
    expect(byKey.extra.widget).toBe('json');
  });
});

test('mapping rows: target, source and value first; required, max length and overflow below', () => {
  const [, mappings] = buildFormModel(mappingNode);
  const { main, extra } = splitColumns(mappings.columns ?? []);
  expect(main.map((c) => c.key)).toEqual(['target', 'source', 'value']);
  expect(extra.map((c) => c.key)).toEqual([
    'expression',
    'as',
    'required',
    'maxLength',
    'tooLong',
    'when',
    'emptyUntilChosen',
  ]);
  const [, rules] = buildFormModel(filterNode);
  expect(splitColumns(rules.columns ?? []).extra).toEqual([]);
});
