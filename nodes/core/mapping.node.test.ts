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

// Written in version 1's form (template, multiply): upgraded as a saved flow is.
const v1 = {
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
};
const config = mappingNode.config.parse(mappingNode.migrate!(v1, 1));
const state = () => mappingNode.open!({} as never, config);

describe('core.mapping lines', () => {
  it('builds one line per element, with amount = quantity × price in cents and dates as dates', async () => {
    expect(await mapRecord(config, opp)).toEqual({
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

  it('leaves out the source lines without the "only lines with" field (QuickBooks Online\'s subtotal line)', async () => {
    const only = mappingNode.config.parse({
      targetType: 'creatio.Opportunity',
      mappings: [{ target: 'Title', source: 'DocNumber' }],
      lines: [
        {
          target: 'Products',
          from: 'Line',
          onlyWith: 'SalesItemLineDetail',
          fields: [{ target: 'UsrQBLineId', source: 'Id', required: true }],
        },
      ],
    });
    const estimate: FlowRecord = {
      ...opp,
      data: {
        DocNumber: '1001',
        Line: [
          { Id: '1', SalesItemLineDetail: { Qty: 1 } },
          { Amount: 40, DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} },
          { Id: '2', SalesItemLineDetail: { Qty: 2 } },
        ],
      },
    };
    expect(await mapRecord(only, estimate)).toEqual({
      data: { Title: '1001', Products: [{ UsrQBLineId: '1' }, { UsrQBLineId: '2' }] },
    });
  });

  it('fails the record alone when a line is missing a value, a number or the whole list', async () => {
    const noItem = { ...opp, data: { ...opp.data, Lines: [{ Quantity: 1, Price: 2, Product: { Name: 'X' } }] } };
    expect(await mapRecord(config, noItem)).toMatchObject({
      error: {
        field: 'Line[0].SalesItemLineDetail.ItemRef.value',
        message:
          'Opportunity "Café & "Co" <renewal>", line 1: Line[0].SalesItemLineDetail.ItemRef.value needs a value, but its ItemId is empty.',
      },
    });
    const badQty = { ...opp, data: { ...opp.data, Lines: [{ Quantity: 'many', Price: 2, ItemId: '1' }] } };
    expect(await mapRecord(config, badQty)).toMatchObject({
      error: {
        field: 'Line[0].Amount',
        message: expect.stringContaining(
          'line 1: Line, field 2 (Amount): the expression `$round(Quantity * Price, 2)` failed',
        ),
      },
    });
    const none = { ...opp, data: { ...opp.data, Lines: [] } };
    expect(await mapRecord(config, none)).toMatchObject({
      error: { field: 'Line', message: expect.stringContaining('Line needs at least 1 line, but Lines has 0') },
    });
    const results = await mappingNode.process({} as never, config, await state(), [none, opp]);
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'passed']);
  });

  it('refuses a mapping with neither a source, a value nor an expression, or with two of them', () => {
    const parse = (m: object) =>
      mappingNode.config.safeParse({ targetType: 'quickbooks-online.Invoice', mappings: [m] });
    expect(parse({ target: 'X' }).error?.issues[0].message).toBe(
      'Field 1 (X): give exactly one of a source field, a fixed value or an expression.',
    );
    expect(parse({ target: 'X', source: 'A', expression: 'B' }).success).toBe(false);
    expect(parse({ target: 'X', multiply: ['A', 'B'] }).success).toBe(false); // version 1's form, upgraded on load
  });
});

describe('core.mapping and deletions', () => {
  it('lets a record deleted in the source through untouched, so the sink can say what it does with it', async () => {
    const deleted: FlowRecord = { key: '42', data: { Id: '42' }, meta: { ...opp.meta, deleted: true } };
    const [gone, mapped] = await mappingNode.process({} as never, config, await state(), [deleted, opp]);
    expect(gone).toMatchObject({
      outcome: 'passed',
      port: 'out',
      record: { data: { Id: '42' }, meta: { deleted: true } },
    });
    // The same mapping fails a live record without the required customer: the pass-through is for deletions only.
    expect(mapped.outcome).toBe('passed');
    const [noCustomer] = await mappingNode.process({} as never, config, await state(), [
      { ...opp, data: { ...opp.data, CustomerId: '' } },
    ]);
    expect(noCustomer.outcome).toBe('failed');
  });
});
