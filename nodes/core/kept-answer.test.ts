// What a sink keeps of the target's answer when no node follows it: only the fields Weft owns but did not send,
// as the target holds them, so that the echo memory can tell a person's later change there from Weft's write.
import { describe, expect, it } from 'vitest';
import type { FlowRecord } from '../define-node';
import { keptAnswer, unsentFields } from './kept-answer';

const opportunity = (meta: Partial<FlowRecord['meta']>): FlowRecord => ({
  key: '145',
  data: { UsrInvoiceNumber: '1001', Products: [{ Quantity: 2 }] },
  meta: { source: { node: 'invoices', system: 'quickbooks-online', entity: 'Invoice' }, ...meta },
});
const answer = {
  Id: 'a1',
  UsrInvoiceNumber: '1001',
  Title: 'Edited by an analyst',
  Notes: '',
  Amount: 0,
  OwnerId: '00000000-0000-0000-0000-000000000000',
  Products: [{ Quantity: 2, Notes: 'from the product' }],
};

describe('kept answer', () => {
  it('names the fields left empty and those an update left out as written only when creating', () => {
    const r = opportunity({ emptied: ['Amount', 'Products[].Notes'], leftOut: { Title: 'Invoice 1001' } });
    expect(unsentFields(r)).toEqual(['Amount', 'Products[].Notes', 'Title']);
    expect(unsentFields(opportunity({}))).toEqual([]);
  });

  it("keeps only the target's values of those fields when no node follows the sink", () => {
    const r = opportunity({ emptied: ['Amount', 'OwnerId', 'Fax', 'Products[].Notes'], leftOut: { Title: 'x' } });
    expect(keptAnswer(r, answer, false)).toEqual({
      Amount: 0,
      OwnerId: '00000000-0000-0000-0000-000000000000',
      Products: answer.Products,
      Title: 'Edited by an analyst',
    });
  });

  it('keeps the whole answer for a node that follows, and nothing when every field was sent', () => {
    expect(keptAnswer(opportunity({ emptied: ['Amount'] }), answer, true)).toBe(answer);
    expect(keptAnswer(opportunity({}), answer, false)).toBeUndefined();
  });
});
