// Echo digests of records with lines (issue 15): each line is compared, not only how many there are, and the
// lines may come back in another order.
import { describe, expect, it } from 'vitest';
import { digestOf, writtenFields } from './echo';

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
