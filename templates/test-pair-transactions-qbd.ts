// Golden test of the bi-directional pairs "Creatio opportunities ↔ QuickBooks Desktop <transactions>" (estimates,
// sales receipts, sales orders, purchase orders, bills, checks), one body for every form, as
// pair-qbd-opportunities-invoices.test.ts is for invoices: each opportunity product is bound to its transaction's
// item line by the line's TxnLineID (UsrQBLineId), so over several cycles of both flows a cycle with no change
// writes nothing, a quantity or a product added in Creatio, or a line a bookkeeper adds in QuickBooks through qbXML
// (on a bill or a check also an expense line), arrives once on the other side, and no product is ever re-created or
// doubled. Each form's pair-qbd-<form>.test.ts calls it, so they run side by side.
import { expect, it } from 'vitest';
import { opportunityLines } from '../sandbox/creatio/index';
import { processRequestSet } from '../sandbox/quickbooks-desktop/index';
import { bootQbdGolden, withoutItem } from './test-qbd-golden';
import { describePair } from './test-pair-golden';
import {
  expectAddedLineArrivesOnce,
  expectExpenseLineStays,
  expectFirstCycleThenQuiet,
  expectQuantityCrossesOnce,
  followedOpportunity,
  type LinePairView,
} from './test-pair-lines';
import { purchaseCases } from './test-purchase-golden';

export interface QbdTransactionForm {
  /** The templates' name of the form: creatio-opportunities-to-qbd-<form> and qbd-<form>-to-creatio-opportunities. */
  form: 'estimates' | 'sales-receipts' | 'sales-orders' | 'purchase-orders' | 'bills' | 'checks';
  entity: 'Estimate' | 'SalesReceipt' | 'SalesOrder' | 'PurchaseOrder' | 'Bill' | 'Check';
  /** Its item lines in qbXML, without Add/Mod/Ret: EstimateLine…, PurchaseOrderLine, ItemLine (bills, checks). */
  line: string;
  /** The line's unit price: Rate on sales forms and purchase orders, Cost on bills and checks. */
  price: 'Rate' | 'Cost';
  schema: string;
}

type Line = { TxnLineID: string; ItemRef: { ListID?: string; FullName: string }; Quantity: string } & Record<
  string,
  unknown
>;

const SALES = ['estimates', 'sales-receipts', 'sales-orders'];

/**
 * The opportunity the cycles follow: on the sales side opportunity 21, bound to its customer by the accounts flow,
 * with three products; on the purchase side the first whose vendor the vendors flow binds, whose every product has
 * a Desktop item, with two products or more.
 */
function followed(form: string): number {
  if (SALES.includes(form)) return 21;
  const { good } = purchaseCases();
  const noItem = withoutItem(good);
  return good.find((i) => !noItem.includes(i) && opportunityLines(i).length >= 2)!;
}

export function qbdTransactionPair(c: QbdTransactionForm): void {
  const sales = SALES.includes(c.form);
  const TO_QB = { template: `creatio-opportunities-to-qbd-${c.form}`, source: 'opportunities', sink: c.form };
  const TO_CREATIO = {
    template: `qbd-${c.form}-to-creatio-opportunities`,
    source: 'read',
    sink: sales ? 'opportunities' : 'write',
  };
  const opp = followed(c.form);
  const DOC = `OPP-${String(opp).padStart(6, '0')}`;

  const suite = {
    title: `Creatio opportunities ↔ QuickBooks Desktop ${c.form}`,
    boot: bootQbdGolden,
    schema: c.schema,
    // The customers (or vendors) and the items are bound first, as Configure solution orders them.
    first: [
      sales ? 'creatio-accounts-to-qbd-customers' : 'creatio-accounts-to-qbd-vendors',
      'creatio-products-to-qbd-items',
    ],
    toQb: TO_QB,
    toCreatio: TO_CREATIO,
    timeout: 300_000,
  };
  describePair(suite, (g, cycle) => {
    const file = () => g().weft.sandboxes!.qbd.file;
    const txn = () =>
      file()
        .objects([c.entity])
        .find((r) => r.name === DOC)!;
    const itemLines = () => txn().data[`${c.line}Add`] as Line[];
    const tracked = followedOpportunity(g, DOC);
    const { products, addProduct } = tracked;
    const expenseLines = () => (txn().data.ExpenseLineAdd as Line[] | undefined) ?? [];
    /** Each opportunity product of an item is bound to one item line of the transaction, with its quantity and price. */
    const expectBound = () => {
      const lines = itemLines();
      const rows = products().filter((p) => p.ProductId);
      expect(rows.map((p) => p.UsrQBLineId).sort()).toEqual(lines.map((l) => l.TxnLineID).sort());
      for (const p of rows) {
        const l = lines.find((x) => x.TxnLineID === p.UsrQBLineId)!;
        expect([Number(l.Quantity), Number(l[c.price])]).toEqual([p.Quantity, p.Price]);
      }
    };
    const quantityOf = (id: string) => Number(itemLines().find((l) => l.TxnLineID === id)!.Quantity);
    const v: LinePairView = { ...tracked, cycle, itemLines, quantityOf, expectBound };
    /** A bookkeeper edits the transaction in QuickBooks: a Mod with these lines, in qbXML. */
    const modInQuickBooks = (lines: string) => {
      const t = txn();
      const rq =
        `<${c.entity}ModRq><${c.entity}Mod><TxnID>${t.id}</TxnID><EditSequence>${t.editSequence}</EditSequence>` +
        `${lines}</${c.entity}Mod></${c.entity}ModRq>`;
      const rs = processRequestSet(
        file(),
        `<?xml version="1.0"?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="stopOnError">${rq}</QBXMLMsgsRq></QBXML>`,
        { iterators: new Map() },
      );
      expect(rs).toContain('statusCode="0"');
    };
    /** A line added in QuickBooks: each item line kept by its TxnLineID, and one more (-1). */
    const addLineInQuickBooks = () => {
      const lines = itemLines();
      const item = lines[0].ItemRef.ListID ?? file().objectByName('Item', lines[0].ItemRef.FullName)!.id;
      const tag = `${c.line}Mod`;
      const kept = lines.map((l) => `<${tag}><TxnLineID>${l.TxnLineID}</TxnLineID></${tag}>`).join('');
      const added =
        `<${tag}><TxnLineID>-1</TxnLineID><ItemRef><ListID>${item}</ListID></ItemRef>` +
        `<Desc>Added in QuickBooks</Desc><Quantity>3</Quantity><${c.price}>10.00</${c.price}></${tag}>`;
      modInQuickBooks(kept + added);
    };
    it('after the first cycle, a cycle with no change writes nothing on either side', () =>
      expectFirstCycleThenQuiet(v, () => {
        expect(products()).toHaveLength(opportunityLines(opp).length);
        expect(expenseLines()).toEqual([]);
      }));

    it(`a quantity changed in Creatio arrives once in the ${c.entity} and does not bounce back`, () =>
      expectQuantityCrossesOnce(v));

    it(`a line added to the ${c.entity} in QuickBooks arrives once in Creatio and does not bounce back`, async () => {
      const before = products();
      addLineInQuickBooks();
      expect(itemLines()).toHaveLength(before.length + 1);

      await expectAddedLineArrivesOnce(v, before);
    });

    // A bill or a check also has expense lines (an account, no item): one added in QuickBooks becomes a product
    // with no product, and stays an expense line when the item lines change in Creatio.
    if (c.line === 'ItemLine')
      it(`an expense line added to the ${c.entity} in QuickBooks arrives once and stays one`, async () => {
        const before = products();
        modInQuickBooks(
          '<ExpenseLineMod><TxnLineID>-1</TxnLineID><AccountRef><FullName>Office Expenses</FullName></AccountRef>' +
            '<Amount>12.50</Amount><Memo>Postage</Memo></ExpenseLineMod>',
        );
        const [expense] = expenseLines();
        expect(expense.TxnLineID).toEqual(expect.any(String));
        const expectKept = () =>
          expect(expenseLines()).toEqual([expect.objectContaining({ TxnLineID: expense.TxnLineID, Amount: '12.50' })]);
        await expectExpenseLineStays(v, before, { id: expense.TxnLineID, expectKept });
        const last = await cycle();
        expect(last.toQb).toMatchObject({ created: 0, updated: 0 });
        expect(last.toCreatio).toMatchObject({ created: 0, updated: 0 });
      });

    // On a bill or a check this runs with the expense line's product before it: still no item line of its own.
    it(`a product added in Creatio arrives once as a new line of the ${c.entity}, bound to it`, async () => {
      const before = products();
      const expenses = expenseLines();
      await addProduct(before[0].ProductId, 2, 5);

      const next = await cycle();
      expect(next.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
      expect(next.toCreatio).toEqual({ read: 1, echoes: 1, created: 0, updated: 0 });
      const after = products();
      expect(after.slice(0, before.length)).toEqual(before); // each keeps its line
      expect(after).toHaveLength(before.length + 1);
      expect(itemLines().find((l) => l.TxnLineID === after[before.length].UsrQBLineId)).toMatchObject({
        Quantity: '2',
      });
      expect(expenseLines()).toEqual(expenses);
      expectBound();

      const last = await cycle();
      expect(last.toQb).toMatchObject({ created: 0, updated: 0 });
      expect(last.toCreatio).toMatchObject({ created: 0, updated: 0 });
      expect(products()).toEqual(after);
    });
  });
}
