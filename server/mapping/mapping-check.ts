// `mapping.check`: the checks of a mapping that need a system's metadata, in the analyst's
// words, run by the editor before saving (the flow check, validateFlow, cannot reach a
// system). Two of them:
// - a source field the source does not have ("Source field Phnoe does not exist on Creatio
//   Account — did you mean Phone?"): for Creatio sources, whose `$metadata` lists every
//   field (QuickBooks leaves empty fields out of its records, so a missing one proves
//   nothing there); fields that steps upstream add (their `into`, or what their node says it adds) count as present;
// - a required field of a Creatio target that no field fills (QuickBooks' required fields
//   are known without a connection: the flow check reports those, mapping-config.ts).
import type { FlowDocument } from '../../flow/flow-document';
import { didYouMean } from '../../nodes/core/did-you-mean';
import { expressionFields } from '../../nodes/core/expression-fields';
import { fieldName, type FieldMapping, type MappingConfig } from '../../nodes/core/mapping-config';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';
import { addedUpstream, connectionOf, sourceOf, stepOf, type Step } from './flow-graph';
import { creatioMetadata } from './creatio-metadata-cache';
import type { MappingDeps } from './mapping-deps';
import { systemFields } from './mapping-fields';

export interface MappingProblem {
  nodeId: string;
  /** Index of the field mapping the problem is about (0-based), when there is one. */
  field?: number;
  /** The list of lines it is in (its target, e.g. Line), when it is a line's field. */
  list?: string;
  message: string;
  /** Only a warning: the check could not reach the system, so it proves nothing wrong with the mapping. */
  warning?: true;
}

function namesOf(e: CreatioEntity | undefined, extra: Set<string>): Set<string> {
  return new Set([...(e?.fields.map((f) => f.name) ?? []), ...(e?.navigations.map((n) => n.name) ?? []), ...extra]);
}

function fieldsRead(m: FieldMapping): string[] {
  if (m.source !== undefined) return [m.source.split('.')[0]];
  if (m.expression !== undefined) return expressionFields(m.expression);
  return [];
}

function checkReads(
  fields: FieldMapping[],
  known: Set<string>,
  where: string,
  at: (i: number) => Omit<MappingProblem, 'message'>,
  problems: MappingProblem[],
) {
  for (const [i, m] of fields.entries()) {
    for (const name of fieldsRead(m)) {
      if (known.has(name)) continue;
      const guess = didYouMean(name, known);
      const hint = guess ? ` — did you mean ${guess}?` : '.';
      const how = m.expression !== undefined ? ` (read by the expression of ${m.target})` : '';
      problems.push({ ...at(i), message: `Source field ${name} does not exist on ${where}${how}${hint}` });
    }
  }
}

async function sourceProblems(doc: FlowDocument, step: Step, c: MappingConfig, deps: MappingDeps) {
  const problems: MappingProblem[] = [];
  const source = sourceOf(doc, step.node.id, deps.registry);
  const conn = connectionOf(source);
  if (!source || source.node.type !== 'creatio.source' || !conn) return problems;
  const entityName = String((source.config as { entity?: unknown }).entity ?? '');
  const all = await creatioMetadata(deps.connection(conn));
  const entity = all.find((e) => e.name === entityName);
  if (!entity) return problems; // the source's own check names an object the site lacks
  const added = addedUpstream(doc, step.node.id, deps.registry);
  const id = step.node.id;
  checkReads(c.mappings, namesOf(entity, added), `Creatio ${entityName}`, (i) => ({ nodeId: id, field: i }), problems);
  for (const l of c.lines ?? []) {
    const nav = entity.navigations.find((n) => n.name === l.from.split('.')[0]);
    if (!nav) continue;
    const element = all.find((e) => e.name === nav.target);
    const where = `Creatio ${nav.target} (the lines of ${l.from})`;
    checkReads(l.fields, namesOf(element, added), where, (i) => ({ nodeId: id, field: i, list: l.target }), problems);
  }
  return problems;
}

async function requiredProblems(doc: FlowDocument, step: Step, c: MappingConfig, deps: MappingDeps) {
  const dot = c.targetType.indexOf('.');
  if (c.targetType.slice(0, dot) !== 'creatio') return [];
  const sink = doc.nodes.find((n) => n.type === 'creatio.sink');
  const conn = sink ? connectionOf(stepOf(doc, sink.id, deps.registry)) : undefined;
  const target = await systemFields('creatio', c.targetType.slice(dot + 1), conn, deps);
  const mapped = new Set(c.mappings.map((m) => m.target));
  return target.fields
    .filter((f) => f.required && !mapped.has(f.path))
    .map((f) => ({
      nodeId: step.node.id,
      message:
        `Creatio ${target.entity} needs ${f.path}, but no field of this mapping fills it: ` +
        'map a source field onto it, or give it a fixed value or an expression.',
    }));
}

export async function checkMapping(
  doc: FlowDocument,
  nodeId: string,
  deps: MappingDeps,
): Promise<{ problems: MappingProblem[] }> {
  const step = stepOf(doc, nodeId, deps.registry);
  // Not a mapping, or one the flow check already refuses (its problems are shown there).
  if (!step || step.def.type !== 'core.mapping' || step.problem) return { problems: [] };
  const c = step.config as MappingConfig;
  try {
    const [reads, required] = await Promise.all([
      sourceProblems(doc, step, c, deps),
      requiredProblems(doc, step, c, deps),
    ]);
    return { problems: [...reads, ...required].map(named(c)) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      problems: [{ nodeId, message: `The fields could not be checked against Creatio: ${why}`, warning: true }],
    };
  }
}

/** Puts "Field 3 (DisplayName): " in front of a problem about one field. */
function named(c: MappingConfig) {
  return (p: MappingProblem): MappingProblem => {
    if (p.field === undefined) return p;
    const list = p.list ? c.lines?.find((l) => l.target === p.list) : undefined;
    const target = (list ? list.fields : c.mappings)[p.field]?.target ?? '';
    return { ...p, message: `${fieldName(p.field, target, p.list)}: ${p.message}` };
  };
}
