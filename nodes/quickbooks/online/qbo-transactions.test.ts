// Transaction entities through the nodes, against the QuickBooks Online sandbox
// over HTTP: source → binding by DocNumber → sink, custom fields by name,
// multicurrency fields, and the entity metadata the nodes offer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import type { FlowRecord, RecordResult } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qboBindingNode } from './qbo-binding.node';
import { CUSTOM_FIELD_MAX, prepareCustomFields } from './qbo-custom-fields';
import { QBO_ENTITIES, QBO_ENTITY_INFO } from './qbo-entities';
import { qboSinkNode } from './qbo-sink.node';
import { qboSourceNode } from './qbo-source.node';
import { rig } from '../../testing/qbo-sandbox';

let s: QboSandbox;
let ctx: MemoryContext;

const settings = (realmId = s.realmId) => ({
  baseUrl: s.baseUrl,
  tokenUrl: s.tokenUrl,
  realmId,
  clientId: s.clientId,
  clientSecret: s.clientSecret,
  refreshToken: `rt-sandbox-${realmId}`,
});

beforeEach(async () => {
  s = await startQboSandbox({ limits: false, seed: { accounts: 20 } });
  ctx = memoryContext({
    qbo: { kind: 'quickbooks-online', settings: settings() },
    mc: { kind: 'quickbooks-online', settings: settings(s.realmIds[1]) },
  });
});
afterEach(() => s.close());

const rec = (key: string, data: Record<string, unknown>, entity = 'Opportunity'): FlowRecord => ({
  key,
  data,
  meta: { source: { node: 'opps', system: 'creatio', entity, connection: 'crm' } },
});
const line = (amount: number) => ({
  DetailType: 'SalesItemLineDetail',
  Amount: amount,
  SalesItemLineDetail: { ItemRef: { value: '1' }, Qty: 1, UnitPrice: amount },
});

async function sink(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboSinkNode.config.parse({ connection: 'qbo', ...config });
  return qboSinkNode.process(ctx, c, await qboSinkNode.open!(ctx, c), batch);
}
async function bind(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboBindingNode.config.parse({ connection: 'qbo', ...config });
  return qboBindingNode.process(ctx, c, await qboBindingNode.open!(ctx, c), batch);
}
async function readAll(config: Record<string, unknown>): Promise<FlowRecord[]> {
  const c = qboSourceNode.config.parse({ connection: 'qbo', ...config });
  const out: FlowRecord[] = [];
  for await (const page of qboSourceNode.read(ctx, c, await qboSourceNode.open!(ctx, c), null))
    out.push(...page.records);
  return out;
}
const row = (entity: string, id: string, realm = s.realmId) => s.store.get(realm, entity, id)!.body;

describe('entity metadata', () => {
  it('offers every entity in the nodes, transactions matched by DocNumber', () => {
    for (const e of [
      'SalesReceipt',
      'Estimate',
      'CreditMemo',
      'Bill',
      'BillPayment',
      'Purchase',
      'Deposit',
      'JournalEntry',
      'VendorCredit',
      'PurchaseOrder',
      'TimeActivity',
    ]) {
      expect(QBO_ENTITIES).toContain(e);
      expect(qboSourceNode.config.parse({ connection: 'qbo', entity: e }).entity).toBe(e);
      expect(qboSinkNode.config.parse({ connection: 'qbo', entity: e }).entity).toBe(e);
    }
    expect(QBO_ENTITY_INFO.Bill).toMatchObject({ kind: 'transaction', nameField: 'DocNumber', remove: 'delete' });
    expect(QBO_ENTITY_INFO.BillPayment.remove).toBe('delete-or-void');
    expect(QBO_ENTITY_INFO.Invoice.readOnly).toContain('HomeTotalAmt');
    const wrong = qboBindingNode.config.safeParse({ connection: 'qbo', entity: 'Invoice' });
    expect(wrong.success).toBe(false);
    expect(wrong.error!.issues[0].message).toContain('match them on DocNumber');
  });
});

describe('a transaction flow: sink → source → binding by DocNumber → sink update', () => {
  it('writes bills, reads them back, binds them by DocNumber and updates them', async () => {
    const bill = (key: string, doc: string, amount: number) =>
      rec(key, {
        VendorRef: { value: '1' },
        DocNumber: doc,
        Line: [
          {
            DetailType: 'AccountBasedExpenseLineDetail',
            Amount: amount,
            AccountBasedExpenseLineDetail: { AccountRef: { value: '10' } },
          },
        ],
      });
    const made = await sink({ entity: 'Bill' }, [bill('b1', 'INV-881', 120), bill('b2', 'INV-882', 80)]);
    expect(made.map((r) => r.outcome)).toEqual(['created', 'created']);

    const read = await readAll({ entity: 'Bill' });
    expect(read.map((r) => [r.data.DocNumber, r.data.TotalAmt, r.data.Balance])).toEqual([
      ['INV-881', 120, 120],
      ['INV-882', 80, 80],
    ]);
    expect(read[0].meta.source).toMatchObject({ system: 'quickbooks-online', entity: 'Bill' });

    // A second source (another system) finds them by number, not by name.
    const incoming = [rec('x1', { Number: 'inv-881' }, 'Purchase'), rec('x2', { Number: 'INV-999' }, 'Purchase')];
    const bound = await bind({ entity: 'Bill', matchTargetField: 'DocNumber', matchSourceField: 'Number' }, incoming);
    expect(bound.map((r) => [r.record.meta.binding?.matchedBy, r.record.meta.binding?.targetId])).toEqual([
      ['match-rule', read[0].key],
      ['none', null],
    ]);
    const updated = await sink({ entity: 'Bill' }, [{ ...bound[0].record, data: { PrivateNote: 'approved' } }]);
    expect(updated[0].outcome).toBe('updated');
    expect(row('Bill', read[0].key)).toMatchObject({ PrivateNote: 'approved', TotalAmt: 120 });
  });

  it('refuses an unbalanced journal entry for that record alone, in plain words', async () => {
    const je = (type: string, amount: number, account: string) => ({
      DetailType: 'JournalEntryLineDetail',
      Amount: amount,
      JournalEntryLineDetail: { PostingType: type, AccountRef: { value: account } },
    });
    const out = await sink({ entity: 'JournalEntry' }, [
      rec('ok', { DocNumber: 'JE-1', Line: [je('Debit', 10, '10'), je('Credit', 10, '6')] }),
      rec('bad', { DocNumber: 'JE-2', Line: [je('Debit', 10, '10'), je('Credit', 9, '6')] }),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['created', 'failed']);
    expect(out[1].failure).toMatchObject({ code: 'qbo.6000', field: 'Line' });
    expect(out[1].failure!.message).toContain('debits 10.00 must equal credits 9.00');
  });
});

describe('custom fields by name', () => {
  const invoice = (key: string, doc: string, custom: Record<string, unknown>) =>
    rec(key, { CustomerRef: { value: '1' }, DocNumber: doc, Line: [line(100)], CustomField: custom });

  it('round-trips: the mapping names the field, QuickBooks stores its DefinitionId, the source reads it back', async () => {
    const out = await sink({ entity: 'Invoice' }, [
      invoice('o1', 'CF-1', { 'PO Number': 'PO-4471', 'sales rep': 'Dana' }),
    ]);
    expect(out[0].outcome).toBe('created');
    const id = out[0].record.meta.binding!.targetId!;
    expect(row('Invoice', id).CustomField).toEqual([
      { DefinitionId: '1', Name: 'Sales Rep', Type: 'StringType', StringValue: 'Dana' },
      { DefinitionId: '2', Name: 'PO Number', Type: 'StringType', StringValue: 'PO-4471' },
    ]);
    const [back] = await readAll({ entity: 'Invoice', where: "DocNumber = 'CF-1'", incremental: false });
    expect(
      (back.data.CustomField as { Name: string; StringValue: string }[]).map((f) => [f.Name, f.StringValue]),
    ).toEqual([
      ['Sales Rep', 'Dana'],
      ['PO Number', 'PO-4471'],
    ]);
  });

  it('a value over 31 characters or an unknown name fails that record alone, with a clear message', async () => {
    const long = 'P'.repeat(CUSTOM_FIELD_MAX + 4);
    const out = await sink({ entity: 'Invoice' }, [
      invoice('ok', 'CF-2', { 'PO Number': 'short' }),
      invoice('long', 'CF-3', { 'PO Number': long }),
      invoice('typo', 'CF-4', { 'PO Numbr': 'x' }),
    ]);
    expect(out.map((r) => [r.record.key, r.outcome]).sort()).toEqual([
      ['long', 'failed'],
      ['ok', 'created'],
      ['typo', 'failed'],
    ]);
    const failure = (k: string) => out.find((r) => r.record.key === k)!.failure!;
    expect(failure('long')).toMatchObject({ code: 'weft.qbo.custom-field-too-long', field: 'CustomField.PO Number' });
    expect(failure('long').message).toBe(
      'Custom field "PO Number" of Invoice CF-3 is too long: 35 characters, QuickBooks allows at most 31.',
    );
    expect(failure('typo').message).toContain('no custom field named "PO Numbr"');
    expect(failure('typo').message).toContain('"Sales Rep", "PO Number"');
    expect(
      s.store.all(s.realmId, 'Invoice').filter((r) => ['CF-3', 'CF-4'].includes(String(r.body.DocNumber))),
    ).toEqual([]);
  });

  it('reads Preferences once per run, however many batches', async () => {
    const r = await rig({ seed: { accounts: 0 } });
    const before = r.sandbox.stats.requests;
    const cache = {};
    for (let i = 0; i < 3; i++)
      await prepareCustomFields(r.client, 'Invoice', [invoice(`k${i}`, `D${i}`, { 'Sales Rep': 'Ann' })], cache);
    expect(r.sandbox.stats.requests - before).toBe(1);
    await r.sandbox.close();
  });
});

describe('multicurrency through the sink (second company)', () => {
  it('creates a euro customer and an invoice with an exchange rate; HomeTotalAmt comes back', async () => {
    const [cust] = await sink({ connection: 'mc', entity: 'Customer' }, [
      rec('a1', { DisplayName: 'Lyon SARL', CurrencyRef: { value: 'EUR' } }, 'Account'),
    ]);
    expect(cust.outcome).toBe('created');
    const customerId = cust.record.meta.binding!.targetId!;
    const [inv] = await sink({ connection: 'mc', entity: 'Invoice' }, [
      rec('o1', {
        CustomerRef: { value: customerId },
        CurrencyRef: { value: 'EUR' },
        ExchangeRate: 1.2,
        Line: [line(250)],
      }),
    ]);
    expect(inv.outcome).toBe('created');
    expect(row('Invoice', inv.record.meta.binding!.targetId!, s.realmIds[1])).toMatchObject({
      CurrencyRef: { value: 'EUR', name: 'Euro' },
      ExchangeRate: 1.2,
      TotalAmt: 250,
      HomeTotalAmt: 300,
    });
    // The single-currency company refuses the same customer.
    const [refused] = await sink({ entity: 'Customer' }, [
      rec('a2', { DisplayName: 'Lyon SARL', CurrencyRef: { value: 'EUR' } }, 'Account'),
    ]);
    expect(refused.failure).toMatchObject({ code: 'qbo.6000', field: 'CurrencyRef' });
    expect(refused.failure!.message).toContain('Multicurrency is not turned on');
  });
});
