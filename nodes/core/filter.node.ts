// Filter: lets through only the records that match the rules; the others are
// counted as "filtered" (not failed) so operators see why they did not sync.
import { z } from 'zod';
import { defineNode, type RecordResult } from '../define-node';
import { asText, fieldPath, readPath } from './field-path';

const OPS = [
  'equals',
  'not-equals',
  'contains',
  'starts-with',
  'is-empty',
  'is-not-empty',
  'greater-than',
  'less-than',
] as const;
type Op = (typeof OPS)[number];

const Rule = z.strictObject({
  field: fieldPath(z.string().min(1, 'choose the field to test')),
  op: z.enum(OPS),
  value: z.string().default(''),
});

const Config = z.strictObject({
  match: z.enum(['all', 'any']).default('all'),
  rules: z.array(Rule).min(1, 'add at least one rule'),
});

export type FilterRule = z.infer<typeof Rule>;

export function ruleMatches(rule: FilterRule, data: Record<string, unknown>): boolean {
  const actual = asText(readPath(data, rule.field));
  const want = rule.value;
  // A switch, not a table of closures: this runs for every record and rule.
  switch (rule.op) {
    case 'equals':
      return actual === want;
    case 'not-equals':
      return actual !== want;
    case 'contains':
      return actual.toLowerCase().includes(want.toLowerCase());
    case 'starts-with':
      return actual.toLowerCase().startsWith(want.toLowerCase());
    case 'is-empty':
      return actual.trim() === '';
    case 'is-not-empty':
      return actual.trim() !== '';
    case 'greater-than':
      return compare(actual, want) > 0;
    case 'less-than':
      return compare(actual, want) < 0;
  }
}

/** Numbers compare as numbers, everything else (ISO dates included) as text. */
function compare(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && !Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

const OP_WORDS: Record<Op, string> = {
  equals: '=',
  'not-equals': '≠',
  contains: 'contains',
  'starts-with': 'starts with',
  'is-empty': 'is empty',
  'is-not-empty': 'is not empty',
  'greater-than': '>',
  'less-than': '<',
};

export const filterNode = defineNode({
  type: 'core.filter',
  version: 1,
  title: 'Filter',
  category: 'filter',
  description: 'Lets through only the records that match your rules. The others are counted as filtered, not failed.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'Matching', recordType: { sameAs: 'in' } }],
  config: Config,
  defaults: { match: 'all', rules: [{ field: 'Name', op: 'is-not-empty', value: '' }] },
  ui: {
    icon: '▽',
    color: '#d97706',
    fields: {
      match: {
        label: 'Records must match',
        widget: 'select',
        options: [
          { value: 'all', label: 'all rules' },
          { value: 'any', label: 'any rule' },
        ],
      },
      rules: {
        label: 'Rules',
        widget: 'rules',
        help: 'A field path such as Name or UsrActive.Name, a test, and a value.',
      },
    },
    summary: (c) =>
      c.rules
        .map((r) => `${r.field} ${OP_WORDS[r.op]}${r.op.startsWith('is-') ? '' : ` ${r.value}`}`)
        .join(c.match === 'all' ? ' and ' : ' or '),
  },
  async process(_ctx, config, _state, batch) {
    return batch.map((record): RecordResult => {
      const pass =
        config.match === 'all'
          ? config.rules.every((r) => ruleMatches(r, record.data))
          : config.rules.some((r) => ruleMatches(r, record.data));
      return pass ? { record, outcome: 'passed', port: 'out' } : { record, outcome: 'filtered' };
    });
  },
});
