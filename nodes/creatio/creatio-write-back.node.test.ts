// Which of QuickBooks' answer lines the write-back pairs with the product lines (issue 15).
import { describe, expect, it } from 'vitest';
import { savedLines } from './creatio-write-back.node';

describe('savedLines', () => {
  it("takes a Desktop bill's item lines, never its expense lines, whichever comes first in the answer", () => {
    const bill = {
      TxnID: '42-1',
      ExpenseLineRet: [{ TxnLineID: '42-9', Amount: '12.50' }],
      ItemLineRet: [
        { TxnLineID: '42-2', Amount: '15.00' },
        { TxnLineID: '42-3', Amount: '27.50' },
      ],
    };
    expect(savedLines(bill)).toEqual([
      { id: '42-2', amount: 15 },
      { id: '42-3', amount: 27.5 },
    ]);
    expect(savedLines({ TxnID: '42-1', ExpenseLineRet: bill.ExpenseLineRet })).toEqual([]);
  });

  it("takes a Desktop invoice's lines and an Online invoice's item lines without the subtotal", () => {
    expect(savedLines({ InvoiceLineRet: { TxnLineID: '7-1', Amount: '10.00' } })).toEqual([{ id: '7-1', amount: 10 }]);
    const online = {
      Line: [
        { Id: '1', Amount: 5, DetailType: 'SalesItemLineDetail' },
        { Amount: 5, DetailType: 'SubTotalLineDetail' },
      ],
    };
    expect(savedLines(online)).toEqual([{ id: '1', amount: 5 }]);
  });
});
