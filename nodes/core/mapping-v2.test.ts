// The mapping's version 2: version 1 rows upgraded with the same output, expressions compiled
// once per run, a failing expression failing its record alone, and the note on fields empty on
// every record of a run.
import { describe, expect, it, vi } from 'vitest';
import type { FlowRecord } from '../define-node';
import { migrateMapping, templateExpression } from './mapping-config';
import { mappingNode } from './mapping.node';

const compiled = vi.hoisted(() => ({ n: 0 }));
vi.mock('jsonata', async (importOriginal) => {
  const real = ((await importOriginal()) as { default: (e: string) => unknown }).default;
  return {
    default: (e: string) => {
      compiled.n++;
      return real(e);
    },
  };
});

const account = (i: number, data: Record<string, unknown>): FlowRecord => ({
  key: `a${i}`,
  data,
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account' } },
});

const v1 = {
  targetType: 'quickbooks-online.Customer',
  mappings: [
    { target: 'DisplayName', value: '{{Name}} ({{Code}})', required: true, maxLength: 500 },
    { target: 'CompanyName', source: 'Name', maxLength: 5, tooLong: 'truncate' },
    { target: 'Notes', value: 'From Creatio' },
    { target: 'PrimaryPhone.FreeFormNumber', value: '{{Phone.Main}}' },
    { target: 'Balance', multiply: ['Qty', 'Price'] },
  ],
};

async function run(config: unknown, records: FlowRecord[], batches = 1) {
  const c = mappingNode.config.parse(config);
  const state = await mappingNode.open!({} as never, c);
  const results = [];
  const size = Math.ceil(records.length / batches);
  for (let i = 0; i < records.length; i += size)
    results.push(...(await mappingNode.process({} as never, c, state, records.slice(i, i + size))));
  return { results, note: mappingNode.note!(state) };
}

describe('core.mapping version 1 → 2', () => {
  it('turns templates and products into expressions and keeps copies and fixed values', () => {
    expect(migrateMapping(v1, 1)).toEqual({
      targetType: 'quickbooks-online.Customer',
      mappings: [
        { target: 'DisplayName', expression: 'Name & " (" & Code & ")"', required: true, maxLength: 500 },
        { target: 'CompanyName', source: 'Name', maxLength: 5, tooLong: 'truncate' },
        { target: 'Notes', value: 'From Creatio' },
        { target: 'PrimaryPhone.FreeFormNumber', expression: '$string(Phone.Main)' },
        { target: 'Balance', expression: '$round(Qty * Price, 2)' },
      ],
    });
    expect(templateExpression('{{ and.x }}!')).toBe('`and`.x & "!"'); // `and` alone would be JSONata's operator
  });

  it('gives the same output as version 1 did, record by record', async () => {
    const records = [
      account(1, { Name: 'Acme & "Co"', Code: 42, Phone: { Main: '+1 555' }, Qty: 2.5, Price: 12.5 }),
      account(2, { Name: 'Bo', Qty: 3, Price: 19.99 }),
    ];
    const { results } = await run(migrateMapping(v1, 1), records);
    expect(results.map((r) => r.record.data)).toEqual([
      {
        DisplayName: 'Acme & "Co" (42)',
        CompanyName: 'Acme ',
        Notes: 'From Creatio',
        PrimaryPhone: { FreeFormNumber: '+1 555' },
        Balance: 31.25,
      },
      { DisplayName: 'Bo ()', CompanyName: 'Bo', Notes: 'From Creatio', Balance: 59.97 },
    ]);
  });
});

describe('core.mapping expressions', () => {
  const config = {
    targetType: 'quickbooks-online.Customer',
    mappings: [
      { target: 'DisplayName', source: 'Name', required: true },
      { target: 'CompanyName', expression: '$uppercase(Name)' },
      { target: 'Notes', expression: '$number(Code) * 2' },
    ],
  };

  it('compiles each expression once per run, not per record or batch', async () => {
    const records = Array.from({ length: 30 }, (_, i) => account(i, { Name: `N${i}`, Code: String(i) }));
    const c = mappingNode.config.parse(config); // the flow check parses (and so compiles) once too
    const before = compiled.n;
    const { results } = await run(c, records, 3);
    expect(results.every((r) => r.outcome === 'passed')).toBe(true);
    // run() parses again (2 syntax checks), then open compiles the 2 expressions: 4, whatever the records.
    expect(compiled.n - before).toBe(4);
  });

  it('fails the record whose expression fails, alone, naming the field and the expression', async () => {
    const records = [account(1, { Name: 'A', Code: '7' }), account(2, { Name: 'B', Code: 'x7' })];
    const { results } = await run(config, records);
    expect(results.map((r) => r.outcome)).toEqual(['passed', 'failed']);
    expect(results[0].record.data).toEqual({ DisplayName: 'A', CompanyName: 'A', Notes: 14 });
    expect(results[1].failure).toEqual({
      code: 'weft.mapping',
      field: 'Notes',
      message:
        'Account "B": Field 3 (Notes): the expression `$number(Code) * 2` failed (at column 8): ' +
        'Unable to cast value to a number: "x7"',
      action: "Correct the expression of Notes in the mapping, or the record's data, then reprocess.",
    });
  });

  it('maps without a promise per record when no field is an expression', async () => {
    const { mapRecord } = await import('./mapping.node');
    const c = mappingNode.config.parse({ ...config, mappings: config.mappings.slice(0, 1) });
    expect(mapRecord(c, account(1, { Name: 'A' }))).toEqual({ data: { DisplayName: 'A' } });
  });
});

describe('core.mapping after a run', () => {
  it('notes a field that came out empty on every record, and says nothing when each had a value once', async () => {
    const config = {
      targetType: 'quickbooks-online.Customer',
      mappings: [
        { target: 'DisplayName', source: 'Name', required: true },
        { target: 'PrimaryEmailAddr.Address', source: 'Emial' },
        { target: 'Notes', source: 'Notes' },
        { target: 'Title', value: 'Mr' },
      ],
    };
    const records = Array.from({ length: 40 }, (_, i) => account(i, { Name: `N${i}`, Notes: i === 39 ? 'x' : '' }));
    expect((await run(config, records, 4)).note).toBe(
      'PrimaryEmailAddr.Address was empty on all 40 records of this run — check the source field in the mapping.',
    );
    expect((await run(config, records.slice(0, 3))).note).toBe(
      'PrimaryEmailAddr.Address and Notes were empty on all 3 records of this run — check the source fields in the mapping.',
    );
    expect((await run(config, [])).note).toBeNull();
  });

  it('says nothing of a field left empty until an option upstream is chosen (the shipping address)', async () => {
    const config = {
      targetType: 'quickbooks-online.Customer',
      mappings: [
        { target: 'DisplayName', source: 'Name', required: true },
        { target: 'ShipAddr.Line1', source: 'ShippingAddress.Street', emptyUntilChosen: true },
      ],
    };
    expect((await run(config, [account(1, { Name: 'A' })])).note).toBeNull();
  });
});

// The echo memory counts the fields Weft owns but left empty (engine/run/echo.ts): the mapping names them.
describe('core.mapping fields left empty', () => {
  const config = {
    targetType: 'quickbooks-online.Invoice',
    mappings: [
      { target: 'CustomerRef.value', source: 'AccountId', required: true },
      { target: 'PrivateNote', source: 'Notes' },
      { target: 'CustomerMemo.value', expression: '$trim(Description)' },
    ],
    lines: [
      {
        target: 'Line',
        from: 'Products',
        fields: [
          { target: 'Amount', source: 'Amount', required: true },
          { target: 'Description', source: 'Notes' },
        ],
      },
    ],
  };

  it('names each target field it left empty, a field of the lines once, on the record', async () => {
    const opportunity = account(1, {
      AccountId: '58',
      Notes: '  ',
      Description: '',
      Products: [{ Amount: 10 }, { Amount: 5, Notes: 'Blue' }, { Amount: 1, Notes: '' }],
    });
    const [r] = (await run(config, [{ ...opportunity, meta: { ...opportunity.meta, emptied: ['Stale'] } }])).results;
    expect(r.record.data).toEqual({
      CustomerRef: { value: '58' },
      Line: [{ Amount: 10 }, { Amount: 5, Description: 'Blue' }, { Amount: 1 }],
    });
    expect(r.record.meta.emptied).toEqual(['PrivateNote', 'CustomerMemo.value', 'Line[].Description']);
  });

  it('names none when every field has a value', async () => {
    const full = account(2, { AccountId: '58', Notes: 'n', Description: 'd', Products: [{ Amount: 1, Notes: 'x' }] });
    expect((await run(config, [full])).results[0].record.meta).not.toHaveProperty('emptied');
  });
});

describe('core.mapping Produces', () => {
  it('is chosen from the record types the systems write, never typed', async () => {
    await import('../connections'); // the kinds register their record types, as wherever nodes are loaded
    const options = mappingNode.ui.fields!.targetType!.options!;
    expect(options).toContainEqual({ value: 'quickbooks-online.Customer', label: 'QuickBooks Online Customer' });
    expect(options).toContainEqual({ value: 'quickbooks-desktop.Invoice', label: 'QuickBooks Desktop Invoice' });
    expect(options).toContainEqual({ value: 'creatio.Account', label: 'Creatio Account' });
    expect(mappingNode.ui.fields!.targetType!.widget).toBe('select');
    const typed = mappingNode.config.safeParse({
      targetType: 'quickbooks-online.Custmer',
      mappings: [{ target: 'DisplayName', source: 'Name' }],
    });
    expect(typed.error?.issues[0].message).toBe(
      'choose the kind of record this mapping produces from the list, e.g. QuickBooks Online Customer',
    );
  });
});
