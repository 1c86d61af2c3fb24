// Golden test shared by the templates that bring QuickBooks Desktop purchase-side transactions (purchase orders,
// bills, checks) into Creatio opportunities: the whole Weft runs "Creatio suppliers → QuickBooks Desktop vendors"
// and "Creatio products → QuickBooks Desktop items" (they link vendors and items), then transactions are entered in
// the company file by qbXML, and the template reads them through the Web Connector. Each transaction whose vendor
// and items are linked must become one opportunity naming the supplier account, its lines opportunity products;
// the others fail alone, naming what to link. A later run reads only the changed transaction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../scripts/test-databases';
import { node, runTemplate, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';
import { creatioRows, qbdAdd, qbdMod } from './test-apgl';

export interface QbdPurchaseCase {
  flow: string;
  entity: 'PurchaseOrder' | 'Bill' | 'Check';
  /** The word the opportunity's title starts with, e.g. "Purchase order". */
  word: string;
  schema: string;
}

type Row = Record<string, any>;

/** The qbXML body of one transaction: its header, then an expense line (where the object has them), then items. */
function txnBody(c: QbdPurchaseCase, vendor: string, ref: string, memo: string, items: [string, number, number][]) {
  const item = ([id, qty, price]: [string, number, number]) =>
    c.entity === 'PurchaseOrder'
      ? `<PurchaseOrderLineAdd><ItemRef><ListID>${id}</ListID></ItemRef><Quantity>${qty}</Quantity>` +
        `<Rate>${price}</Rate></PurchaseOrderLineAdd>`
      : `<ItemLineAdd><ItemRef><ListID>${id}</ListID></ItemRef><Quantity>${qty}</Quantity>` +
        `<Cost>${price}</Cost></ItemLineAdd>`;
  const expense =
    c.entity === 'PurchaseOrder'
      ? ''
      : '<ExpenseLineAdd><AccountRef><FullName>Office Expenses</FullName></AccountRef><Amount>25.00</Amount>' +
        '<Memo>Freight &amp; &lt;handling&gt;</Memo></ExpenseLineAdd>';
  const head =
    c.entity === 'Check'
      ? `<AccountRef><FullName>Checking</FullName></AccountRef><PayeeEntityRef><ListID>${vendor}</ListID>` +
        `</PayeeEntityRef><RefNumber>${ref}</RefNumber><TxnDate>2026-03-15</TxnDate><Memo>${memo}</Memo>`
      : c.entity === 'Bill'
        ? `<VendorRef><ListID>${vendor}</ListID></VendorRef><TxnDate>2026-03-01</TxnDate><DueDate>2026-03-15</DueDate>` +
          `<RefNumber>${ref}</RefNumber><Memo>${memo}</Memo>`
        : `<VendorRef><ListID>${vendor}</ListID></VendorRef><TxnDate>2026-03-01</TxnDate><RefNumber>${ref}</RefNumber>` +
          `<DueDate>2026-03-15</DueDate><Memo>${memo}</Memo>`;
  return head + expense + items.map(item).join('');
}

export function qbdPurchaseToCreatioGolden(c: QbdPurchaseCase): void {
  for (const db of testDatabases()) {
    describe(`template "${c.flow}" on ${db.name}`, () => {
      let g: Golden;
      let vendors: { id: string; name: string | null }[];
      let items: { id: string; name: string | null }[];
      let stray: { id: string; name: string | null };
      const file = () => g.weft.sandboxes!.qbd.file;
      const named = (entity: string, name: string | null) =>
        creatioRows(g, entity, ['Id', 'Name']).find((r) => r.Name === name)?.Id as string | undefined;
      const opportunity = (number: string) =>
        creatioRows(g, 'Opportunity', [
          'Id',
          'Title',
          'UsrInvoiceNumber',
          'UsrVendorId',
          'Amount',
          'DueDate',
          'Notes',
        ]).filter((o) => o.UsrInvoiceNumber === number)[0] as Row | undefined;
      const linesOf = (id: string) =>
        creatioRows(g, 'OpportunityProduct', ['OpportunityId', 'ProductId', 'Quantity', 'Price', 'Amount', 'Notes'])
          .filter((l) => l.OpportunityId === id)
          .map(({ OpportunityId: _, ...l }) => l)
          .sort((a, b) => String(a.Notes).localeCompare(String(b.Notes)) || a.Amount - b.Amount);

      beforeAll(async () => {
        g = await bootQbdGolden(db.url, c.schema);
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbd-vendors')).status).toBe('completed-with-errors');
        expect((await runTemplate(g.weft, 'creatio-products-to-qbd-items')).status).toMatch(/^(succeeded|completed)/);
        vendors = file()
          .objects(['Vendor'])
          .filter((v) => named('Account', v.name));
        items = file()
          .objects(['ItemService'])
          .filter((i) => named('Product', i.name));
        stray = file()
          .objects(['ItemService', 'ItemOtherCharge', 'ItemNonInventory'])
          .find((i) => !named('Product', i.name))!;
        expect([vendors.length >= 2, items.length >= 2, !!stray]).toEqual([true, true, true]);
        // A vendor of the seed's company file that no Creatio supplier account names.
        const northwind = file()
          .objects(['Vendor'])
          .find((v) => v.name === 'Northwind Supplies')!;
        const add = (vendor: string, ref: string, memo: string, lines: [string, number, number][]) =>
          qbdAdd(file(), c.entity, txnBody(c, vendor, ref, memo, lines));
        add(vendors[0].id, 'PW-101', 'Rush &quot;before Friday&quot;', [
          [items[0].id, 3, 40],
          [items[1].id, 1, 12.5],
        ]);
        add(vendors[1].id, 'PW-102', 'Restock', [[items[0].id, 2, 40]]);
        add(northwind.id, 'PW-103', 'Unlinked vendor', [[items[0].id, 1, 40]]);
        add(vendors[0].id, 'PW-104', 'Unlinked item', [[stray.id, 1, 9]]);
      });
      afterAll(() => g?.close());

      it('makes one opportunity per transaction of a linked vendor, its lines opportunity products', async () => {
        const s = await runTemplate(g.weft, c.flow);
        expect(s.status).toBe('completed-with-errors');
        expect(s.nodes.map((n) => n.id)).toEqual(['read', 'vendor', 'products', 'bind', 'map', 'write', 'write-lines']);
        expect(node(s, 'read')).toMatchObject({ in: 4, out: 4, failed: 0 });
        expect(node(s, 'vendor')).toMatchObject({ out: 3, failed: 1 });
        expect(node(s, 'products')).toMatchObject({ out: 2, failed: 1 });
        expect(node(s, 'map')).toMatchObject({ in: 2, out: 2, failed: 0 });
        expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
        expect(node(s, 'write-lines')).toMatchObject({ in: 2, failed: 0 });

        const [vendorFailure] = await g.weft.services.runs.failures('default', s.runId, 'vendor', 5);
        expect(vendorFailure.failure.message).toContain('Northwind Supplies');
        expect(vendorFailure.failure.action).toContain('"QuickBooks Desktop vendors → Creatio accounts"');
        const [itemFailure] = await g.weft.services.runs.failures('default', s.runId, 'products', 5);
        expect(itemFailure.failure.message).toContain(String(stray.name));
        expect(itemFailure.failure.action).toContain('"Creatio products → QuickBooks Desktop items"');

        const expense = c.entity === 'PurchaseOrder' ? 0 : 25;
        const first = opportunity('PW-101')!;
        expect(first).toMatchObject({
          Title: `${c.word} PW-101 — ${vendors[0].name}`,
          UsrVendorId: named('Account', vendors[0].name),
          Amount: 132.5 + expense,
          Notes: 'Rush "before Friday"',
        });
        expect(String(first.DueDate)).toMatch(/^2026-03-15/);
        const itemRows = [
          { ProductId: named('Product', items[0].name), Quantity: 3, Price: 40, Amount: 120 },
          { ProductId: named('Product', items[1].name), Quantity: 1, Price: 12.5, Amount: 12.5 },
        ];
        const expenseRow = { ProductId: null, Quantity: 0, Price: 0, Amount: 25, Notes: 'Freight & <handling>' };
        expect(linesOf(first.Id).map(({ Notes: _, ...l }) => l)).toEqual(
          expect.arrayContaining(itemRows.map((r) => expect.objectContaining(r))),
        );
        expect(linesOf(first.Id)).toHaveLength(expense ? 3 : 2);
        if (expense) expect(linesOf(first.Id)).toContainEqual(expenseRow);
        expect(opportunity('PW-102')).toMatchObject({
          UsrVendorId: named('Account', vendors[1].name),
          Amount: 80 + expense,
        });
        expect([opportunity('PW-103'), opportunity('PW-104')]).toEqual([undefined, undefined]);
      });

      it('reads only the transaction changed since and updates it without doubling its lines', async () => {
        expect(node(await runTemplate(g.weft, c.flow), 'read').in).toBe(0);
        const txn = file()
          .objects([c.entity])
          .find((t) => t.name === 'PW-101')!;
        qbdMod(
          file(),
          c.entity,
          `<TxnID>${txn.id}</TxnID><EditSequence>${txn.editSequence}</EditSequence><Memo>Paid by wire</Memo>`,
        );
        const s = await runTemplate(g.weft, c.flow);
        expect(node(s, 'read').in).toBe(1);
        expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
        const first = opportunity('PW-101')!;
        expect(first.Notes).toBe('Paid by wire');
        expect(linesOf(first.Id)).toHaveLength(c.entity === 'PurchaseOrder' ? 2 : 3);
      });
    });
  }
}
