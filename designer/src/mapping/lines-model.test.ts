import { describe, expect, it } from 'vitest';
import { dropOnLine, elementFields, lineFieldRows, clearLineMapping, type LinesRow } from './lines-model';
import { mappingProblems } from './mapping-model';
import type { Catalogue, FieldInfo } from './mapping-types';

const source: Catalogue = {
  system: 'creatio',
  entity: 'Opportunity',
  fields: [
    { path: 'Title', type: 'text' },
    {
      path: 'OpportunityProductCollectionByOpportunity',
      type: 'list',
      children: [
        { path: 'Quantity', type: 'number' },
        { path: 'Price', type: 'number' },
        { path: 'Product.Name', type: 'text' },
      ],
    },
    { path: 'InvoiceCollectionByOpportunity', type: 'list', children: [{ path: 'Number', type: 'text' }] },
  ],
};
const line: FieldInfo = {
  path: 'Line',
  type: 'list',
  required: true,
  children: [
    { path: 'DetailType', type: 'text', required: true },
    { path: 'Amount', type: 'number', required: true },
    { path: 'SalesItemLineDetail.Qty', type: 'number' },
  ],
};
const target: Catalogue = { system: 'qbo', entity: 'Invoice', fields: [{ path: 'DocNumber', type: 'text' }, line] };
const PRODUCTS = 'OpportunityProductCollectionByOpportunity';

describe('lines in the mapping editor', () => {
  it('a product field dropped on a line field maps it inside a new lines block', () => {
    const drop = dropOnLine([], line, 'Line.SalesItemLineDetail.Qty', `${PRODUCTS}.Quantity`, source.fields, {
      path: 'Line.SalesItemLineDetail.Qty',
      type: 'number',
    });
    expect(drop).toEqual({
      ok: true,
      lines: [
        {
          target: 'Line',
          from: PRODUCTS,
          minItems: 1,
          fields: [{ target: 'SalesItemLineDetail.Qty', source: 'Quantity', required: false }],
        },
      ],
    });
    const rows = lineFieldRows((drop as { lines: LinesRow[] }).lines);
    expect(rows[0]).toMatchObject({ target: 'Line.SalesItemLineDetail.Qty', source: 'Quantity', list: 'Line' });
  });

  it('refuses a field that is not of a list, or of another list than the block reads, saying what to drag', () => {
    const top = dropOnLine([], line, 'Line.Amount', 'Title', source.fields, undefined);
    expect(top).toEqual({
      ok: false,
      message: expect.stringContaining(
        `Each Line is built from one element of a list of the source: drag a field of that list (${PRODUCTS}, `,
      ),
    });
    const block: LinesRow[] = [{ target: 'Line', from: PRODUCTS, fields: [{ target: 'Amount', source: 'Price' }] }];
    const other = dropOnLine(
      block,
      line,
      'Line.DetailType',
      'InvoiceCollectionByOpportunity.Number',
      source.fields,
      undefined,
    );
    expect(other).toEqual({
      ok: false,
      message: expect.stringMatching(/^Line is built from Opportunity.*, not Invoice/),
    });
  });

  it('flags the required line fields no field fills, and a line source the list does not have', () => {
    const lines: LinesRow[] = [
      { target: 'Line', from: PRODUCTS, fields: [{ target: 'SalesItemLineDetail.Qty', source: 'Quantty' }] },
    ];
    const problems = mappingProblems(lineFieldRows(lines), source, target).map((p) => p.message);
    expect(problems).toEqual([
      'Line.DetailType is required by QuickBooks Online Invoice but is not mapped: drag a source field onto it, or give it a value.',
      'Line.Amount is required by QuickBooks Online Invoice but is not mapped: drag a source field onto it, or give it a value.',
      `Line.SalesItemLineDetail.Qty: source field ${PRODUCTS}.Quantty does not exist on Creatio Opportunity — did you mean ${PRODUCTS}.Quantity?`,
    ]);
    // The list itself counts as filled once one of its fields is mapped.
    expect(problems.some((m) => m.startsWith('Line is required'))).toBe(false);
  });

  it('lists one element’s fields for a line field, and a block without fields goes', () => {
    expect(elementFields(source.fields, PRODUCTS).map((f) => f.path)).toEqual(['Quantity', 'Price', 'Product.Name']);
    const lines: LinesRow[] = [{ target: 'Line', from: PRODUCTS, fields: [{ target: 'Amount', source: 'Price' }] }];
    expect(clearLineMapping(lines, 'Line', 'Amount')).toEqual([]);
  });
});
