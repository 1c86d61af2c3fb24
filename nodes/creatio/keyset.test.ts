import { describe, expect, it } from 'vitest';
import { andFilters, formatWatermark, keysetFilter, MAX_TIE_IDS, nextWatermark, parseWatermark } from './keyset';
import { odataLiteral, odataString, queryString } from './odata-literal';

describe('keyset watermark', () => {
  it('keeps all seven fractional digits of the timestamp, and leaves out the rows already read at it', () => {
    const mark = parseWatermark('2026-01-05T09:00:00.1234567Z|8ECAB4A1-1111-2222-3333-444455556666');
    expect(keysetFilter('ModifiedOn', mark)).toEqual({
      filter:
        'ModifiedOn ge 2026-01-05T09:00:00.1234567Z and (ModifiedOn gt 2026-01-05T09:00:00.1234567Z or ' +
        '(Id ne 8ecab4a1-1111-2222-3333-444455556666))',
    });
  });

  it('keeps the ids of the tie at the end of a page, adding those read before when the page never left it', () => {
    const g = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const row = (value: string, n: number) => ({ value, id: g(n) });
    expect(nextWatermark(null, [row('a', 1), row('b', 2), row('b', 3)])).toEqual({ value: 'b', ids: [g(2), g(3)] });
    expect(nextWatermark({ value: 'b', ids: [g(2)] }, [row('b', 3), row('b', 4)])).toEqual({
      value: 'b',
      ids: [g(2), g(3), g(4)],
    });
    expect(nextWatermark({ value: 'b', ids: [g(2)] }, [row('b', 3), row('c', 4)])).toEqual({ value: 'c', ids: [g(4)] });
    // A tie longer than MAX_TIE_IDS keeps its first ids and counts the rest.
    const long = nextWatermark(
      null,
      Array.from({ length: MAX_TIE_IDS + 3 }, (_, n) => row('t', n)),
    );
    expect(long).toMatchObject({ value: 't', skip: 3 });
    expect(keysetFilter('ModifiedOn', parseWatermark(`2026-01-05T09:00:00Z|${long.ids!.join(',')}|3`))).toMatchObject({
      skip: 3,
    });
    expect(formatWatermark(long)).toMatch(/\|3$/);
  });

  it('accepts a bare start date, and refuses a date without a zone in plain words', () => {
    expect(keysetFilter('ModifiedOn', parseWatermark('2026-01-01T00:00:00Z'))).toEqual({
      filter: 'ModifiedOn gt 2026-01-01T00:00:00Z',
    });
    expect(() => parseWatermark('2026-01-01T00:00:00')).toThrow(/does not start with a date and time with a zone/);
    expect(parseWatermark(null)).toBeNull();
  });

  it("ANDs the analyst's filter with the keyset in parentheses, so an 'or' cannot leak", () => {
    expect(andFilters("Name eq 'a' or Name eq 'b'", 'ModifiedOn gt 2026-01-01T00:00:00Z')).toBe(
      "(Name eq 'a' or Name eq 'b') and (ModifiedOn gt 2026-01-01T00:00:00Z)",
    );
    expect(andFilters(undefined, '  ')).toBeUndefined();
  });
});

describe('OData literals', () => {
  it('doubles single quotes and leaves GUIDs and zoned timestamps unquoted', () => {
    expect(odataString("O'Brien's")).toBe("'O''Brien''s'");
    expect(odataLiteral('6A6F0000-0000-0000-0000-000000000001')).toBe('6a6f0000-0000-0000-0000-000000000001');
    expect(odataLiteral('2026-01-05T09:00:00.1234567Z')).toBe('2026-01-05T09:00:00.1234567Z');
    expect(odataLiteral('Smith & Sons')).toBe("'Smith & Sons'");
    expect(odataLiteral(null)).toBe('null');
  });

  it('percent-encodes & # % + in query values', () => {
    expect(queryString({ $filter: "Name eq 'A&B #1 100% C++'", $top: 5, $skip: undefined })).toBe(
      "?$filter=Name%20eq%20'A%26B%20%231%20100%25%20C%2B%2B'&$top=5",
    );
  });
});
