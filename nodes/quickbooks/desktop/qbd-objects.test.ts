// Catalogue objects through the nodes, the outbox (real PostgreSQL), the QBWC
// service and the Web Connector simulator: vendors, items, invoices, payments,
// journal entries, and what a country edition does not have.
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../../scripts/test-databases';
import { DEFAULT_HOST } from '../../../sandbox/quickbooks-desktop';
import { LOGIN, qbwcRig, type QbwcRig } from '../../../server/qbwc/test-qbwc';
import type { FlowRecord, NodeContext, RecordResult } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qbdBindingNode } from './qbd-binding.node';
import { qbdSinkNode } from './qbd-sink.node';

const CONN = LOGIN.connectionId;
const rec = (key: string, data: Record<string, unknown>): FlowRecord => ({
  key,
  data,
  meta: { source: { node: 'src', system: 'creatio', entity: 'Thing', connection: 'creatio-sandbox' } },
});

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop objects through the Web Connector simulator on ${db.name}`, () => {
    let rig: QbwcRig;
    let ctx: MemoryContext & NodeContext;
    const start = async (country = 'US') => {
      rig = await qbwcRig(db.url, testSchema('qbdo'), {
        sandbox: { seed: { accounts: 10, invoices: 2 }, host: { ...DEFAULT_HOST, country } },
      });
      ctx = {
        ...memoryContext({ [CONN]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } } }),
        desktop: rig.outbox,
      };
      rig.sandbox.start(20);
    };
    afterEach(() => rig?.close());

    async function run<C>(
      node: { config: { parse(x: unknown): C }; open?: unknown; process: unknown },
      config: Record<string, unknown>,
      batch: FlowRecord[],
    ): Promise<RecordResult[]> {
      const c = node.config.parse({ connection: CONN, ...config });
      const state = await (node.open as (x: NodeContext, c: C) => Promise<unknown>)(ctx, c);
      return (node.process as (x: NodeContext, c: C, s: unknown, b: FlowRecord[]) => Promise<RecordResult[]>)(
        ctx,
        c,
        state,
        batch,
      );
    }
    const write = async (entity: string, batch: FlowRecord[], matchSourceField?: string) => {
      const bound = await run(qbdBindingNode, { entity, ...(matchSourceField ? { matchSourceField } : {}) }, batch);
      return run(
        qbdSinkNode,
        { entity },
        bound.filter((r) => r.outcome === 'passed').map((r) => r.record),
      );
    };
    const byKey = (rs: RecordResult[]) => Object.fromEntries(rs.map((r) => [r.record.key, r]));

    it('vendors and service items bind by name or are created; an invoice, its payment and journal entries follow', async () => {
      await start();
      const vendors = byKey(
        await write('Vendor', [
          rec('v1', { Name: 'Northwind Supplies', Phone: '555-0100' }),
          rec('v2', { Name: 'Fresh & "Quoted" <Vendor>', CompanyName: 'Fresh' }),
        ]),
      );
      expect([vendors.v1.outcome, vendors.v2.outcome]).toEqual(['updated', 'created']);
      expect(vendors.v2.record.meta.binding?.targetId).toMatch(/^8[0-9A-F]{7}-\d{10}$/);
      expect(rig.sandbox.file.object(vendors.v2.record.meta.binding!.targetId!)?.data.Name).toBe(
        'Fresh & "Quoted" <Vendor>',
      );
      const items = byKey(
        await write('ItemService', [
          rec('i1', {
            Name: 'Strategy Workshop',
            SalesOrPurchase: { Desc: 'Half day', Price: '800.00', AccountRef: { FullName: 'Sales Income' } },
          }),
          rec('i2', { Name: 'x'.repeat(32) }),
        ]),
      );
      expect(items.i1.outcome).toBe('created');
      expect(items.i2.failure).toMatchObject({ code: 'qbd.3070', field: 'Name' });
      // Seed §3.1: items bound by SKU keep it in an ItemCode custom field, and the product's Weight in another.
      const sku = byKey(
        await write('ItemNonInventory', [
          rec('i3', {
            Name: 'Widget Pro',
            SalesOrPurchase: { Price: '12.50', AccountRef: { FullName: 'Sales Income' } },
            DataExt: { ItemCode: 'WP-100 & <b>', Weight: '2.50' },
          }),
        ]),
      );
      expect({ outcome: sku.i3.outcome, failure: sku.i3.failure }).toEqual({ outcome: 'created', failure: undefined });
      const ext = rig.sandbox.file
        .dataExts(sku.i3.record.meta.binding!.targetId!)
        .map((e) => [e.name, e.value])
        .sort();
      expect(ext).toEqual([
        ['ItemCode', 'WP-100 & <b>'],
        ['Weight', '2.50'],
      ]);

      const customer = rig.sandbox.file.customers()[0];
      const invoice = rec('o1', {
        RefNumber: 'CR-5001',
        CustomerRef: { ListID: customer.listId },
        Memo: 'Déjà vu & <more>',
        Lines: [
          { ItemRef: { FullName: 'Strategy Workshop' }, Quantity: 2, Rate: '800.00' },
          { ItemRef: { FullName: 'Shipping' }, Amount: 25 },
        ],
      });
      const missingItem = rec('o2', {
        RefNumber: 'CR-5002',
        CustomerRef: { ListID: customer.listId },
        Lines: [{ ItemRef: { FullName: 'No Such Item' }, Quantity: 1 }],
      });
      const invoices = byKey(await write('Invoice', [invoice, missingItem], 'RefNumber'));
      expect(invoices.o1).toMatchObject({ outcome: 'created' });
      expect(invoices.o1.record.data.Subtotal).toBe(1625);
      expect(invoices.o2.failure).toMatchObject({ code: 'qbd.3140' });
      expect(invoices.o2.failure!.action).toContain('No Such Item');
      const txnId = invoices.o1.record.meta.binding!.targetId!;
      expect(rig.sandbox.file.invoices({ txnIds: [txnId] })[0]).toMatchObject({
        memo: 'Déjà vu & <more>',
        isPaid: false,
      });

      // A rerun binds the invoice by its RefNumber and updates it (Mod with the EditSequence), nothing is added twice.
      const again = byKey(
        await run(qbdBindingNode, { entity: 'Invoice', matchSourceField: 'RefNumber' }, [
          rec('o1-other-source', { RefNumber: 'CR-5001' }),
        ]),
      );
      expect(again['o1-other-source'].record.meta.binding).toMatchObject({ targetId: txnId, matchedBy: 'match-rule' });

      const payments = byKey(
        await write(
          'ReceivePayment',
          [
            rec('p1', {
              RefNumber: 'CHK 77',
              CustomerRef: { ListID: customer.listId },
              TotalAmount: '1625.00',
              AppliedToTxnAdd: [{ TxnID: txnId, PaymentAmount: '1625.00' }],
            }),
            rec('p2', {
              RefNumber: 'CHK 78',
              CustomerRef: { ListID: customer.listId },
              TotalAmount: '5.00',
              AppliedToTxnAdd: [{ TxnID: txnId, PaymentAmount: '5.00' }],
            }),
          ],
          'RefNumber',
        ),
      );
      expect(payments.p1.outcome).toBe('created');
      expect(payments.p2.failure).toMatchObject({ code: 'qbd.3210' });
      expect(rig.sandbox.file.invoices({ txnIds: [txnId] })[0].isPaid).toBe(true);

      const line = (account: string, amount: string) => ({ AccountRef: { FullName: account }, Amount: amount });
      const journals = byKey(
        await write(
          'JournalEntry',
          [
            rec('j1', {
              RefNumber: 'JE-9',
              JournalDebitLine: [line('Checking', '100.00')],
              JournalCreditLine: [line('Sales Income', '100.00')],
            }),
            rec('j2', {
              RefNumber: 'JE-10',
              JournalDebitLine: [line('Checking', '100.00')],
              JournalCreditLine: [line('Sales Income', '99.99')],
            }),
          ],
          'RefNumber',
        ),
      );
      expect(journals.j1.outcome).toBe('created');
      expect(journals.j2.failure).toMatchObject({ code: 'qbd.3180' });
      expect(journals.j2.failure!.message).toContain('Transaction not in balance');
    });

    it('a session lost after QuickBooks saved an invoice: found by its RefNumber and ExternalGUID, not saved again', async () => {
      await start();
      rig.sandbox.faults.inject({ kind: 'drop-mid-session' });
      const customer = rig.sandbox.file.customers()[0];
      const [r] = await run(qbdSinkNode, { entity: 'Invoice' }, [
        rec('lost', {
          RefNumber: 'LOST-1',
          CustomerRef: { ListID: customer.listId },
          Lines: [{ ItemRef: { FullName: 'Shipping' }, Amount: 12 }],
        }),
      ]);
      expect(r.outcome).toBe('created');
      expect(rig.sandbox.connector!.log.some((s) => s.end === 'dropped')).toBe(true);
      expect(rig.sandbox.file.invoices({ refNumbers: ['LOST-1'] }).map((i) => i.txnId)).toEqual([
        r.record.meta.binding!.targetId,
      ]);
      // Saved once by QuickBooks: no twin was saved and deleted.
      expect(rig.sandbox.file.writes.get(r.record.meta.binding!.targetId!)).toBe(1);
    });

    it('a UK company file: fields only US editions have fail their record alone, in plain words; the rest is written', async () => {
      await start('UK');
      const customer = rig.sandbox.file.customers()[0];
      const out = byKey(
        await run(qbdSinkNode, { entity: 'Invoice' }, [
          rec('us-tax', {
            RefNumber: 'UK-1',
            CustomerRef: { ListID: customer.listId },
            ItemSalesTaxRef: { FullName: 'State Tax' },
            Lines: [{ ItemRef: { FullName: 'Shipping' }, Amount: 10 }],
          }),
          rec('vat', {
            RefNumber: 'UK-2',
            CustomerRef: { ListID: customer.listId },
            IsTaxIncluded: true,
            Lines: [{ ItemRef: { FullName: 'Shipping' }, Amount: 10 }],
          }),
        ]),
      );
      expect(out['us-tax'].failure).toMatchObject({ code: 'weft.qbd.country', field: 'ItemSalesTaxRef' });
      expect(out['us-tax'].failure!.message).toBe(
        'QuickBooks Desktop (UK edition) has no ItemSalesTaxRef on Invoice "UK-1" — remove it from the mapping (it exists only in the US edition).',
      );
      expect(out.vat.outcome).toBe('created');
      const vendor = byKey(
        await run(qbdSinkNode, { entity: 'Vendor' }, [rec('v', { Name: 'Brit Ltd', IsVendorEligibleFor1099: true })]),
      );
      expect(vendor.v.failure!.message).toContain('(UK edition) has no IsVendorEligibleFor1099 on Vendor "Brit Ltd"');
      expect(rig.sandbox.connector!.log.every((s) => s.end !== 'error')).toBe(true);
    });
  });
}
