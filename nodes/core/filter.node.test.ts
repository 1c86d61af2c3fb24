import { describe, expect, it } from 'vitest';
import type { FlowRecord, NodeContext } from '../define-node';
import { filterNode, ruleMatches, type FilterRule } from './filter.node';

const rule = (field: string, op: FilterRule['op'], value = ''): FilterRule => ({ field, op, value });
const account = {
  Name: 'Acme Supplies',
  Revenue: 1200,
  ModifiedOn: '2026-03-01T10:00:00Z',
  UsrActive: { Name: 'Yes' },
  Notes: '  ',
  OwnerId: '00000000-0000-0000-0000-000000000000',
};

describe('filter rules', () => {
  it('tests each operator the way an analyst reads it', () => {
    expect(ruleMatches(rule('UsrActive.Name', 'equals', 'Yes'), account)).toBe(true);
    expect(ruleMatches(rule('UsrActive.Name', 'not-equals', 'Yes'), account)).toBe(false);
    expect(ruleMatches(rule('Name', 'contains', 'SUPPL'), account)).toBe(true);
    expect(ruleMatches(rule('Name', 'starts-with', 'acme'), account)).toBe(true);
    expect(ruleMatches(rule('Name', 'starts-with', 'Supplies'), account)).toBe(false);
    // Blank text, an absent field and Creatio's empty lookup are all empty.
    expect(ruleMatches(rule('Notes', 'is-empty'), account)).toBe(true);
    expect(ruleMatches(rule('Missing', 'is-empty'), account)).toBe(true);
    expect(ruleMatches(rule('OwnerId', 'is-empty'), account)).toBe(true);
    expect(ruleMatches(rule('Name', 'is-not-empty'), account)).toBe(true);
    // Numbers as numbers (1200 > 900 although "1200" < "900" as text), dates as ISO text.
    expect(ruleMatches(rule('Revenue', 'greater-than', '900'), account)).toBe(true);
    expect(ruleMatches(rule('Revenue', 'less-than', '900'), account)).toBe(false);
    expect(ruleMatches(rule('ModifiedOn', 'greater-than', '2026-02-28'), account)).toBe(true);
  });

  it('passes a record on all or any of the rules; the others are filtered, not failed', async () => {
    const records = [account, { ...account, Name: 'Zeta Ltd', UsrActive: { Name: 'No' } }].map(
      (data, i) =>
        ({ key: String(i), data, meta: { source: { system: 'creatio', entity: 'Account' } } }) as unknown as FlowRecord,
    );
    const rules = [rule('UsrActive.Name', 'equals', 'Yes'), rule('Name', 'starts-with', 'Zeta')];
    const run = async (match: 'all' | 'any') =>
      (await filterNode.process({} as NodeContext, { match, rules }, undefined as never, records)).map(
        (r) => r.outcome,
      );
    expect(await run('all')).toEqual(['filtered', 'filtered']);
    expect(await run('any')).toEqual(['passed', 'passed']);
    expect(
      await filterNode
        .process({} as NodeContext, { match: 'all', rules: [rules[0]] }, undefined as never, records)
        .then((r) => r.map((x) => x.outcome)),
    ).toEqual(['passed', 'filtered']);
  });
});
