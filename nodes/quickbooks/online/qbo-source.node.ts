// Reads QuickBooks Online records of one entity, page by page, incrementally by
// MetaData.LastUpdatedTime (reference B5: `where MetaData.LastUpdatedTime > '…'
// orderby MetaData.LastUpdatedTime`). QuickBooks times have whole seconds, so many
// rows can share one: the watermark is `<time>|<ids already read at that time>`
// and each page asks `>= time`, dropping those ids. A row changed while we page
// moves to the end of the order instead of shifting a STARTPOSITION window and
// making us skip a neighbour. With `changes: 'cdc'` later runs read by Change Data
// Capture instead (qbo-cdc-read.ts), writing the same watermark.
import { z } from 'zod';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
  markCreationWaits,
} from '../../core/creation-triggers';
import { defineNode, type FlowRecord, type NodeContext } from '../../define-node';
import type { QboClient, QboObject } from './qbo-client';
import { cdcChangedPages, isDeletedRow } from './qbo-cdc-read';
import { openQboClient } from './qbo-connection';
import { QBO_ENTITIES, isNameList } from './qbo-entities';
import { qboLiteral } from './qbo-query';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the QuickBooks Online company (add one under Connections).'),
  entity: z.enum(QBO_ENTITIES).default('Customer'),
  /** Extra conditions in QuickBooks query syntax, joined with AND (the language has no OR). */
  where: z
    .string()
    .max(1000)
    .refine(
      (w) => !/\bor\b/i.test(w.replace(/'(?:[^'\\]|\\.)*'/g, "''")),
      'QuickBooks queries have no OR; use IN (…) or two flows',
    )
    .default(''),
  /** Name lists hide inactive rows unless asked (reference B4). */
  includeInactive: z.boolean().default(false),
  /** Read only what changed since the last run (by MetaData.LastUpdatedTime); off = everything every run. */
  incremental: z.boolean().default(true),
  pageSize: z.number().int().min(1).max(1000).default(500),
  /**
   * How later runs find changes: 'query' (by MetaData.LastUpdatedTime, any age) or
   * 'cdc' (Change Data Capture, which also reports deletions; back to the query
   * when the last run is over ~30 days ago — qbo-cdc-read.ts). A choice, not a rule:
   * without deletions wanted, both read the same rows, and 'query' keeps one path.
   */
  changes: z.enum(['query', 'cdc']).default('query'),
  /** With 'cdc': pass deleted rows on as records with `meta.deleted` and data `{ Id }`. */
  includeDeleted: z.boolean().default(false),
  ...CREATION_TRIGGER_FIELDS,
});
type Config = z.infer<typeof config>;

interface Mark {
  time: string;
  ids: string[];
}

export function parseQboWatermark(text: string | null): Mark | null {
  if (!text) return null;
  const [time, ids = ''] = text.split('|');
  if (Number.isNaN(Date.parse(time)))
    throw new Error(
      `The saved position "${text}" does not start with a QuickBooks time such as 2026-01-05T01:00:00-08:00.`,
    );
  return { time, ids: ids ? ids.split(',') : [] };
}

const seenKey = (r: QboObject) => `${String(r.Id)}.${String(r.SyncToken ?? '')}`;
const updated = (r: QboObject) =>
  String((r.MetaData as { LastUpdatedTime?: string } | undefined)?.LastUpdatedTime ?? '');
const sameTime = (a: string, b: string) => Date.parse(a) === Date.parse(b);

function conditions(c: Config, extra?: string): string {
  const parts = [c.where.trim(), extra].filter((p): p is string => !!p);
  if (c.includeInactive && isNameList(c.entity) && !/\bActive\b/.test(c.where)) parts.push('Active IN (true, false)');
  return parts.length ? ` where ${parts.join(' AND ')}` : '';
}

/** Every row, in LastUpdatedTime order, after the mark; yields each page with the mark after it. */
export async function* changedPages(
  client: QboClient,
  c: Config,
  start: Mark | null,
): AsyncGenerator<{ rows: QboObject[]; mark: Mark }> {
  let mark = start;
  for (;;) {
    const seen = new Set(mark?.ids ?? []);
    const max = Math.min(1000, c.pageSize + seen.size);
    const since = mark ? `MetaData.LastUpdatedTime >= ${qboLiteral(mark.time)}` : undefined;
    const { rows } = await client.query(
      `select * from ${c.entity}${conditions(c, since)} orderby MetaData.LastUpdatedTime startposition 1 maxresults ${max}`,
    );
    const fresh = rows.filter((r) => !(mark && sameTime(updated(r), mark.time) && seen.has(seenKey(r))));
    if (!fresh.length) {
      if (rows.length < max) return;
      // Over 1000 rows changed in the same second and we have read them all: go on after that second.
      mark = { time: new Date(Date.parse(mark!.time) + 1000).toISOString(), ids: [] };
      continue;
    }
    const last = updated(fresh[fresh.length - 1]);
    const atLast = fresh.filter((r) => sameTime(updated(r), last)).map(seenKey);
    mark = { time: last, ids: mark && sameTime(mark.time, last) ? [...seen, ...atLast] : atLast };
    yield { rows: fresh, mark };
    if (rows.length < max) return;
  }
}

function toRecord(ctx: NodeContext, c: Config, row: QboObject): FlowRecord {
  const source = {
    node: ctx.nodeId,
    system: 'quickbooks-online',
    entity: c.entity,
    modifiedOn: updated(row) || undefined,
    connection: c.connection,
  };
  if (isDeletedRow(row)) return { key: String(row.Id), data: { Id: String(row.Id) }, meta: { source, deleted: true } };
  return { key: String(row.Id), data: row, meta: { source } };
}

function pagesFor(
  ctx: NodeContext,
  c: Config,
  client: QboClient,
  start: Mark | null,
  say: (text: string | null) => void,
) {
  if (c.changes !== 'cdc') return changedPages(client, c, start);
  return cdcChangedPages(
    client,
    { ...c, queryPages: (from) => changedPages(client, c, from), now: ctx.now(), say },
    start,
  );
}

export const qboSourceNode = defineNode<typeof config, QboClient>({
  type: 'quickbooks-online.source',
  version: 1,
  title: 'Read from QuickBooks Online',
  category: 'source',
  description:
    'Reads QuickBooks Online records of one kind (e.g. Customers). On later runs it reads only the records changed since the last run.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records', recordType: (c: Config) => `quickbooks-online.${c.entity}` }],
  config,
  defaults: {
    connection: '',
    entity: 'Customer',
    where: '',
    includeInactive: false,
    incremental: true,
    pageSize: 500,
    changes: 'query',
    includeDeleted: false,
    ...CREATION_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: 'qb',
    color: '#2ca01c',
    fields: {
      connection: { label: 'QuickBooks company', widget: 'connection', connectionKind: 'quickbooks-online' },
      entity: { label: 'QuickBooks object', widget: 'select' },
      where: {
        label: 'Only records where',
        widget: 'code',
        placeholder: "Balance > '0'",
        help: 'QuickBooks query conditions joined with AND, e.g. Job = false. Text and numbers go in single quotes. There is no OR.',
      },
      includeInactive: {
        label: 'Include inactive records',
        widget: 'checkbox',
        help: 'QuickBooks leaves inactive customers, vendors and items out unless asked.',
      },
      incremental: {
        label: 'Only changes since the last run',
        widget: 'checkbox',
        help: 'Uses the time QuickBooks last updated each record.',
      },
      pageSize: { label: 'Records per page', widget: 'number', help: 'How many records to ask for at once (1–1000).' },
      changes: {
        label: 'Find changes by',
        widget: 'select',
        options: [
          { value: 'query', label: 'Last update time (query)' },
          { value: 'cdc', label: 'Change data capture (also deletions, last 30 days)' },
        ],
        help: 'Change data capture also reports deleted records; when the last run is more than 30 days ago it falls back to the query and says so.',
      },
      includeDeleted: {
        label: 'Pass on deleted records',
        widget: 'checkbox',
        help: 'With change data capture: a record deleted in QuickBooks flows on marked as deleted, with only its Id.',
      },
      ...CREATION_TRIGGER_UI,
    },
    summary: (c) => {
      const cdc = `, changes by change data capture${c.includeDeleted ? ' incl. deletions' : ''}`;
      const reads = c.incremental ? (c.changes === 'cdc' ? cdc : ', changes by last update') : ', all records';
      return `${c.entity}${c.where ? ' (filtered)' : ''}${reads}`;
    },
  },
  open: async (ctx, c) => (await openQboClient(ctx, c.connection)).client,
  async *read(ctx, c, client, watermark) {
    const start = c.incremental ? parseQboWatermark(watermark) : null;
    let note: string | null = null; // why CDC was not used, kept on the node for the run
    const say = (text: string | null) => {
      note = text;
      ctx.setStatus(text);
    };
    for await (const page of c.incremental ? pagesFor(ctx, c, client, start, say) : changedPages(client, c, null)) {
      ctx.setStatus(note); // also clears a "waiting…" shown during retries
      yield {
        // A record that does not meet the creation trigger is marked: the node that would create it skips it.
        records: markCreationWaits(
          c,
          page.rows.map((r) => toRecord(ctx, c, r)),
        ),
        watermark: c.incremental ? `${page.mark.time}|${page.mark.ids.join(',')}` : null,
      };
    }
  },
});
