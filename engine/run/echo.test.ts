// Echo digests of records with lines (issue 15): each line is compared, not only how many there are, and the
// lines may come back in another order.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../../nodes/define-node';
import { digestOf, echoOfWrite, findEchoes, MemoryEchoLedger, writtenFields } from './echo';

const written = {
  UsrInvoiceNumber: '1001',
  Products: [
    { UsrQBLineId: '1', Quantity: 2, Price: 10 },
    { UsrQBLineId: '2', Quantity: 1, Price: 5.5 },
  ],
};
const fields = writtenFields(written);
const digest = digestOf(written, fields);

describe('echo digests of lines', () => {
  it('names each leaf of the lines once', () => {
    expect(fields).toEqual(['Products[].Price', 'Products[].Quantity', 'Products[].UsrQBLineId', 'UsrInvoiceNumber']);
  });

  it('reads the same lines back, in any order and with fields Weft did not write, as the same', () => {
    const read = {
      UsrInvoiceNumber: '1001',
      Notes: 'a person wrote this',
      Products: [
        { Id: 'b', UsrQBLineId: '2', Quantity: '1', Price: 5.5 },
        { Id: 'a', UsrQBLineId: '1', Quantity: 2, Price: '10' },
      ],
    };
    expect(digestOf(read, fields)).toBe(digest);
  });

  it('tells a changed, added or removed line from what Weft wrote', () => {
    const [a, b] = written.Products;
    for (const Products of [[{ ...a, Quantity: 7 }, b], [a, b, { UsrQBLineId: '3', Quantity: 3, Price: 10 }], [a]])
      expect(digestOf({ ...written, Products }, fields)).not.toBe(digest);
  });
});

// A field Weft left empty (not sent) is remembered too: a person who fills it later on the target makes a change
// that must reach the other side, not an echo of Weft's write (a phone added in QuickBooks reaches Creatio).
describe('echo of fields Weft left empty', () => {
  const ledger = () => new MemoryEchoLedger();
  const customer = (data: Record<string, unknown>): FlowRecord => ({
    key: '58',
    data,
    meta: { source: { node: 'customers', system: 'quickbooks-online', entity: 'Customer', connection: 'qbo' } },
  });
  /** Weft created customer 58 with no phone; QuickBooks answered with what it holds (PrintOnCheckName filled in). */
  async function remembered(saved: Record<string, unknown> | undefined, emptied = ['PrimaryPhone.FreeFormNumber']) {
    const l = ledger();
    const echo = echoOfWrite({ DisplayName: 'Acme' }, emptied, saved)!;
    await l.remember([{ connection: 'qbo', entity: 'Customer', key: '58', ...echo }]);
    return l;
  }
  const isEcho = async (l: MemoryEchoLedger, data: Record<string, unknown>) =>
    (await findEchoes(l, [customer(data)])).size === 1;

  it('takes a phone a person added afterwards for a change, and the record as Weft left it for an echo', async () => {
    const l = await remembered({ PrintOnCheckName: 'Acme' }, ['PrimaryPhone.FreeFormNumber', 'PrintOnCheckName']);
    expect(await isEcho(l, { Id: '58', DisplayName: 'Acme', PrintOnCheckName: 'Acme' })).toBe(true);
    expect(
      await isEcho(l, { DisplayName: 'Acme', PrintOnCheckName: 'Acme', PrimaryPhone: { FreeFormNumber: '' } }),
    ).toBe(true);
    const phoned = { DisplayName: 'Acme', PrintOnCheckName: 'Acme', PrimaryPhone: { FreeFormNumber: '+1 555 0170' } };
    expect(await isEcho(l, phoned)).toBe(false);
  });

  it('compares a field the target filled itself with what it filled, not with empty', async () => {
    const l = await remembered({ PrintOnCheckName: 'Acme' }, ['PrintOnCheckName']);
    expect(await isEcho(l, { DisplayName: 'Acme', PrintOnCheckName: 'Acme' })).toBe(true);
    expect(await isEcho(l, { DisplayName: 'Acme', PrintOnCheckName: 'Acme Ltd' })).toBe(false);
  });

  it('counts no field left empty when the sink kept no answer: what the target holds there is not known', async () => {
    const l = await remembered(undefined, ['PrintOnCheckName']);
    expect(await isEcho(l, { DisplayName: 'Acme', PrintOnCheckName: 'Acme' })).toBe(true);
  });

  it("reads Creatio's empty lookup (the zero GUID) as empty, and a chosen one as a change", () => {
    const zero = '00000000-0000-0000-0000-000000000000';
    const echo = echoOfWrite({ Name: 'Acme' }, ['OwnerId'], { OwnerId: zero })!;
    expect(echo.fields).toEqual(['Name', 'OwnerId']);
    expect(digestOf({ Name: 'Acme', OwnerId: zero }, echo.fields)).toBe(echo.digest);
    expect(digestOf({ Name: 'Acme' }, echo.fields)).toBe(echo.digest);
    expect(digestOf({ Name: 'Acme', OwnerId: '410006e1-ca4e-4502-a9ec-e54d922d2c00' }, echo.fields)).not.toBe(
      echo.digest,
    );
  });

  it('compares a field left empty on the lines line by line, when the answer holds the lines', () => {
    const data = { DocNumber: '1001', Line: [{ Amount: 10 }, { Amount: 5, Description: 'Blue' }] };
    const saved = {
      Line: [
        { Id: '1', Amount: 10 },
        { Id: '2', Amount: 5, Description: 'Blue' },
      ],
    };
    const echo = echoOfWrite(
      { DocNumber: '1001', Line: [{ Amount: 10 }, { Amount: 5 }] },
      ['Line[].Description'],
      saved,
    )!;
    expect(echo.fields).toEqual(['DocNumber', 'Line[].Amount', 'Line[].Description']);
    expect(digestOf({ ...data, Line: [...saved.Line].reverse() }, echo.fields)).toBe(echo.digest);
    const described = { ...data, Line: [{ Id: '1', Amount: 10, Description: 'Red' }, saved.Line[1]] };
    expect(digestOf(described, echo.fields)).not.toBe(echo.digest);
    // Without the lines in the answer, a field of the lines left empty is not counted (the target may fill it).
    expect(echoOfWrite(data, ['Line[].Description'], {})!.fields).toEqual([
      'DocNumber',
      'Line[].Amount',
      'Line[].Description',
    ]);
    expect(echoOfWrite({ DocNumber: '1001', Line: [{ Amount: 10 }] }, ['Line[].Description'], {})!.fields).toEqual([
      'DocNumber',
      'Line[].Amount',
    ]);
  });
});
