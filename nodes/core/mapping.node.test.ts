// The mapping node's lists of lines, products of numbers and conversions, on plain records.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import { mapRecord, mappingNode } from './mapping.node';

const opp: FlowRecord = {
  key: 'o1',
  data: {
    Title: 'Café & "Co" <renewal>',
    DueDate: '2026-02-04T09:00:00.0000000Z',
    CustomerId: '58',
    Lines: [
      { Quantity: 2.5, Price: 12.5, ItemId: '7', Product: { Name: 'Product 1 — "Std" & <Pro>' } },
      { Quantity: 3, Price: 19.99, ItemId: '8', Product: { Name: 'Consulting Hours' } },
    ],
  },
  meta: { source: { node: 'opps', system: 'creatio', entity: 'Opportunity' } },
};

const config = mappingNode.config.parse({
  targetType: 'quickbooks-online.Invoice',
  mappings: [
    { target: 'CustomerRef.value', source: 'CustomerId', required: true },
    { target: 'DueDate', source: 'DueDate', as: 'date' },
    { target: 'PrivateNote', value: 'From {{Title}}' },
  ],
  lines: [
    {
      target: 'Line',
      from: 'Lines',
      minItems: 1,
      fields: [
        { target: 'DetailType', value: 'SalesItemLineDetail' },
        { target: 'Amount', multiply: ['Quantity', 'Price'] },
        { target: 'SalesItemLineDetail.ItemRef.value', source: 'ItemId', required: true },
        { target: 'SalesItemLineDetail.Qty', source: 'Quantity', as: 'number' },
        { target: 'Description', source: 'Product.Name', maxLength: 30 },
      ],
    },
  ],
});

describe('core.mapping lines', () => {
  it('builds one line per element, with amount = quantity × price in cents and dates as dates', () => {
    expect(mapRecord(config, opp)).toEqual({
      data: {
        CustomerRef: { value: '58' },
        DueDate: '2026-02-04',
        PrivateNote: 'From Café & "Co" <renewal>',
        Line: [
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 31.25,
            SalesItemLineDetail: { ItemRef: { value: '7' }, Qty: 2.5 },
            Description: 'Product 1 — "Std" & <Pro>',
          },
          {
            DetailType: 'SalesItemLineDetail',
            Amount: 59.97,
            SalesItemLineDetail: { ItemRef: { value: '8' }, Qty: 3 },
            Description: 'Consulting Hours',
          },
        ],
      },
    });
  });

  it('fails the record alone when a line is missing a value, a number or the whole list', async () => {
    const noItem = { ...opp, data: { ...opp.data, Lines: [{ Quantity: 1, Price: 2, Product: { Name: 'X' } }] } };
    expect(mapRecord(config, noItem)).toMatchObject({
      error: {
        field: 'Line[0].SalesItemLineDetail.ItemRef.value',
        message:
          'Opportunity "Café & "Co" <renewal>", line 1: Line[0].SalesItemLineDetail.ItemRef.value needs a value, but its ItemId is empty.',
      },
    });
    const badQty = { ...opp, data: { ...opp.data, Lines: [{ Quantity: 'many', Price: 2, ItemId: '1' }] } };
    expect(mapRecord(config, badQty)).toMatchObject({
      error: { field: 'Line[0].Amount', action: 'Fill in Quantity with a number in the source, then reprocess.' },
    });
    const none = { ...opp, data: { ...opp.data, Lines: [] } };
    expect(mapRecord(config, none)).toMatchObject({
      error: { field: 'Line', message: expect.stringContaining('Line needs at least 1 line, but Lines has 0') },
    });
    const results = await mappingNode.process({} as never, config, undefined, [none, opp]);
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'passed']);
  });

  it('refuses a mapping with neither a source, a value nor fields to multiply', () => {
    expect(
      mappingNode.config.safeParse({ targetType: 'quickbooks-online.Invoice', mappings: [{ target: 'X' }] }).success,
    ).toBe(false);
    expect(
      mappingNode.config.safeParse({
        targetType: 'quickbooks-online.Invoice',
        mappings: [{ target: 'X', multiply: ['A'] }],
      }).success,
    ).toBe(false);
  });
});

describe('core.mapping and deletions', () => {
  it('lets a record deleted in the source through untouched, so the sink can say what it does with it', async () => {
    const deleted: FlowRecord = { key: '42', data: { Id: '42' }, meta: { ...opp.meta, deleted: true } };
    const [gone, mapped] = await mappingNode.process({} as never, config, undefined, [deleted, opp]);
    expect(gone).toMatchObject({
      outcome: 'passed',
      port: 'out',
      record: { data: { Id: '42' }, meta: { deleted: true } },
    });
    // The same mapping fails a live record without the required customer: the pass-through is for deletions only.
    expect(mapped.outcome).toBe('passed');
    const [noCustomer] = await mappingNode.process({} as never, config, undefined, [
      { ...opp, data: { ...opp.data, CustomerId: '' } },
    ]);
    expect(noCustomer.outcome).toBe('failed');
  });
});
