// Reads records of one Creatio object, page by page. Incremental by default: it
// continues after the last `<ModifiedOn>|<Id>` it reached, so each run only sees what
// changed (keyset paging; see keyset.ts for why not $skip).
import { z } from 'zod';
import {
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
  markCreationWaits,
} from '../core/creation-triggers';
import { defineNode, type FlowRecord, type NodeContext } from '../define-node';
import { CreatioClient, type Row } from './creatio-client';
import { creatioClientFor } from './creatio-connection';

const config = z.object({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  entity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/, 'Use the object name as Creatio spells it, e.g. Account')
    .default('Account'),
  select: z.array(z.string().regex(/^[A-Za-z_]\w*$/)).optional(),
  expand: z.string().optional(),
  filter: z.string().optional(),
  incremental: z
    .string()
    .regex(/^([A-Za-z_]\w*)?$/)
    .default('ModifiedOn'),
  pageSize: z.number().int().min(1).max(1000).default(200),
  ...CREATION_TRIGGER_FIELDS,
});

type Config = z.infer<typeof config>;

export const creatioSource = defineNode<typeof config, CreatioClient>({
  type: 'creatio.source',
  version: 1,
  title: 'Read from Creatio',
  category: 'source',
  description:
    'Reads records of one Creatio object (e.g. Accounts). On later runs it reads only the records changed since the last run.',
  inputs: [],
  outputs: [{ name: 'out', label: 'Records', recordType: (c: Config) => `creatio.${c.entity}` }],
  config,
  defaults: {
    connection: '',
    entity: 'Account',
    incremental: 'ModifiedOn',
    pageSize: 200,
    ...CREATION_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: 'C',
    color: '#0d6efd',
    fields: {
      connection: {
        label: 'Creatio connection',
        widget: 'connection',
        connectionKind: 'creatio',
        help: 'Which Creatio site to read from.',
      },
      entity: {
        label: 'Object',
        widget: 'text',
        placeholder: 'Account',
        help: 'The Creatio object to read, as Creatio names it: Account, Contact, Opportunity, Product…',
      },
      select: {
        label: 'Fields',
        help: 'Only read these fields (leave empty for all). Lookups are read as their id field, e.g. CityId.',
      },
      expand: {
        label: 'Also read from lookups',
        widget: 'text',
        placeholder: 'UsrActive($select=Name)',
        help: 'Bring in fields of linked records, e.g. UsrActive($select=Name) adds the Active value as text.',
      },
      filter: {
        label: 'Only records where',
        widget: 'code',
        placeholder: "UsrActive/Name eq 'Yes'",
        help:
          'A Creatio filter. Text goes in single quotes; dates and ids without quotes. Filter a ' +
          'lookup by its path, e.g. Account/Id eq <id> (not AccountId).',
      },
      incremental: {
        label: 'Changed-since field',
        widget: 'text',
        help:
          'The date field that tells what changed since the last run (usually ModifiedOn). Records ' +
          'with this field empty are never read. Leave empty to read everything on every run.',
      },
      pageSize: {
        label: 'Records per page',
        widget: 'number',
        help: 'How many records to ask Creatio for at once (1–1000).',
      },
      ...CREATION_TRIGGER_UI,
    },
    summary: (c) =>
      `${c.entity}${c.filter ? ' (filtered)' : ''}${c.incremental ? `, changes by ${c.incremental}` : ', all records'}`,
  },
  open: (ctx, c) => creatioClientFor(ctx, c.connection),
  async *read(ctx, c, client, watermark) {
    // A record that does not meet the creation trigger is marked: the node that would create it skips it.
    const toRecords = (rows: Row[]) =>
      markCreationWaits(
        c,
        rows.map((row) => toRecord(ctx, c, row)),
      );
    if (!c.incremental) {
      for await (const rows of client.pages(c.entity, {
        select: c.select,
        expand: c.expand,
        filter: c.filter,
        pageSize: c.pageSize,
      })) {
        ctx.setStatus(null); // clear a "waiting…" shown during retries
        yield { records: toRecords(rows), watermark: null };
      }
      return;
    }
    const pages = client.keysetPages(c.entity, {
      field: c.incremental,
      after: watermark,
      select: c.select,
      expand: c.expand,
      filter: c.filter,
      pageSize: c.pageSize,
    });
    for await (const page of pages) {
      ctx.setStatus(null);
      yield { records: toRecords(page.rows), watermark: page.watermark };
    }
  },
});

function toRecord(ctx: NodeContext, c: Config, row: Row): FlowRecord {
  const modifiedOn = typeof row.ModifiedOn === 'string' ? row.ModifiedOn : undefined;
  return {
    key: String(row.Id),
    data: row,
    meta: { source: { node: ctx.nodeId, system: 'creatio', entity: c.entity, modifiedOn, connection: c.connection } },
  };
}
