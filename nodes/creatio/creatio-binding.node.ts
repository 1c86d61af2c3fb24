// Binding into Creatio: finds the Creatio record each incoming record belongs to —
// first through the cross-reference kept by earlier runs, then by match rules tried
// in order (seed §5.2: bind by the "QB Full Name" custom field, or by name) — and
// applies the permitted operations (None / Create and Update / Create Only / Update
// Only) before `creatio.sink` creates or updates it.
import { z } from 'zod';
import { asText, fieldPath, readPath } from '../core/field-path';
import { defineNode, type FlowRecord, type RecordResult, type XrefTarget } from '../define-node';
import {
  applyPermittedOperations,
  PERMITTED_OPERATIONS_FIELD,
  PermittedOperations,
} from '../core/permitted-operations';
import type { CreatioClient, Row } from './creatio-client';
import { creatioClientFor } from './creatio-connection';
import { CreatioError } from './creatio-error';
import { odataString } from './odata-literal';
import { addTo } from '../core/add-to';
import { BINDING_RULE_DEFAULTS, BINDING_RULE_FIELDS, BINDING_RULE_UI, RULE_LABEL } from '../core/binding-rules';
import {
  applyCreationTrigger,
  CREATION_TRIGGER_DEFAULTS,
  CREATION_TRIGGER_FIELDS,
  CREATION_TRIGGER_UI,
} from '../core/creation-triggers';
import { bindByNameRule } from './creatio-candidates';
import { applySuppression, SUPPRESS_DEFAULTS, SUPPRESS_FIELDS, SUPPRESS_UI } from '../core/suppress-field';
import {
  applyUpdateTrigger,
  UPDATE_TRIGGER_DEFAULTS,
  UPDATE_TRIGGER_FIELDS,
  UPDATE_TRIGGER_UI,
} from '../core/update-trigger';

const Rule = z.strictObject({
  /** A Creatio text field, e.g. UsrQBFullName or Name. */
  creatioField: z.string().regex(/^[A-Za-z_]\w*$/, 'a Creatio field name, e.g. Name'),
  /** The incoming record's field path, e.g. FullyQualifiedName. */
  sourceField: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path, e.g. DisplayName')),
});

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  entity: z
    .string()
    .regex(/^[A-Za-z_]\w*$/, 'Use the object name as Creatio spells it, e.g. Account')
    .default('Account'),
  match: z
    .array(Rule)
    .max(5)
    .default([{ creatioField: 'Name', sourceField: 'DisplayName' }]),
  operations: PermittedOperations,
  ...BINDING_RULE_FIELDS,
  /** The incoming record's name, for the name rules (e.g. DisplayName of a QuickBooks customer). */
  nameField: fieldPath(z.string().regex(/^[A-Za-z_][\w.]*$/, 'a field path, e.g. DisplayName')).default('DisplayName'),
  ...CREATION_TRIGGER_FIELDS,
  ...SUPPRESS_FIELDS,
  ...UPDATE_TRIGGER_FIELDS,
});
type Config = z.infer<typeof config>;

const xrefOf = (c: Config, r: FlowRecord): XrefTarget => ({
  connection: c.connection,
  entity: c.entity,
  sourceConnection: r.meta.source.connection ?? r.meta.source.system,
  sourceEntity: r.meta.source.entity,
});
const norm = (v: string) => v.trim().toLowerCase();

/** Creatio rows whose `field` equals one of the values (case-insensitive, as Creatio compares text). */
async function findRows(
  client: CreatioClient,
  c: Config,
  field: string,
  values: string[],
): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (let i = 0; i < values.length; i += 20) {
    const filter = values
      .slice(i, i + 20)
      .map((v) => `${field} eq ${odataString(v)}`)
      .join(' or ');
    for await (const rows of client.pages(c.entity, { select: ['Id', field], filter, pageSize: 500 })) {
      for (const row of rows) addTo(out, norm(asText(row[field])), row);
    }
  }
  return out;
}

function decide(c: Config, r: FlowRecord): RecordResult {
  const where = { system: 'Creatio', entity: c.entity };
  return (
    applySuppression(c, r, where) ??
    applyCreationTrigger(c, r, where) ??
    applyUpdateTrigger(c, r, where) ??
    applyPermittedOperations(c.operations, r, where)
  );
}

export const creatioBinding = defineNode<typeof config, CreatioClient>({
  type: 'creatio.binding',
  version: 1,
  title: 'Creatio binding',
  category: 'binding',
  description:
    'Finds the Creatio record each incoming record belongs to (links made earlier, then match rules in order) and applies the permitted operations.',
  inputs: [{ name: 'in', label: 'Records' }],
  outputs: [{ name: 'out', label: 'Bound', recordType: { sameAs: 'in' } }],
  config,
  defaults: {
    connection: '',
    entity: 'Account',
    match: [{ creatioField: 'Name', sourceField: 'DisplayName' }],
    operations: 'create-and-update',
    ...BINDING_RULE_DEFAULTS,
    nameField: 'DisplayName',
    ...CREATION_TRIGGER_DEFAULTS,
    ...SUPPRESS_DEFAULTS,
    ...UPDATE_TRIGGER_DEFAULTS,
  },
  ui: {
    icon: '⇄',
    color: '#0d6efd',
    fields: {
      connection: { label: 'Creatio connection', widget: 'connection', connectionKind: 'creatio' },
      entity: { label: 'Creatio object', placeholder: 'Account' },
      match: {
        label: 'Match rules, in order',
        widget: 'rules',
        help:
          'A Creatio field equal to a field of the incoming record, e.g. UsrQBFullName = ' +
          'FullyQualifiedName, then Name = DisplayName. Compared without regard to case.',
      },
      operations: PERMITTED_OPERATIONS_FIELD,
      ...BINDING_RULE_UI,
      idField: {
        label: 'Creatio Id kept in source field',
        help:
          'Not used here: to bind by the QuickBooks ListID or Full Name kept in a Creatio field, add a match ' +
          'rule above, e.g. UsrQBFullName = FullyQualifiedName.',
      },
      nameField: { label: 'Name is in source field', help: 'For the name rules, e.g. DisplayName.' },
      ...CREATION_TRIGGER_UI,
      ...SUPPRESS_UI,
      ...UPDATE_TRIGGER_UI,
    },
    summary: (c) =>
      `${c.entity}: ${[
        ...c.match.map((m) => `${m.creatioField} = ${m.sourceField}`),
        ...(c.matchRule === 'field' ? [] : [RULE_LABEL[c.matchRule]]),
      ].join(', then ')}`,
  },
  open: (ctx, c) => creatioClientFor(ctx, c.connection),
  async process(ctx, c, client, batch) {
    const failed = new Map<FlowRecord, RecordResult>();
    // 1. Links made by earlier runs.
    const groups = new Map<string, FlowRecord[]>();
    for (const r of batch) addTo(groups, JSON.stringify(xrefOf(c, r)), r);
    let open: FlowRecord[] = [];
    for (const [g, rs] of groups) {
      const hits = await ctx.xref.lookup(
        JSON.parse(g) as XrefTarget,
        rs.map((r) => r.key),
      );
      const decided = ctx.xref.decisions
        ? await ctx.xref.decisions(
            JSON.parse(g) as XrefTarget,
            rs.filter((r) => !hits.has(r.key)).map((r) => r.key),
          )
        : new Map();
      for (const r of rs) {
        const hit = hits.get(r.key);
        const decision = hit ? undefined : decided.get(r.key);
        if (decision === 'skip')
          failed.set(r, {
            record: r,
            outcome: 'skipped',
            failure: {
              code: 'weft.binding.review-skip',
              message: `Skipped: support chose not to sync this record to Creatio ${c.entity} in the review queue.`,
              action: 'Nothing to do; to sync it after all, bind it by hand.',
            },
          });
        else if (decision === 'create-new')
          r.meta.binding = {
            system: 'creatio',
            entity: c.entity,
            connection: c.connection,
            targetId: null,
            matchedBy: 'review',
          };
        else if (hit)
          r.meta.binding = {
            system: 'creatio',
            entity: c.entity,
            connection: c.connection,
            targetId: hit.targetId,
            matchedBy: 'cross-reference',
          };
        else open.push(r);
      }
    }
    // 2. Match rules, in order; a rule only sees records the earlier ones did not bind.
    for (const rule of c.match) {
      const values = [...new Set(open.map((r) => asText(readPath(r.data, rule.sourceField)).trim()).filter(Boolean))];
      if (!values.length) continue;
      let rows: Map<string, Row[]>;
      try {
        rows = await findRows(client, c, rule.creatioField, values);
      } catch (e) {
        if (!(e instanceof CreatioError) || e.kind !== 'bad-request') throw e; // connection trouble: the engine fails the batch
        for (const r of open)
          failed.set(r, {
            record: r,
            outcome: 'failed',
            failure: {
              code: 'weft.binding.bad-rule',
              field: rule.creatioField,
              message: `Creatio refused the match rule ${rule.creatioField} = ${rule.sourceField}: ${e.message}`,
              action: `Check that ${c.entity} has a text field ${rule.creatioField} (see the flow's preflight), then reprocess.`,
            },
          });
        open = [];
        break;
      }
      open = open.filter((r) => {
        const found = rows.get(norm(asText(readPath(r.data, rule.sourceField)))) ?? [];
        if (found.length > 1) {
          failed.set(r, {
            record: r,
            outcome: 'failed',
            failure: {
              code: 'weft.binding.duplicate-target',
              field: rule.creatioField,
              message:
                `${found.length} Creatio ${c.entity} records have ${rule.creatioField} "${asText(readPath(r.data, rule.sourceField))}" ` +
                `(Ids ${found.map((x) => x.Id).join(', ')}); Weft cannot tell which one is meant.`,
              action: 'Merge the duplicates in Creatio, or bind the record by hand, then reprocess.',
            },
          });
          return false;
        }
        if (found.length === 1)
          r.meta.binding = {
            system: 'creatio',
            entity: c.entity,
            connection: c.connection,
            targetId: String(found[0].Id),
            matchedBy: 'match-rule',
          };
        return found.length === 0;
      });
    }
    // 3. The name rule (issue 14) for the rest: look-alikes are parked for review.
    if (c.matchRule !== 'field' && open.length)
      open = await bindByNameRule(client, c, open, failed, (r) => xrefOf(c, r));
    for (const r of open)
      r.meta.binding = {
        system: 'creatio',
        entity: c.entity,
        connection: c.connection,
        targetId: null,
        matchedBy: 'none',
      };
    // 4. One Creatio record, one incoming record.
    const owner = new Map<string, string>();
    return batch.map((r) => {
      if (failed.has(r)) return failed.get(r)!;
      const id = r.meta.binding?.targetId;
      if (id && owner.has(id) && owner.get(id) !== r.key) {
        return {
          record: r,
          outcome: 'failed',
          failure: {
            code: 'weft.binding.target-taken',
            message: `Creatio ${c.entity} ${id} is already bound to incoming record ${owner.get(id)}; two records cannot both update it.`,
            action: 'Unbind one of the two records, or merge them at the source, then reprocess.',
          },
        };
      }
      if (id) owner.set(id, r.key);
      return decide(c, r);
    });
  },
});
