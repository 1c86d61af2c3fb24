// Write-back: after a QuickBooks sink, writes what QuickBooks decided back onto the Creatio record the
// transaction was made from (seed §5.2): the transaction number QuickBooks assigned, the amounts it
// computed (per product line, and the opportunity's total), QuickBooks' line ids (so an update edits the
// same lines, even a product that is on the opportunity twice), and a "sent" mark that keeps the
// opportunity from being sent again. The record's key is the Creatio record's Id; QuickBooks' answer is
// `meta.saved` (set by the sink). Product lines pair with QuickBooks' item lines in order, as the mapping
// made them (one line per product, ordered by CreatedOn, Id); on a bill or check (Online: also a purchase order), a
// product holding an expense line's id (made from that line by the way back) is no item line and is passed over.
// Only values that differ from what Creatio holds are written: an unchanged opportunity keeps its
// ModifiedOn, so the next incremental run does not read it again.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { wouldWrite } from '../core/dry-run';
import type { BatchRequest, CreatioClient } from './creatio-client';
import { creatioClientFor } from './creatio-connection';

const name = (what: string) => z.string().regex(/^([A-Za-z_]\w*)?$/, `Use the ${what} as Creatio spells it`);

const config = z.object({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  entity: name('object name').min(1).default('Opportunity'),
  numberField: name('field name').default(''),
  amounts: z.enum(['never', 'lines', 'lines-and-total']).default('never'),
  totalField: name('field name').default('Amount'),
  linesEntity: name('object name').default('OpportunityProduct'),
  linesParent: name('lookup name').default('Opportunity'),
  lineAmountField: name('field name').default('Amount'),
  lineIdField: name('field name').default(''),
  sentField: name('field name').default(''),
});
type Config = z.infer<typeof config>;

interface SavedLine {
  id: string;
  amount: number;
}

// Online's item lines: of a sales form, and of a purchase (purchase order, bill, check).
const ITEM_LINES = ['SalesItemLineDetail', 'GroupLineDetail', 'ItemBasedExpenseLineDetail'];

/** QuickBooks' item lines, Online (`Line`, without the subtotal) or Desktop (`InvoiceLineRet`…). */
export function savedLines(saved: Record<string, unknown>): SavedLine[] {
  if (Array.isArray(saved.Line))
    return (saved.Line as Record<string, unknown>[])
      .filter((l) => ITEM_LINES.includes(String(l.DetailType)))
      .map((l) => ({ id: String(l.Id), amount: Number(l.Amount) }));
  // A bill's or check's products are its item lines (ItemLineRet), never its expense lines (ExpenseLineRet).
  const key = Object.keys(saved).find((k) => /LineRet$/.test(k) && !/GroupLineRet$/.test(k) && k !== EXPENSES);
  return desktopLines(saved, key);
}

const EXPENSES = 'ExpenseLineRet';
function desktopLines(saved: Record<string, unknown>, key: string | undefined): SavedLine[] {
  const rows = key && saved[key] !== undefined ? saved[key] : [];
  return (Array.isArray(rows) ? rows : [rows]).map((l: Record<string, unknown>) => ({
    id: String(l.TxnLineID),
    amount: Number(l.Amount),
  }));
}

/** The ids of a purchase's expense lines (to an account): a product holding one (the way back made it) is no item line. */
function expenseLineIds(saved: Record<string, unknown>): Set<string> {
  if (Array.isArray(saved.Line))
    return new Set(
      (saved.Line as Record<string, unknown>[])
        .filter((l) => l.DetailType === 'AccountBasedExpenseLineDetail')
        .map((l) => String(l.Id)),
    );
  return new Set(desktopLines(saved, EXPENSES).map((l) => l.id));
}

const savedNumber = (s: Record<string, unknown>) => s.DocNumber ?? s.RefNumber;
const savedTotal = (s: Record<string, unknown>) => s.TotalAmt ?? s.TotalAmount ?? s.Subtotal;

/** The changes one record needs: fields of the record itself, and of each of its product lines. */
async function changes(c: Config, client: CreatioClient, r: FlowRecord) {
  const saved = r.meta.saved!;
  const want: Record<string, unknown> = {};
  if (c.numberField && savedNumber(saved) !== undefined) want[c.numberField] = String(savedNumber(saved));
  if (c.amounts === 'lines-and-total' && savedTotal(saved) !== undefined)
    want[c.totalField] = Number(savedTotal(saved));
  if (c.sentField) want[c.sentField] = true;
  const head = Object.keys(want);
  const current = head.length ? await client.get(c.entity, r.key, { select: head }) : {};
  const patch = Object.fromEntries(Object.entries(want).filter(([k, v]) => current[k] !== v));
  const lines: { id: string; patch: Record<string, unknown> }[] = [];
  const perLine = [c.amounts !== 'never' ? c.lineAmountField : '', c.lineIdField].filter(Boolean);
  if (perLine.length) {
    const { value } = await client.list(c.linesEntity, {
      // A lookup is filtered by its path (A5): `Opportunity/Id eq <id>`.
      filter: `${c.linesParent}/Id eq ${r.key}`,
      select: ['Id', ...perLine],
      orderby: 'CreatedOn,Id',
    });
    const ours = savedLines(saved);
    const expenses = expenseLineIds(saved);
    const products = c.lineIdField ? value.filter((row) => !expenses.has(String(row[c.lineIdField]))) : value;
    products.forEach((row, i) => {
      const q = ours[i];
      if (!q) return;
      const p: Record<string, unknown> = {};
      if (c.amounts !== 'never' && row[c.lineAmountField] !== q.amount) p[c.lineAmountField] = q.amount;
      if (c.lineIdField && row[c.lineIdField] !== q.id) p[c.lineIdField] = q.id;
      if (Object.keys(p).length) lines.push({ id: String(row.Id), patch: p });
    });
  }
  return { patch, lines };
}

export const creatioWriteBack = defineNode<typeof config, CreatioClient>({
  type: 'creatio.write-back',
  version: 1,
  title: 'Write back to Creatio',
  category: 'sink',
  description:
    'After a QuickBooks write: puts the transaction number, the amounts and line ids QuickBooks computed, ' +
    'and a "sent" mark back on the Creatio record the transaction was made from.',
  inputs: [{ name: 'in', label: 'Written records' }],
  outputs: [{ name: 'written', label: 'Written back', recordType: { sameAs: 'in' } }],
  config,
  // It writes the record the transaction was made from, and its product lines when amounts or line ids go back.
  writesFor: (c) => [
    `creatio.${c.entity}`,
    ...(c.amounts !== 'never' || c.lineIdField ? [`creatio.${c.linesEntity}`] : []),
  ],
  defaults: { connection: '', entity: 'Opportunity', numberField: 'UsrInvoiceNumber', amounts: 'never' },
  ui: {
    icon: '↩',
    color: '#0d6efd',
    fields: {
      connection: { label: 'Creatio connection', widget: 'connection', connectionKind: 'creatio' },
      entity: { label: 'Creatio object', widget: 'text', help: 'The object the transactions are made from.' },
      numberField: {
        label: 'Transaction number goes to',
        widget: 'text',
        placeholder: 'UsrInvoiceNumber',
        help:
          'Leave empty when the number comes from Creatio (the mapping sends this field as the number). ' +
          'Name a field to let QuickBooks number new transactions and keep its number in that field.',
      },
      amounts: {
        label: 'Update opportunity amounts',
        widget: 'select',
        help: "Replace Creatio's amounts with the ones QuickBooks calculated (discounts, rounding, group items).",
        options: [
          { value: 'never', label: 'Never' },
          { value: 'lines', label: 'For product lines only' },
          { value: 'lines-and-total', label: 'For product lines and the total' },
        ],
      },
      totalField: { label: 'Total field', widget: 'text', placeholder: 'Amount' },
      linesEntity: { label: 'Product lines object', widget: 'text', placeholder: 'OpportunityProduct' },
      linesParent: { label: 'Product line lookup of the record', widget: 'text', placeholder: 'Opportunity' },
      lineAmountField: { label: 'Product line amount field', widget: 'text', placeholder: 'Amount' },
      lineIdField: {
        label: 'QuickBooks line id goes to',
        widget: 'text',
        placeholder: 'UsrQBLineId',
        help:
          'A text field of the product line. With it, updates change the same QuickBooks lines (the mapping ' +
          'sends it as the line id), so two lines of the same product stay two lines.',
      },
      sentField: {
        label: 'Mark as sent in',
        widget: 'text',
        placeholder: 'UsrQBSent',
        help: 'A Yes/No field set to Yes once the transaction is in QuickBooks; filter on it to never send twice.',
      },
    },
    summary: (c) =>
      [
        c.numberField && `number → ${c.numberField}`,
        c.amounts !== 'never' && `amounts (${c.amounts === 'lines' ? 'lines' : 'lines and total'})`,
        c.lineIdField && `line ids → ${c.lineIdField}`,
        c.sentField && `sent → ${c.sentField}`,
      ]
        .filter(Boolean)
        .join(', ') || 'nothing to write back',
  },
  open: (ctx, c) => creatioClientFor(ctx, c.connection),
  async process(ctx, c, client, batch) {
    const results: RecordResult[] = [];
    for (const record of batch) {
      if (!record.meta.saved) {
        // A write replayed after a crash carries no answer; the next change of the record brings it back.
        results.push({ record, outcome: 'skipped' });
        continue;
      }
      const { patch, lines } = await changes(c, client, record);
      const requests: BatchRequest[] = [
        ...(Object.keys(patch).length
          ? [{ method: 'PATCH' as const, url: `${c.entity}(${record.key})`, body: patch }]
          : []),
        ...lines.map((l) => ({ method: 'PATCH' as const, url: `${c.linesEntity}(${l.id})`, body: l.patch })),
      ];
      // What was written, on the Creatio record: an echo of it is recognised by a paired flow.
      const binding = { system: 'creatio', entity: c.entity, connection: c.connection, targetId: record.key } as const;
      // QuickBooks' answer is left behind: it is not what this write put on the Creatio record.
      const { saved: _answer, ...meta } = record.meta;
      const out = { ...record, data: patch, meta: { ...meta, binding: { ...binding, matchedBy: 'none' as const } } };
      if (requests.length === 0) {
        results.push({ record: out, outcome: 'skipped' });
        continue;
      }
      if (ctx.dryRun) {
        results.push(wouldWrite(out, 'updated', 'written'));
        continue;
      }
      const answers = await client.batch(requests, { continueOnError: true });
      const bad = answers.find((a) => a.error);
      if (bad) {
        results.push({
          record,
          outcome: 'failed',
          failure: {
            code: 'creatio.write-back',
            message:
              `Creatio refused QuickBooks' values (transaction ${String(savedNumber(record.meta.saved) ?? '')}) ` +
              `for ${c.entity} ${record.key}: ${bad.error!.message}`,
            action: 'Check that the fields named in "Write back to Creatio" exist on the object, then rerun.',
          },
        });
        continue;
      }
      results.push({ record: out, outcome: 'updated', port: 'written' });
    }
    return results;
  },
});
