import { describe, expect, it } from 'vitest';
import { CATALOGUE, entryFor, searchCatalogue } from './catalogue';

describe('error catalogue', () => {
  it('links failures to their entry by code, by text and by family', () => {
    expect(entryFor({ code: 'qbo.6240', message: 'Duplicate Name Exists Error' })?.id).toBe('qbo-6240');
    expect(entryFor({ code: 'qbd.3100', message: 'The name "Acme" of the list element is already in use.' })?.id).toBe(
      'qbxml-3100',
    );
    expect(entryFor({ code: 'qbd.0x80040414', message: 'A modal dialog is open' })?.id).toBe('hresult-0x80040414');
    expect(entryFor({ code: 'creatio.401', message: 'Unauthorized' })?.id).toBe('creatio-401');
    expect(entryFor({ code: 'weft.binding.duplicate-source', message: 'Two source records…' })?.id).toBe(
      'weft-duplicate-source',
    );
    // By the message's text: a QuickBooks Desktop application error quoted in a message.
    expect(entryFor({ code: 'weft.qbd.no-answer', message: 'QuickBooks said: Error -6190, -82' })?.id).toBe(
      'qb-6000-series',
    );
    expect(entryFor({ code: 'x', message: 'Error H202 opening the company file' })?.id).toBe('qb-h-series');
    // By family: an Online Fault code the catalogue does not list on its own.
    expect(entryFor({ code: 'qbo.6999', message: 'Something else' })?.id).toBe('qbo-6000');
    expect(entryFor({ code: 'qbd.3045', message: 'bad number' })?.id).toBe('qbxml-3070');
    expect(entryFor({ code: 'nobody.knows', message: 'plain text' })).toBeNull();
  });

  it('every code the nodes record today has an entry', () => {
    const recorded = ['qbo.6240', 'qbo.6000', 'qbo.2050', 'qbd.3070', 'qbd.3140', 'qbd.3180', 'qbd.3210', 'qbd.3100'];
    recorded.push(
      'weft.binding.duplicate-source',
      'weft.reference.unbound',
      'weft.qbd.xml-character',
      'weft.node-error',
      'weft.detail.lines',
      'weft.detail.write',
    );
    for (const code of recorded) expect(entryFor({ code, message: '' }), code).not.toBeNull();
  });

  it('has the series the old service documented, each with meaning, action and source', () => {
    for (const code of ['0x80040400', '3100', '3200', '3140', '3180', '500', '6240', '610', '5010', '2020', '401'])
      expect(
        CATALOGUE.some((e) => e.code.includes(code)),
        code,
      ).toBe(true);
    for (const e of CATALOGUE) {
      expect(e.meaning.length, e.id).toBeGreaterThan(20);
      expect(e.action.length, e.id).toBeGreaterThan(10);
      expect(e.source, e.id).toBeTruthy();
    }
    expect(new Set(CATALOGUE.map((e) => e.id)).size).toBe(CATALOGUE.length);
  });

  it('searches by every word', () => {
    expect(searchCatalogue('duplicate name').map((e) => e.id)).toContain('qbo-6240');
    expect(searchCatalogue('single-user').length).toBeGreaterThan(0);
    expect(searchCatalogue('zzzz')).toEqual([]);
  });
});
