// The plain functions for common expressions give what JSONata itself gives, or step aside.
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { FALLBACK, fastExpression } from './expression-fast';

const RECORDS: Record<string, unknown>[] = [
  { Name: '  Café  "Co"\t& <Sons> ', Code: 'A-1', Notes: '', Phone: { Main: '+1 555' } },
  { Name: 'Émile 😀 Ng', Code: 42, Notes: 'Key account', Phone: null },
  { Name: 'x', Tags: ['a', 'b'], Phone: { Main: ['1', '2'] } },
  { Name: ' ', Code: '\r\n a \t b\n', Notes: 'a  b' },
  { Name: '', Code: '  ', Notes: 'ab ' },
  {},
];

const EXPRESSIONS = [
  'Name',
  'Phone.Main',
  '$trim(Name)',
  '$trim(Code)',
  '$trim(Notes)',
  '$uppercase(Name) & " (" & Code & ")"',
  '$substring($trim(Name), 0, 5)',
  '$substring(Name, -3)',
  '$substring(Name, 2, 0)',
  '$length(Name)',
  '$lowercase(Name)',
  '$string(Code)',
  '$exists(Notes)',
  'Notes ? Notes : "none"',
  'Code ? "has a code" : "no code"',
  '"fixed"',
  'Tags',
];

describe('expression-fast', () => {
  it('agrees with JSONata on every record, or hands the record to JSONata', async () => {
    let fast = 0;
    for (const e of EXPRESSIONS) {
      const compiled = jsonata(e);
      const f = fastExpression(compiled.ast());
      expect(f, e).not.toBeNull();
      for (const r of RECORDS) {
        const mine = f!(r);
        if (mine === FALLBACK) continue;
        fast++;
        let theirs: unknown;
        try {
          theirs = await compiled.evaluate(r);
        } catch (err) {
          theirs = `error: ${(err as Error).message}`;
        }
        expect(mine, `${e} on ${JSON.stringify(r)}`).toEqual(theirs);
      }
    }
    expect(fast).toBeGreaterThan(40);
  });

  it('steps aside for what it does not know: other functions, arithmetic, filters, lambdas', () => {
    for (const e of ['$number(Code)', 'Qty * Price', 'Lines[Qty > 1]', '$map(Tags, function($t) { $t })', '$$.Name'])
      expect(fastExpression(jsonata(e).ast()), e).toBeNull();
  });

  it('hands arrays and non-text values to JSONata instead of guessing', () => {
    const at = (e: string, r: Record<string, unknown>) => fastExpression(jsonata(e).ast())!(r);
    expect(at('Tags', { Tags: ['a'] })).toBe(FALLBACK);
    expect(at('$uppercase(Code)', { Code: 42 })).toBe(FALLBACK);
    expect(at('Name & Code', { Name: 'a', Code: 1 })).toBe(FALLBACK);
  });
});
