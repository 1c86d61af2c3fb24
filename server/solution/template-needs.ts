// What a template needs before its flow can run, derived from the template itself
// (issue 15, the gallery cards' preflight): the connections its nodes' slots ask for,
// the Creatio fields it reads and writes (nodes/creatio/creatio-preflight.ts, seed §3.1),
// the QuickBooks custom fields its mappings write (seed §3.2: AccountID, ItemCode…) and
// the flows to run first — then each checked against the workspace's systems.
import { openSlots } from '../../flow/connection-slots';
import type { FlowDocument } from '../../flow/flow-document';
import type { NodeTypes } from '../../flow/node-types';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';
import { checkRequirements, creatioObjects, creatioRequirements } from '../../nodes/creatio/creatio-preflight';
import { describeKind } from '../../nodes/creatio/creatio-requirements';
import { KIND_SYSTEM, requiredPairs, templatesFor, pairOf, type TemplateFacts } from './object-pairs';

export interface Need {
  kind: 'connection' | 'creatio-field' | 'quickbooks-field' | 'flow-first';
  /** What is needed, e.g. "Account.UsrQBFullName (Text(210))". */
  what: string;
  /** true: there; false: missing; null: cannot be checked yet (say why in `message`). */
  ok: boolean | null;
  message: string;
  /** The next step, when something is to do. */
  action?: string;
}

export interface TemplatePreflight {
  templateId: string;
  ok: boolean;
  needs: Need[];
}

const SYSTEM_LABEL: Record<string, string> = { creatio: 'Creatio', ...KIND_SYSTEM };
const label = (kind: string) => SYSTEM_LABEL[kind] ?? kind;

export interface CheckContext {
  connections: { id: string; kind: string; name: string }[];
  /** The template ids the workspace's flows were made from. */
  flowTemplates: Set<string>;
  templates: TemplateFacts[];
  registry: NodeTypes;
  /** A Creatio connection's fields; throws with a plain reason when they cannot be read. */
  creatioMetadata(connectionId: string): Promise<CreatioEntity[]>;
}

function connectionNeeds(doc: FlowDocument, ctx: CheckContext): Need[] {
  const kinds = [...new Set(openSlots(doc, ctx.registry).map((s) => s.kind))];
  return kinds.map((kind) => {
    const c = ctx.connections.find((x) => x.kind === kind);
    return c
      ? { kind: 'connection', what: `${label(kind)} connection`, ok: true, message: `Uses "${c.name}".` }
      : {
          kind: 'connection',
          what: `${label(kind)} connection`,
          ok: false,
          message: `Connect ${label(kind)} first.`,
          action: `Add a ${label(kind)} connection under Connections, then check again.`,
        };
  });
}

async function creatioNeeds(doc: FlowDocument, ctx: CheckContext): Promise<Need[]> {
  const reqs = creatioRequirements(doc);
  if (reqs.length === 0) return [];
  const creatio = ctx.connections.find((c) => c.kind === 'creatio');
  const what = (r: (typeof reqs)[number]) => `${r.entity}.${r.field} (${describeKind(r)})`;
  if (!creatio)
    return reqs.map((r) => ({
      kind: 'creatio-field',
      what: what(r),
      ok: null,
      message: `Needed in Creatio: ${what(r)}, "${r.label}". Checked once Creatio is connected.`,
    }));
  let entities: CreatioEntity[];
  try {
    entities = await ctx.creatioMetadata(creatio.id);
  } catch (e) {
    return [
      {
        kind: 'creatio-field',
        what: `Fields of ${[...new Set(reqs.map((r) => r.entity))].join(', ')}`,
        ok: null,
        message: (e as Error).message,
        action: `Test the connection "${creatio.name}" under Connections, then check again.`,
      },
    ];
  }
  // The template's "@creatio" slot is the connection checked here.
  const onSite = <T extends { connection: string }>(x: T): T => ({ ...x, connection: creatio.id });
  const report = checkRequirements(
    reqs.map(onSite),
    new Map([[creatio.id, entities]]),
    creatioObjects(doc).map(onSite),
  );
  const needs: Need[] = report.problems
    .filter((p) => p.kind === 'missing-object')
    .map((p) => ({
      kind: 'creatio-field',
      what: `Object ${p.entity}`,
      ok: false,
      message: p.message,
      action: p.action,
    }));
  for (const r of reqs) {
    const p = report.problems.find((x) => x.entity === r.entity && x.field === r.field);
    const noObject = needs.some((n) => n.what === `Object ${r.entity}`);
    if (noObject) continue;
    needs.push(
      p
        ? {
            kind: 'creatio-field',
            what: what(r),
            ok: false,
            message: p.kind === 'missing-field' ? `Missing in Creatio: ${what(r)}, "${r.label}".` : p.message,
            action: p.kind === 'missing-field' ? createIt(r) : p.action,
          }
        : { kind: 'creatio-field', what: what(r), ok: true, message: `Creatio has ${what(r)}.` },
    );
  }
  return needs;
}

/** The next step for a field the site lacks, on a card (its "Check needs again" button checks anew). */
function createIt(r: ReturnType<typeof creatioRequirements>[number]): string {
  if (r.kind === 'Any')
    return `Create it in Creatio's object designer (or correct its name in the template), then check again.`;
  const column = r.kind === 'Lookup' ? `${r.field}Id` : r.field;
  return (
    `Create it in Creatio's object designer: a ${describeKind(r)} field titled "${r.label}" with the code ` +
    `${column} on ${r.entity}, published; then check again.`
  );
}

/**
 * QuickBooks custom fields a mapping writes: Desktop data extensions (`DataExt.AccountID`), which the
 * Desktop sink defines in the company file itself (DataExtDefAdd, nodes/quickbooks/desktop/qbd-data-ext.ts),
 * and Online sales-form custom fields (`CustomField.<name>`), which a person turns on in QuickBooks.
 */
function quickbooksNeeds(doc: FlowDocument): Need[] {
  const out = new Map<string, Need>();
  for (const n of doc.nodes) {
    const type = typeof n.config.targetType === 'string' ? n.config.targetType : '';
    const [system, entity = 'record'] = type.split('.');
    for (const m of JSON.stringify(n.config).matchAll(/"(DataExt|CustomField)\.([^".]{1,60})"/g)) {
      const what = `${entity}.${m[2]} (custom field)`;
      if (out.has(what)) continue;
      out.set(
        what,
        m[1] === 'DataExt' || system === 'quickbooks-desktop'
          ? {
              kind: 'quickbooks-field',
              what,
              ok: true,
              message:
                `QuickBooks Desktop custom field ${m[2]} on ${entity}: ` +
                'Weft defines it in the company file on the first run.',
            }
          : {
              kind: 'quickbooks-field',
              what,
              ok: null,
              message: `QuickBooks Online custom field "${m[2]}" on ${entity} forms must be turned on.`,
              action:
                'In QuickBooks Online: Settings → Account and settings → Sales → Custom fields, ' +
                `turn on "${m[2]}".`,
            },
      );
    }
  }
  return [...out.values()];
}

/**
 * Seed §3.2 asks for an AccountID custom field on QuickBooks customers and vendors. QuickBooks Online's
 * API offers no custom fields on them (only on sales forms), and Weft keeps the link itself (its
 * cross-reference): say so, for the customer who reads the seed's list.
 */
function accountIdNote(t: TemplateFacts): Need[] {
  const mine = pairOf(t);
  if (mine?.system !== 'QuickBooks Online' || !['accounts-customers', 'accounts-vendors'].includes(mine.pair.id))
    return [];
  const entity = mine.pair.id === 'accounts-vendors' ? 'Vendor' : 'Customer';
  return [
    {
      kind: 'quickbooks-field',
      what: `${entity}.AccountID (custom field)`,
      ok: true,
      message:
        `No AccountID custom field is needed on QuickBooks Online ${entity.toLowerCase()}s: ` +
        'Weft keeps the link to each Creatio account itself.',
    },
  ];
}

function flowsFirst(t: TemplateFacts, ctx: CheckContext): Need[] {
  const mine = pairOf(t);
  if (!mine) return [];
  return requiredPairs(t).map((pair) => {
    const serving = [
      ...templatesFor(pair, ctx.templates, mine.system, 'c2q'),
      ...templatesFor(pair, ctx.templates, mine.system, 'q2c'),
    ];
    const have = serving.some((s) => ctx.flowTemplates.has(s.id));
    const example = serving[0] ? `, e.g. "${serving[0].title ?? serving[0].name}"` : '';
    const what = `${pair.label} flow on ${mine.system}`;
    return have
      ? { kind: 'flow-first', what, ok: true, message: `Run first: a ${what}; you have one.` }
      : {
          kind: 'flow-first',
          what,
          ok: false,
          message: `Run first: a ${what}${example}, so its records are bound.`,
          action: 'Create and run it before this one (or use Configure solution).',
        };
  });
}

/** Every need of one template, checked. */
export async function preflightTemplate(
  t: TemplateFacts,
  doc: FlowDocument,
  ctx: CheckContext,
): Promise<TemplatePreflight> {
  const needs = [
    ...connectionNeeds(doc, ctx),
    ...(await creatioNeeds(doc, ctx)),
    ...quickbooksNeeds(doc),
    ...accountIdNote(t),
    ...flowsFirst(t, ctx),
  ];
  return { templateId: t.id, ok: needs.every((n) => n.ok !== false), needs };
}
