// Writes the lines of each record into a Creatio detail object (issue 15): a QuickBooks
// deposit or journal entry is written by `creatio.sink` as one master record, and its
// lines — mapped into Creatio's names by the Mapping's "lists of lines" — arrive here on
// the master's `written` port, each line becoming a detail row that points to the master
// (its lookup column, e.g. UsrJournalEntryId). The engine gives each record one result,
// so one node writes all the lines of a master: each line is found among the master's
// existing rows by its key (e.g. the QuickBooks line id), updated if there, created if
// not; rows whose line is gone from QuickBooks are deleted, so the detail mirrors the
// source as the master does. Sent as JSON $batch with `Prefer: continue-on-error` (A8).
// A create carries an Id derived from the record's effect key and the line key: sent
// again after a lost answer, Creatio refuses the duplicate key and the line is there.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { asText } from '../core/field-path';
import type { BatchRequest, CreatioClient, Row } from './creatio-client';
import { creatioClientFor } from './creatio-connection';
import { idFromKey, writableFields } from './creatio-sink.node.ts';

const column = z.string().regex(/^[A-Za-z_]\w*$/, 'a Creatio field name, e.g. UsrQBLineId');
const config = z.strictObject({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  entity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/, 'Use the object name as Creatio spells it, e.g. UsrQBJournalLine')
    .default('UsrQBDepositLine'),
  /** The record's lists of lines (already in the detail's field names), e.g. Lines, or DebitLines and CreditLines. */
  lists: z
    .string()
    .regex(
      /^\s*[A-Za-z_]\w*(\s*,\s*[A-Za-z_]\w*)*\s*$/,
      'name the lists of lines, e.g. Lines or DebitLines, CreditLines',
    )
    .default('Lines'),
  /** The detail's lookup column pointing to the master record, e.g. UsrDepositId. */
  parentField: column
    .refine((f) => f.endsWith('Id'), 'a lookup column ends in Id, e.g. UsrDepositId')
    .default('UsrDepositId'),
  /** The line's field that tells its lines apart within one master, e.g. UsrQBLineId. */
  keyField: column.default('UsrQBLineId'),
});
type Config = z.infer<typeof config>;

const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Line = Record<string, unknown>;

function linesOf(c: Config, r: FlowRecord): Line[] {
  return listNames(c).flatMap((l) =>
    Array.isArray(r.data[l]) ? (r.data[l] as unknown[]).filter((x): x is Line => !!x && typeof x === 'object') : [],
  );
}

const listNames = (c: Config) => c.lists.split(',').map((l) => l.trim());
const label = (r: FlowRecord) => String(r.data.UsrName ?? r.data.Name ?? r.key);

/** The detail rows of these masters, by master id. */
async function existingRows(client: CreatioClient, c: Config, parents: string[]): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  const nav = c.parentField.slice(0, -2);
  for (let i = 0; i < parents.length; i += 20) {
    // A lookup is filtered by its navigation path (`UsrDeposit/Id eq …`), never the flat column (A5).
    const filter = parents
      .slice(i, i + 20)
      .map((id) => `${nav}/Id eq ${id}`)
      .join(' or ');
    for await (const rows of client.pages(c.entity, { filter })) {
      for (const row of rows) {
        const p = String(row[c.parentField]).toLowerCase();
        out.set(p, [...(out.get(p) ?? []), row]);
      }
    }
  }
  return out;
}

/**
 * What an update empties: the columns an existing row holds that the line no longer has (the mapping
 * leaves an empty value out), so a line QuickBooks changed keeps nothing of what it was — QuickBooks
 * Online numbers lines by position. The detail is QuickBooks' copy: a column set only in Creatio is
 * emptied too when QuickBooks changes that line. Numbers become 0 and flags false (Creatio keeps no
 * empty decimal or boolean), text and lookups null.
 */
function emptied(c: Config, row: Row, line: Line): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(writableFields(row))) {
    if (k in line || k === c.parentField || k === c.keyField || v === null || v === '' || v === ZERO_GUID) continue;
    out[k] = typeof v === 'number' ? 0 : typeof v === 'boolean' ? false : null;
  }
  return out;
}

/**
 * The master as a reader of it and its lines will see it, for the echo ledger (engine/run/echo.ts): its
 * fields, and the lines under the name of Creatio's detail collection (`OpportunityProductCollectionByOpportunity`,
 * `<detail>CollectionBy<lookup>`). A paired flow that reads the master with its lines expanded then tells this
 * write from a person's change to one line, line by line.
 */
function asRead(c: Config, record: FlowRecord, lines: Line[]): FlowRecord {
  const data = Object.fromEntries(Object.entries(record.data).filter(([k]) => !listNames(c).includes(k)));
  const written = lines.map((l) => writableFields(l));
  // A line written without a column its siblings have (a bill's expense line has no product, quantity or price)
  // reads back as Creatio keeps an empty column: it keeps no empty decimal, flag or lookup.
  const columns = new Map<string, unknown>();
  for (const l of written) for (const [k, v] of Object.entries(l)) if (v != null && !columns.has(k)) columns.set(k, v);
  data[`${c.entity}CollectionBy${c.parentField.slice(0, -2)}`] = written.map((l) => ({
    ...Object.fromEntries([...columns].filter(([k]) => !(k in l)).map(([k, v]) => [k, emptyAs(v)])),
    ...l,
  }));
  return { ...record, data };
}

/** Creatio's value of an empty column like this one: 0 for a number, false for a flag, the empty Guid for a lookup. */
const emptyAs = (v: unknown) =>
  typeof v === 'number' ? 0 : typeof v === 'boolean' ? false : typeof v === 'string' && GUID.test(v) ? ZERO_GUID : null;

export const creatioDetailSink = defineNode<typeof config, CreatioClient>({
  type: 'creatio.detail-sink',
  version: 1,
  title: 'Write lines to Creatio',
  category: 'sink',
  description:
    'Writes the lines of each record written to Creatio (a deposit, a journal entry) into a detail object ' +
    'that points to it: lines are updated by their key, new ones created, lines gone from the source deleted.',
  inputs: [{ name: 'in', label: 'Written records' }],
  outputs: [],
  config,
  // Its input is the master record; what it writes is the detail object.
  writesFor: (c) => [`creatio.${c.entity}`],
  defaults: {
    connection: '',
    entity: 'UsrQBDepositLine',
    lists: 'Lines',
    parentField: 'UsrDepositId',
    keyField: 'UsrQBLineId',
  },
  ui: {
    icon: 'C',
    color: '#0d6efd',
    fields: {
      connection: { label: 'Creatio connection', widget: 'connection', connectionKind: 'creatio' },
      entity: {
        label: 'Detail object',
        widget: 'text',
        placeholder: 'UsrQBDepositLine',
        help: 'The Creatio object the lines are written to.',
      },
      lists: {
        label: 'Line lists from the mapping',
        widget: 'text',
        help: 'The lists the Mapping built (e.g. Lines), their fields named as the detail object names them.',
      },
      parentField: {
        label: 'Column pointing to the record',
        widget: 'text',
        placeholder: 'UsrDepositId',
        help: "The detail object's lookup column that points to the record written before this node.",
      },
      keyField: {
        label: 'Line key',
        widget: 'text',
        placeholder: 'UsrQBLineId',
        help: 'The field that tells the lines of one record apart (e.g. the QuickBooks line id).',
      },
    },
    summary: (c) => `lines (${c.lists}) into ${c.entity}`,
  },
  open: (ctx, c) => creatioClientFor(ctx, c.connection),
  async process(ctx, c, client, input) {
    const results: RecordResult[] = [];
    const ready: { record: FlowRecord; parent: string; lines: Line[] }[] = [];
    for (const record of input) {
      const parent = record.meta.binding?.targetId ?? '';
      const lines = linesOf(c, record);
      const keys = lines.map((l) => asText(l[c.keyField]));
      const missing = keys.findIndex((k) => k.trim() === '');
      const twice = keys.find((k, i) => keys.indexOf(k) !== i);
      const failure: { why: string; field?: string; action: string } | null = !GUID.test(parent)
        ? {
            why: 'the record itself was not written to Creatio before them',
            action:
              'Connect this step to the Written port of the "Write to Creatio" step that writes the record, ' +
              'then reprocess.',
          }
        : missing >= 0 || twice !== undefined
          ? {
              why:
                missing >= 0
                  ? `its line ${missing + 1} has no ${c.keyField}`
                  : `two of its lines have ${c.keyField} "${twice}"`,
              field: c.keyField,
              action: `In the Mapping, fill ${c.keyField} of each line with a value unique within the record, then reprocess.`,
            }
          : null;
      if (failure)
        results.push({
          record,
          outcome: 'failed',
          failure: {
            code: 'weft.detail.lines',
            ...(failure.field ? { field: failure.field } : {}),
            message: `The lines of ${label(record)} were not written to ${c.entity}: ${failure.why}.`,
            action: failure.action,
          },
        });
      else ready.push({ record, parent: parent.toLowerCase(), lines });
    }
    const rows = ready.length
      ? await existingRows(
          client,
          c,
          ready.map((r) => r.parent),
        )
      : new Map<string, Row[]>();
    const requests: { owner: number; line: string; rq: BatchRequest }[] = [];
    for (const [owner, r] of ready.entries()) {
      const old = rows.get(r.parent) ?? [];
      const key = ctx.effectKey(r.record);
      for (const line of r.lines) {
        const k = asText(line[c.keyField]);
        const body = { ...writableFields(line), [c.parentField]: r.parent };
        const row = old.find((x) => asText(x[c.keyField]) === k);
        const rq: BatchRequest = row
          ? { method: 'PATCH', url: `${c.entity}(${String(row.Id)})`, body: { ...emptied(c, row, line), ...body } }
          : { method: 'POST', url: c.entity, body: { ...body, Id: await idFromKey(`${key}|${c.entity}|${k}`) } };
        requests.push({ owner, line: k, rq });
      }
      const kept = new Set(r.lines.map((l) => asText(l[c.keyField])));
      for (const x of old.filter((o) => !kept.has(asText(o[c.keyField]))))
        requests.push({
          owner,
          line: asText(x[c.keyField]),
          rq: { method: 'DELETE', url: `${c.entity}(${String(x.Id)})` },
        });
    }
    const errors = new Map<number, string>();
    // Issue 14: a dry run reads the existing lines (above) and sends nothing.
    for (let i = 0; !ctx.dryRun && i < requests.length; i += 100) {
      const chunk = requests.slice(i, i + 100);
      const answers = await client.batch(
        chunk.map((x, n) => ({ ...x.rq, id: String(n) })),
        { continueOnError: true },
      );
      chunk.forEach((x, n) => {
        const a = answers.find((y) => y.id === String(n));
        const again = x.rq.method === 'POST' && a?.error && /PRIMARY KEY/.test(a.error.detail);
        if (errors.has(x.owner) || (a && (!a.error || again))) return;
        errors.set(x.owner, `line ${x.line}: ${a?.error?.message ?? 'Creatio gave no answer'}`);
      });
    }
    for (const [owner, r] of ready.entries()) {
      const error = errors.get(owner);
      if (error)
        results.push({
          record: r.record,
          outcome: 'failed',
          failure: {
            code: 'weft.detail.write',
            message: `Some lines of ${label(r.record)} were not written to ${c.entity}: ${error}`,
            action: 'Correct the value or the mapping of the line, then reprocess the record.',
          },
        });
      else results.push({ record: asRead(c, r.record, r.lines), outcome: rows.has(r.parent) ? 'updated' : 'created' });
    }
    return results;
  },
});
