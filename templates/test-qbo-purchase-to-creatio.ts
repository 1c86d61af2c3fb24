// Golden test shared by the templates that bring QuickBooks Online purchase-side transactions (purchase orders,
// bills, checks) into Creatio opportunities: the whole Weft runs "Creatio suppliers → QuickBooks vendors" and
// "Creatio products → QuickBooks items" (they link vendors and items), then transactions are entered in QuickBooks
// over HTTP as a bookkeeper would, and the template runs. Each transaction whose vendor and items are linked must
// become one opportunity naming the supplier account, its lines opportunity products; the others fail alone,
// naming what to link. A later run reads only the changed transaction and keeps the lines in step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { bootGolden, node, runTemplate, sinkCounts, type Golden } from './test-golden';

export interface QboPurchaseCase {
  flow: string;
  entity: 'PurchaseOrder' | 'Bill' | 'Purchase';
  /** The word the opportunity's title starts with, e.g. "Purchase order". */
  word: string;
  /** The QuickBooks path a transaction is created at, e.g. purchaseorder. */
  path: string;
  schema: string;
}

interface Opportunity {
  Id: string;
  Title: string;
  UsrInvoiceNumber: string;
  UsrVendorId: string;
  Amount: number;
  DueDate: string | null;
  Notes: string | null;
}
interface OpportunityProduct {
  ProductId: string | null;
  Quantity: number;
  Price: number;
  Amount: number;
  Notes: string | null;
  UsrQBLineId: string;
}
type Row = Record<string, any>;

export function qboPurchaseToCreatioGolden(c: QboPurchaseCase): void {
  for (const db of testDatabases()) {
    describe(`template "${c.flow}" on ${db.name}`, () => {
      let g: Golden;
      let token: string;
      const qbo = async (path: string, body?: unknown) => {
        const send = () => call(g.weft.sandboxes!.qbo, token, path, body === undefined ? {} : { body });
        let answer = await send();
        // A bookkeeper's pace: QuickBooks takes 10 requests a second from one app.
        for (let i = 0; answer.status === 429 && i < 20; i++) {
          await new Promise((r) => setTimeout(r, 200));
          answer = await send();
        }
        return answer;
      };
      const rows = (entity: string) =>
        g.weft
          .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, entity)
          .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Row);
      const sql = <T>(query: string, ...args: unknown[]) =>
        g.weft.sandboxes!.creatio.db.prepare(query).all(...args) as T[];
      const named = (table: string, name: string) =>
        sql<{ Id: string }>(`SELECT "Id" FROM "${table}" WHERE "Name" = ?`, name)[0]?.Id;
      const opportunity = (number: string) =>
        sql<Opportunity>('SELECT * FROM "Opportunity" WHERE "UsrInvoiceNumber" = ?', number)[0];
      const linesOf = (id: string) =>
        sql<OpportunityProduct>(
          'SELECT "ProductId", "Quantity", "Price", "Amount", "Notes", "UsrQBLineId" FROM "OpportunityProduct"' +
            ' WHERE "OpportunityId" = ? ORDER BY "UsrQBLineId"',
          id,
        );

      // Two vendors and two items the flows linked, one vendor and one item made in QuickBooks alone.
      let vendors: Row[];
      let items: Row[];
      let strayVendor: Row;
      let strayItem: Row;
      const itemLine = (item: Row, qty: number, price: number) => ({
        DetailType: 'ItemBasedExpenseLineDetail',
        Amount: qty * price,
        ItemBasedExpenseLineDetail: { ItemRef: { value: item.Id }, Qty: qty, UnitPrice: price },
      });
      const enter = async (
        number: string,
        vendor: Row,
        lines: unknown[],
        note: string,
        due: string | null = '2026-03-15',
      ) => {
        const party =
          c.entity === 'Purchase'
            ? {
                PaymentType: 'Check',
                AccountRef: { value: rows('Account').find((a) => a.Name === 'Checking')!.Id },
                EntityRef: { value: vendor.Id, type: 'Vendor' },
                TxnDate: '2026-03-15',
              }
            : { VendorRef: { value: vendor.Id }, ...(due ? { DueDate: due } : {}) };
        const answer = await qbo(`${c.path}?minorversion=75`, {
          ...party,
          DocNumber: number,
          PrivateNote: note,
          Line: lines,
        });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      };

      beforeAll(async () => {
        g = await bootGolden(db.url, c.schema);
        token = await accessToken(g.weft.sandboxes!.qbo);
        expect((await runTemplate(g.weft, 'creatio-accounts-to-qbo-vendors')).status).toBe('completed-with-errors');
        expect((await runTemplate(g.weft, 'creatio-products-to-qbo-items')).status).toMatch(/^completed/);
        vendors = rows('Vendor').filter((v) => named('Account', v.DisplayName));
        items = rows('Item').filter((i) => i.Type !== 'Category' && named('Product', i.Name));
        strayItem = rows('Item').find((i) => i.Type !== 'Category' && !named('Product', i.Name))!;
        expect([vendors.length >= 2, items.length >= 2, !!strayItem]).toEqual([true, true, true]);
        const made = await qbo('vendor?minorversion=75', { DisplayName: 'Harbor Tools (new in QuickBooks)' });
        strayVendor = made.json.Vendor;
        const expense = rows('Account').find((a) => a.AccountType === 'Expense')!;
        await enter(
          'PW-101',
          vendors[0],
          [
            itemLine(items[0], 3, 40),
            itemLine(items[1], 1, 12.5),
            {
              DetailType: 'AccountBasedExpenseLineDetail',
              Amount: 25,
              Description: 'Freight & <handling>',
              AccountBasedExpenseLineDetail: { AccountRef: { value: expense.Id } },
            },
          ],
          'Rush "before Friday"',
        );
        // No due date: the opportunity's stays empty (version 1 of the templates wrote "T00:00:00Z", refused).
        await enter('PW-102', vendors[1], [itemLine(items[0], 2, 40)], 'Restock', null);
        await enter('PW-103', strayVendor, [itemLine(items[0], 1, 40)], 'Unlinked vendor');
        await enter('PW-104', vendors[0], [itemLine(strayItem, 1, 9)], 'Unlinked item');
        if (c.entity === 'Purchase') {
          // A cash purchase is no check: the checks flow leaves it alone.
          const cash = await qbo('purchase?minorversion=75', {
            PaymentType: 'Cash',
            AccountRef: { value: rows('Account').find((a) => a.Name === 'Checking')!.Id },
            EntityRef: { value: vendors[0].Id, type: 'Vendor' },
            DocNumber: 'PW-105',
            Line: [itemLine(items[0], 1, 40)],
          });
          expect(cash.status).toBe(200);
        }
      });
      afterAll(() => g?.close());

      // The linking flows spend much of the company's 500 requests a minute: the run may wait out QuickBooks' throttle.
      it(
        'makes one opportunity per transaction of a linked vendor, its lines opportunity products',
        { timeout: 180_000 },
        async () => {
          const s = await runTemplate(g.weft, c.flow);
          expect(s.status).toBe('completed-with-errors');
          expect(s.nodes.map((n) => n.id)).toEqual([
            'read',
            'vendor',
            'products',
            'bind',
            'map',
            'write',
            'write-lines',
          ]);
          expect(node(s, 'read')).toMatchObject({ in: 4, out: 4, failed: 0 });
          expect(node(s, 'vendor')).toMatchObject({ out: 3, failed: 1 });
          expect(node(s, 'products')).toMatchObject({ out: 2, failed: 1 });
          expect(node(s, 'map')).toMatchObject({ in: 2, out: 2, failed: 0 });
          expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 2, updated: 0, failed: 0 });
          expect(node(s, 'write-lines')).toMatchObject({ in: 2, failed: 0 });

          const [vendorFailure] = await g.weft.services.runs.failures('default', s.runId, 'vendor', 5);
          expect(vendorFailure.failure.message).toContain('Harbor Tools (new in QuickBooks)');
          expect(vendorFailure.failure.action).toContain('"QuickBooks vendors → Creatio accounts"');
          const [itemFailure] = await g.weft.services.runs.failures('default', s.runId, 'products', 5);
          expect(itemFailure.failure.message).toContain(strayItem.Name);
          expect(itemFailure.failure.action).toContain('"Creatio products → QuickBooks items"');

          const first = opportunity('PW-101');
          expect(first).toMatchObject({
            Title: `${c.word} PW-101 — ${vendors[0].DisplayName}`,
            UsrVendorId: named('Account', vendors[0].DisplayName),
            Amount: 157.5,
            Notes: 'Rush "before Friday"',
          });
          expect(first.DueDate).toMatch(/^2026-03-15/);
          expect(linesOf(first.Id).map(({ UsrQBLineId: _, ...l }) => l)).toEqual([
            { ProductId: named('Product', items[0].Name), Quantity: 3, Price: 40, Amount: 120, Notes: '' },
            { ProductId: named('Product', items[1].Name), Quantity: 1, Price: 12.5, Amount: 12.5, Notes: '' },
            { ProductId: null, Quantity: 0, Price: 0, Amount: 25, Notes: 'Freight & <handling>' },
          ]);
          expect(opportunity('PW-102')).toMatchObject({
            UsrVendorId: named('Account', vendors[1].DisplayName),
            Amount: 80,
          });
          expect([opportunity('PW-103'), opportunity('PW-104'), opportunity('PW-105')]).toEqual([
            undefined,
            undefined,
            undefined,
          ]);
        },
      );

      it('reads only the transaction changed since and keeps its lines in step', async () => {
        expect(node(await runTemplate(g.weft, c.flow), 'read').in).toBe(0);
        const txn = rows(c.entity).find((t) => t.DocNumber === 'PW-101')!;
        const kept = {
          ...txn.Line[0],
          Amount: 200,
          ItemBasedExpenseLineDetail: {
            ...txn.Line[0].ItemBasedExpenseLineDetail,
            Qty: 5,
          },
        };
        const answer = await qbo(`${c.path}?minorversion=75`, {
          Id: txn.Id,
          SyncToken: txn.SyncToken,
          sparse: true,
          Line: [kept],
        });
        expect(answer.status, JSON.stringify(answer.json)).toBe(200);
        const count = sql('SELECT "Id" FROM "Opportunity"').length;
        const s = await runTemplate(g.weft, c.flow);
        expect(node(s, 'read').in).toBe(1);
        expect(await sinkCounts(g.weft, s.runId, 'write')).toMatchObject({ created: 0, updated: 1, failed: 0 });
        expect(sql('SELECT "Id" FROM "Opportunity"')).toHaveLength(count);
        const first = opportunity('PW-101');
        expect(first.Amount).toBe(200);
        expect(linesOf(first.Id)).toEqual([
          {
            ProductId: named('Product', items[0].Name),
            Quantity: 5,
            Price: 40,
            Amount: 200,
            Notes: '',
            UsrQBLineId: String(txn.Line[0].Id),
          },
        ]);
      });
    });
  }
}
