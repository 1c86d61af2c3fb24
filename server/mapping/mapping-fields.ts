// `mapping.fields`: what a mapping node writes (the target system's fields, from its
// metadata) and what it reads (the source's fields, plus the fields present in the
// records that actually reach the node: a reference lookup upstream adds AccountId, an
// expanded lookup adds nested objects). Each system's folder knows its fields; this only
// picks the right one and merges the sample in.
import type { FlowDocument } from '../../flow/flow-document';
import {
  knownFields,
  mergeSampleFields,
  type Catalogue,
  type CatalogueSystem,
  type FieldInfo,
} from '../../nodes/core/field-catalogue';
import { creatioFieldCatalogue } from '../../nodes/creatio/creatio-fields';
import { addedUpstream, connectionOf, sinkOf, sourceOf, stepOf, type Step } from './flow-graph';
import { creatioMetadata } from './creatio-metadata-cache';
import type { MappingDeps } from './mapping-deps';
import { previewNode, type PreviewDeps } from './mapping-preview';

const SYSTEMS: Record<string, CatalogueSystem> = {
  creatio: 'creatio',
  'quickbooks-online': 'qbo',
  'quickbooks-desktop': 'qbd',
};

/** Fields every record of a system carries besides its entity's writable ones (ids, change times). */
const SOURCE_EXTRA: Record<CatalogueSystem, FieldInfo[]> = {
  creatio: [],
  qbo: [
    { path: 'Id', type: 'text' },
    { path: 'MetaData.LastUpdatedTime', type: 'date' },
  ],
  qbd: [
    { path: 'ListID', type: 'text' },
    { path: 'TxnID', type: 'text' },
    { path: 'TimeModified', type: 'date' },
  ],
  none: [],
};

function none(note: string, entity = ''): Catalogue {
  return { system: 'none', entity, fields: [], note };
}

/** The fields of `<system>.<entity>`; Creatio's through a connection (its `$metadata`). */
export async function systemFields(
  kind: string,
  entity: string,
  connectionId: string | undefined,
  deps: MappingDeps,
): Promise<Catalogue> {
  const system = SYSTEMS[kind];
  if (!system) return none(`Weft has no list of the fields of ${kind} records.`, entity);
  // Systems that know their fields without a connection (QuickBooks) registered a list with their kind.
  const known = knownFields(`${kind}.${entity}`);
  if (known) return { system, entity, ...known };
  if (!connectionId)
    return { system, entity, fields: [], note: 'Choose the Creatio connection of the flow to list its fields.' };
  try {
    const all = await creatioMetadata(deps.connection(connectionId));
    const found = all.find((e) => e.name === entity);
    if (!found) return { system, entity, fields: [], note: `The Creatio site has no object "${entity}".` };
    return { system, entity, fields: creatioFieldCatalogue(found, all) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { system, entity, fields: [], note: `Could not read the fields from Creatio: ${why}` };
  }
}

function kindOf(step: Step): string {
  return step.node.type.slice(0, step.node.type.indexOf('.'));
}

function configOf(step: Step): Record<string, unknown> {
  return (step.config ?? step.node.config) as Record<string, unknown>;
}

async function targetCatalogue(doc: FlowDocument, step: Step, deps: MappingDeps): Promise<Catalogue> {
  const type = String(configOf(step).targetType ?? '');
  const dot = type.indexOf('.');
  if (dot < 0) return none('Choose what this mapping produces to list the fields it can write.');
  const kind = type.slice(0, dot);
  const entity = type.slice(dot + 1);
  // A Creatio target is read through the connection of the sink the mapping feeds.
  const sink = sinkOf(doc, step.node.id, deps.registry);
  const connection =
    (sink && kindOf(sink) === kind ? connectionOf(sink) : undefined) ??
    doc.nodes
      .map((n) => stepOf(doc, n.id, deps.registry))
      .filter((s): s is Step => !!s && kindOf(s) === kind)
      .map(connectionOf)
      .find(Boolean);
  return systemFields(kind, entity, connection, deps);
}

async function sourceCatalogue(
  doc: FlowDocument,
  nodeId: string,
  deps: PreviewDeps,
  sampleSize: number,
): Promise<Catalogue> {
  const source = sourceOf(doc, nodeId, deps.registry);
  if (!source) return none('Connect a source to this step to list the fields it reads.');
  const kind = kindOf(source);
  const entity = String(configOf(source).entity ?? '');
  const base = await systemFields(kind, entity, connectionOf(source), deps);
  const known = [
    ...SOURCE_EXTRA[base.system].filter((f) => !base.fields.some((k) => k.path === f.path)),
    ...base.fields,
  ];
  // The records as they reach the node: what upstream steps added is there too.
  const sample = await previewNode(doc, nodeId, sampleSize, { ...deps, timeoutMs: 10_000 });
  const fields = mergeSampleFields(
    known,
    sample.rows.map((r) => r.input),
  );
  // What a step upstream adds but no sample record carries yet (the primary contact while no option picks
  // one): an object whose fields are not listed, so a mapping may read any field of it.
  for (const name of addedUpstream(doc, nodeId, deps.registry))
    if (!fields.some((f) => f.path === name))
      fields.push({ path: name, type: 'object', label: `${name} (added by a step before)` });
  const note = [base.note, sample.sourceProblem && `No sample records: ${sample.sourceProblem}`, sample.sourceNote]
    .filter(Boolean)
    .join(' ');
  return { ...base, fields, ...(note ? { note } : {}) };
}

export async function mappingFields(
  doc: FlowDocument,
  nodeId: string,
  deps: PreviewDeps,
  sampleSize = 10,
): Promise<{ source: Catalogue; target: Catalogue }> {
  const step = stepOf(doc, nodeId, deps.registry)!;
  const [source, target] = await Promise.all([
    sourceCatalogue(doc, nodeId, deps, sampleSize),
    step.def.type === 'core.mapping'
      ? targetCatalogue(doc, step, deps)
      : Promise.resolve(none('Only a mapping writes fields; this step passes records on.')),
  ]);
  return { source, target };
}
