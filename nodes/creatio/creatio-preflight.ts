// Preflight (issue 3): before a flow runs, check that the Creatio site has the
// custom fields and objects the flow needs, from its `$metadata`, and say precisely
// what is missing with the type and length the onboarding guide asks for (seed §3.1)
// — instead of a first run failing record by record on "Could not find a property".
//
// What a flow needs: Table 1's mandatory fields of each object it reads or writes;
// every custom (`Usr…`) name it uses in a Creatio node, a filter on Creatio records
// or a mapping into Creatio; and, on request, the aging fields and custom objects.
import type { CreatioEntity, CreatioField } from './creatio-metadata';
import { CUSTOM_OBJECTS, MANDATORY, OPTIONAL, describeKind, type FieldSpec } from './creatio-requirements';
import { APGL_OBJECTS } from './creatio-requirements-apgl';

/** A custom object the integration defines (Table 2, the accounting objects), by its Creatio name. */
const customObject = (entity: string): { label: string; fields: FieldSpec[] } | undefined =>
  (Object.hasOwn(CUSTOM_OBJECTS, entity) ? CUSTOM_OBJECTS[entity] : undefined) ??
  (Object.hasOwn(APGL_OBJECTS, entity) ? APGL_OBJECTS[entity] : undefined);

/** The parts of a flow document the preflight reads (structural: nodes/ cannot import engine/). */
export interface FlowShape {
  nodes: { id: string; type: string; config: Record<string, unknown> }[];
  edges: { from: string; to: string }[];
}

export interface PreflightOptions {
  /** 30/60/90-day aging fields on Account (Currency(9,2)). */
  aging?: boolean;
  /** Payment QB and Credit Memo custom objects (Table 2). */
  payments?: boolean;
  /** The Transaction object for payment processing. */
  transactions?: boolean;
}

export interface Requirement extends FieldSpec {
  connection: string;
  entity: string;
  /** Node ids that use it (empty for options and Table 1). */
  usedBy: string[];
  /** Part of a custom object the site must have. */
  object?: string;
}

export interface PreflightProblem {
  connection: string;
  entity: string;
  field?: string;
  kind: 'missing-object' | 'missing-field' | 'wrong-type' | 'too-short' | 'too-small';
  /** What the seed asks for, e.g. `Text(210)`. */
  expected: string;
  /** What the site has, when the field exists. */
  found?: string;
  message: string;
  action: string;
}

export interface PreflightReport {
  ok: boolean;
  checked: { connection: string; entity: string; field: string; expected: string; ok: boolean }[];
  problems: PreflightProblem[];
}

const CREATIO_NODES = new Set([
  'creatio.source',
  'creatio.sink',
  'creatio.binding',
  'creatio.lookup-value',
  'creatio.detail-sink',
]);
/** The Creatio object a node reads or writes; a lookup-value node names its lookup (a picklist) `object`. */
const objectOf = (n: FlowShape['nodes'][number]) => String(n.config.entity ?? n.config.object ?? 'Account');
const USR = /\bUsr[A-Za-z0-9_]*/g;
const nodeOf = (ref: string) => ref.slice(0, ref.lastIndexOf(':'));

/** Everything a flow needs from each Creatio connection it uses. */
export function creatioRequirements(flow: FlowShape, options: PreflightOptions = {}): Requirement[] {
  const out = new Map<string, Requirement>();
  const add = (connection: string, entity: string, spec: FieldSpec, usedBy?: string, object?: string) => {
    const k = `${connection}|${entity}|${spec.field}`;
    const r = out.get(k) ?? { ...spec, connection, entity, usedBy: [], ...(object ? { object } : {}) };
    if (usedBy && !r.usedBy.includes(usedBy)) r.usedBy.push(usedBy);
    out.set(k, r);
  };
  // A custom object's fields (Payment QB, Credit Memo, Transaction) are known too: a flow writing one is told
  // the seed's type and length of each field it lacks, and the object it belongs to.
  const known = (entity: string, field: string): FieldSpec =>
    [...(MANDATORY[entity] ?? []), ...(OPTIONAL[entity] ?? []), ...(customObject(entity)?.fields ?? [])].find(
      (s) => s.field === field || `${s.field}Id` === field,
    ) ?? { field, label: field, kind: 'Any', why: 'used by this flow' };
  const useNames = (connection: string, entity: string, nodeId: string, config: unknown) => {
    for (const name of new Set(JSON.stringify(config).match(USR) ?? []))
      // A custom object's own name (a sink's entity, UsrQBDeposit) is not a field of it.
      if (name !== entity && !customObject(name))
        add(connection, entity, known(entity, name), nodeId, customObject(entity)?.label);
  };

  const downstream = (from: string): string[] => {
    const seen = new Set<string>();
    const walk = (id: string) =>
      flow.edges
        .filter((e) => nodeOf(e.from) === id)
        .forEach((e) => {
          const to = nodeOf(e.to);
          if (!seen.has(to)) {
            seen.add(to);
            walk(to);
          }
        });
    walk(from);
    return [...seen];
  };
  let fallback: string | undefined;
  for (const n of flow.nodes) {
    if (!CREATIO_NODES.has(n.type)) continue;
    const connection = String(n.config.connection ?? '');
    const entity = objectOf(n);
    fallback ??= connection;
    for (const spec of MANDATORY[entity] ?? []) add(connection, entity, spec);
    // A custom object the integration defines is needed whole: every field it asks for, by its label.
    const custom = customObject(entity);
    for (const spec of custom?.fields ?? []) add(connection, entity, spec, n.id, custom!.label);
    // A detail collection expanded by a source (`OpportunityProductCollectionByOpportunity($select=…)`) selects
    // fields of the detail object, not of the record: each is required of that object.
    const expand = n.type === 'creatio.source' ? String(n.config.expand ?? '') : '';
    for (const [, detail, select] of expand.matchAll(/(\w+?)CollectionBy\w+\(\$select=([^;)]*)/g))
      useNames(connection, detail, n.id, select.split(','));
    useNames(
      connection,
      entity,
      n.id,
      n.type === 'creatio.binding'
        ? (n.config.match as { creatioField: string }[] | undefined)?.map((m) => m.creatioField)
        : n.type === 'creatio.source'
          ? { ...n.config, expand: expand.replace(/\w+CollectionBy\w+\(\$select=[^;)]*/g, '') }
          : n.config,
    );
    // Filters on the records it reads name Creatio fields too (e.g. UsrActive.Name).
    if (n.type === 'creatio.source') {
      for (const id of downstream(n.id)) {
        const d = flow.nodes.find((x) => x.id === id);
        if (d?.type === 'core.filter') useNames(connection, entity, d.id, d.config);
      }
    }
    // A mapping that builds records for this sink names the fields it writes.
    if (n.type === 'creatio.sink') {
      for (const d of flow.nodes.filter(
        (x) => x.type === 'core.mapping' && x.config.targetType === `creatio.${entity}`,
      )) {
        useNames(
          connection,
          entity,
          d.id,
          (d.config.mappings as { target: string }[] | undefined)?.map((m) => m.target),
        );
      }
    }
  }
  const connection = fallback ?? '';
  if (options.aging)
    for (const s of OPTIONAL.Account.filter((x) => x.kind === 'Currency')) add(connection, 'Account', s);
  for (const [object, def] of Object.entries(CUSTOM_OBJECTS)) {
    if (!options[def.option]) continue;
    for (const s of def.fields) add(connection, object, s, undefined, def.label);
  }
  return [...out.values()];
}

function findField(e: CreatioEntity, r: Requirement): CreatioField | undefined {
  return (
    e.fields.find((f) => f.name === r.field) ??
    e.fields.find((f) => f.name === `${r.field}Id` && (f.lookup || e.navigations.some((n) => n.name === r.field)))
  );
}

/** Why a present field does not fit, or null when it does. */
function misfit(r: Requirement, f: CreatioField): Pick<PreflightProblem, 'kind' | 'found'> | null {
  const found = `${f.type}${f.maxLength !== undefined ? `(${f.maxLength})` : ''}${f.precision !== undefined ? `(${f.precision},${f.scale ?? 0})` : ''}`;
  const want: Record<string, string[]> = {
    Text: ['Edm.String'],
    DateTime: ['Edm.DateTimeOffset', 'Edm.DateTime'],
    Date: ['Edm.Date', 'Edm.DateTimeOffset', 'Edm.DateTime'],
    Lookup: ['Edm.Guid'],
    Currency: ['Edm.Decimal', 'Edm.Double'],
    Boolean: ['Edm.Boolean'],
  };
  if (r.kind !== 'Any' && !want[r.kind].includes(f.type)) return { kind: 'wrong-type', found };
  if (r.kind === 'Lookup' && !f.lookup && !f.name.endsWith('Id')) return { kind: 'wrong-type', found };
  if (r.kind === 'Text' && r.length !== undefined && f.maxLength !== undefined && f.maxLength < r.length)
    return { kind: 'too-short', found };
  if (r.kind === 'Currency' && f.precision !== undefined && (f.precision < r.precision! || (f.scale ?? 0) < r.scale!))
    return { kind: 'too-small', found };
  return null;
}

/** The Creatio objects the flow's nodes name, per connection: they must exist even when no custom field is needed. */
export function creatioObjects(flow: FlowShape): { connection: string; entity: string; usedBy: string[] }[] {
  const out = new Map<string, { connection: string; entity: string; usedBy: string[] }>();
  for (const n of flow.nodes.filter((x) => CREATIO_NODES.has(x.type))) {
    const connection = String(n.config.connection ?? '');
    const entity = objectOf(n);
    const o = out.get(`${connection}|${entity}`) ?? { connection, entity, usedBy: [] };
    o.usedBy.push(n.id);
    out.set(`${connection}|${entity}`, o);
  }
  return [...out.values()];
}

/** Compares what the flow needs with each site's `$metadata` (entities per connection). */
export function checkRequirements(
  reqs: Requirement[],
  sites: Map<string, CreatioEntity[]>,
  objects: ReturnType<typeof creatioObjects> = [],
): PreflightReport {
  const problems: PreflightProblem[] = [];
  for (const o of objects) {
    if (sites.get(o.connection)?.some((e) => e.name === o.entity)) continue;
    // A custom object of the integration: said below, with the fields to create it with.
    if (reqs.some((r) => r.connection === o.connection && r.entity === o.entity && r.object)) continue;
    problems.push({
      connection: o.connection,
      entity: o.entity,
      kind: 'missing-object',
      expected: 'object',
      message: `Creatio has no object ${o.entity} (used by ${o.usedBy.join(', ')}).`,
      action:
        `Check the object name on ${o.usedBy.join(', ')} (as Creatio spells it, e.g. Account or Opportunity), ` +
        `or publish the object in Creatio, then run the preflight again.`,
    });
  }
  const checked: PreflightReport['checked'] = [];
  const missingObjects = new Set(problems.map((p) => `${p.connection}|${p.entity}`));
  for (const r of reqs) {
    const expected = describeKind(r);
    const entity = sites.get(r.connection)?.find((e) => e.name === r.entity);
    const who = r.usedBy.length ? ` (used by ${r.usedBy.join(', ')})` : '';
    if (!entity) {
      checked.push({ connection: r.connection, entity: r.entity, field: r.field, expected, ok: false });
      if (missingObjects.has(`${r.connection}|${r.entity}`)) continue;
      missingObjects.add(`${r.connection}|${r.entity}`);
      const fields = reqs
        .filter((x) => x.connection === r.connection && x.entity === r.entity)
        .map((x) => `${x.field} "${x.label}" ${describeKind(x)}`)
        .join(', ');
      problems.push({
        connection: r.connection,
        entity: r.entity,
        kind: 'missing-object',
        expected: r.object ? `custom object "${r.object}"` : 'object',
        message: `Creatio has no object ${r.entity}${r.object ? ` ("${r.object}")` : ''}${who}; ${r.why}.`,
        action: `In Creatio, create the object ${r.entity} with the fields ${fields}, publish it, then run the preflight again.`,
      });
      continue;
    }
    const f = findField(entity, r);
    const bad = f ? misfit(r, f) : null;
    checked.push({ connection: r.connection, entity: r.entity, field: r.field, expected, ok: !!f && !bad });
    if (!f) {
      const column = r.kind === 'Lookup' ? `${r.field}Id` : r.field;
      problems.push({
        connection: r.connection,
        entity: r.entity,
        field: r.field,
        kind: 'missing-field',
        expected,
        message: `${r.entity} has no field ${r.field} ("${r.label}", ${expected})${who}; ${r.why}.`,
        action:
          r.kind === 'Any'
            ? `Add the field ${r.field} to ${r.entity} in Creatio (or correct its name in the flow), then run the preflight again.`
            : `In Creatio, add a ${expected} field titled "${r.label}" with the code ${column} to ${r.entity} and publish it, then run the preflight again.`,
      });
    } else if (bad) {
      problems.push({
        connection: r.connection,
        entity: r.entity,
        field: r.field,
        kind: bad.kind,
        expected,
        found: bad.found,
        message: `${r.entity}.${f.name} ("${r.label}") is ${bad.found}, but the integration needs ${expected}${who}; ${r.why}.`,
        action: `Change ${r.entity}.${f.name} in Creatio to ${expected}, then run the preflight again.`,
      });
    }
  }
  return { ok: problems.length === 0, checked, problems };
}

/** Reads each connection's `$metadata` once and checks the flow against it. */
export async function preflightFlow(
  flow: FlowShape,
  metadataOf: (connection: string) => Promise<CreatioEntity[]>,
  options: PreflightOptions = {},
): Promise<PreflightReport> {
  const reqs = creatioRequirements(flow, options);
  const objects = creatioObjects(flow);
  const sites = new Map<string, CreatioEntity[]>();
  for (const c of new Set([...objects.map((o) => o.connection), ...reqs.map((r) => r.connection)]))
    sites.set(c, await metadataOf(c));
  return checkRequirements(reqs, sites, objects);
}
