import { describe, expect, it } from 'vitest';
import { andFilters, keysetFilter, parseWatermark } from './keyset';
import { odataLiteral, odataString, queryString } from './odata-literal';

describe('keyset watermark', () => {
  it('keeps all seven fractional digits of the timestamp', () => {
    const mark = parseWatermark('2026-01-05T09:00:00.1234567Z|8ECAB4A1-1111-2222-3333-444455556666');
    expect(keysetFilter('ModifiedOn', mark)).toBe(
      '(ModifiedOn ge 2026-01-05T09:00:00.1234567Z and (ModifiedOn gt 2026-01-05T09:00:00.1234567Z or Id gt 8ecab4a1-1111-2222-3333-444455556666))',
    );
  });

  it('accepts a bare start date, and refuses a date without a zone in plain words', () => {
    expect(keysetFilter('ModifiedOn', parseWatermark('2026-01-01T00:00:00Z'))).toBe('ModifiedOn gt 2026-01-01T00:00:00Z');
    expect(() => parseWatermark('2026-01-01T00:00:00')).toThrow(/does not start with a date and time with a zone/);
    expect(parseWatermark(null)).toBeNull();
  });

  it("ANDs the analyst's filter with the keyset in parentheses, so an 'or' cannot leak", () => {
    expect(andFilters("Name eq 'a' or Name eq 'b'", 'ModifiedOn gt 2026-01-01T00:00:00Z')).toBe("(Name eq 'a' or Name eq 'b') and (ModifiedOn gt 2026-01-01T00:00:00Z)");
    expect(andFilters(undefined, '  ')).toBeUndefined();
  });
});

describe('OData literals', () => {
  it("doubles single quotes and leaves GUIDs and zoned timestamps unquoted", () => {
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
