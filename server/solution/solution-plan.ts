// "Configure solution" (issue 15; seed §4.3, §5.1–5.3): a customer's choices — per
// object pair a direction, binding rule, permitted operations and creation trigger;
// for the whole solution the QuickBooks company files, the Creatio price book and the
// currency mode — turned into the set of flows that carries them out, one set per
// company connection, in the order they must run (accounts before opportunities).
// Pure: the caller gives the templates, their documents and the connections.
import { z } from 'zod';
import { bindSlots } from '../../flow/connection-slots';
import type { FlowDocument } from '../../flow/flow-document';
import type { NodeTypes } from '../../flow/node-types';
import { BINDING_RULE_UI, MATCH_RULES } from '../../nodes/core/binding-rules';
import { CREATION_TRIGGERS } from '../../nodes/core/creation-triggers';
import { PermittedOperations } from '../../nodes/core/permitted-operations';
import { arePartners, KIND_SYSTEM, OBJECT_PAIRS, templatesForWays, type TemplateFacts, type Way } from './object-pairs';
import { keepSuppliersOut } from './supplier-rule';

const connectionId = z.string().min(1).max(100);

export const PairChoice = z.object({
  pair: z.string().min(1).max(60),
  direction: z.enum(['none', 'c2q', 'q2c', 'both']),
  /** When several templates serve a way, the one chosen (else the manifest's first). */
  templates: z.object({ c2q: z.string().max(100).optional(), q2c: z.string().max(100).optional() }).default({}),
  /** Absent: as the template has it. */
  matchRule: z.enum(MATCH_RULES).optional(),
  operations: PermittedOperations.unwrap().optional(),
  createWhen: z.enum(CREATION_TRIGGERS).optional(),
  triggerField: z
    .string()
    .max(200)
    .regex(/^([A-Za-z_][\w.]*)?$/, 'a field path such as Stage.Name')
    .optional(),
  triggerValue: z.string().max(200).optional(),
});
export type PairChoice = z.infer<typeof PairChoice>;

export const SolutionChoices = z.object({
  /** QuickBooks Online companies and Desktop company files: one set of flows each (seed §5.3). */
  companies: z.array(connectionId).min(1, 'Choose at least one QuickBooks company.').max(20),
  /** The Creatio connection; absent: the workspace's first. */
  creatio: connectionId.optional(),
  /** Seed §5.3: a price book other than Creatio's default; empty = the default. */
  priceBook: z.string().trim().max(250).default(''),
  /** Seed §5.4 "Multi-currency support". */
  currency: z.enum(['propagate', 'home']).default('propagate'),
  pairs: z.array(PairChoice).max(OBJECT_PAIRS.length),
});
export type SolutionChoices = z.infer<typeof SolutionChoices>;

export interface Connection {
  id: string;
  kind: string;
  name: string;
}

export interface PlannedFlow {
  /** 1, 2, 3…: the order to create, publish and first run them in. */
  order: number;
  name: string;
  templateId: string;
  pair: string;
  way: Way;
  company: Connection;
  /** The settings applied, in plain words ("Match rule: Name + Phone"). */
  settings: string[];
  document: FlowDocument;
}

export interface SolutionPlan {
  flows: PlannedFlow[];
  /** What was asked and cannot be made yet, in plain words. */
  notes: string[];
}

const OPERATIONS_LABEL: Record<string, string> = {
  'create-and-update': 'create and update',
  'create-only': 'create only',
  'update-only': 'update only',
};
const TRIGGER_LABEL: Record<string, string> = {
  'record-created': 'the record is created',
  'stage-reached': 'the opportunity reaches a stage',
  won: 'the opportunity is won',
  'field-has-value': 'a field has a value',
};
export const CURRENCY_LABEL = { propagate: 'keep the transaction currency', home: 'convert to the home currency' };

/**
 * Node settings a pair's choices fill, on its binding nodes (seed §5.2). The solution's price book
 * and currency go to any node type that takes a `priceBook` / `currency` field; every flow also
 * keeps both in `settings.solution`, which is where they live until such nodes exist.
 */
type NodeValues = Partial<Record<'operations' | 'matchRule' | 'createWhen' | 'triggerField' | 'triggerValue', string>>;

function nodeValues(c: PairChoice, nameRules: boolean): { values: NodeValues; words: string[] } {
  const values: NodeValues = {};
  const words: string[] = [];
  if (c.operations) {
    values.operations = c.operations;
    words.push(`Permitted operations: ${OPERATIONS_LABEL[c.operations]}`);
  }
  if (c.matchRule && nameRules) {
    values.matchRule = c.matchRule;
    words.push(`Match rule: ${BINDING_RULE_UI.matchRule.options.find((o) => o.value === c.matchRule)!.label}`);
  }
  if (c.createWhen) {
    values.createWhen = c.createWhen;
    values.triggerField = c.triggerField ?? '';
    values.triggerValue = c.triggerValue ?? '';
    const what = [c.triggerField, c.triggerValue].filter(Boolean).join(' = ');
    words.push(`Create new records when ${TRIGGER_LABEL[c.createWhen]}${what ? ` (${what})` : ''}`);
  }
  return { values, words };
}

/** `only`: a node category (e.g. binding): a field of the same name elsewhere means something else. */
function applyToNodes(
  doc: FlowDocument,
  registry: NodeTypes,
  values: Record<string, unknown>,
  only?: string,
): FlowDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      const type = registry.get(n.type);
      if (only && type?.category !== only) return n;
      const fields = type?.ui?.fields ?? {};
      const mine = Object.entries(values).filter(([k, v]) => v !== undefined && k in fields);
      if (mine.length === 0) return n;
      // A field of the same name that takes other values (an items lookup's "find or create") is not this one.
      const config = { ...n.config, ...Object.fromEntries(mine) };
      return type?.config.safeParse(config).success ? { ...n, config } : n;
    }),
  };
}

/**
 * A creation trigger reads a field of the incoming record (Stage.Name for "won"): a Creatio source
 * that does not read it yet is made to, or no record would ever meet the trigger. A path `A.B` is a
 * lookup, read by `$expand=A($select=B)`; a plain name is added to `$select`.
 */
function readTriggerField(doc: FlowDocument, c: PairChoice): FlowDocument {
  if (!c.createWhen || c.createWhen === 'record-created') return doc;
  const field = c.triggerField || (c.createWhen === 'field-has-value' ? '' : 'Stage.Name');
  if (!field) return doc;
  const [head, ...rest] = field.split('.');
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.type !== 'creatio.source') return n;
      const select = Array.isArray(n.config.select) ? (n.config.select as string[]) : [];
      const expand = typeof n.config.expand === 'string' ? n.config.expand : '';
      if (rest.length === 0)
        return select.length === 0 || select.includes(head)
          ? n
          : { ...n, config: { ...n.config, select: [...select, head] } };
      if (expand.split(',').some((part) => part.startsWith(`${head}(`))) return n;
      const more = `${head}($select=${rest.join('/')})`;
      return { ...n, config: { ...n.config, expand: expand ? `${expand},${more}` : more } };
    }),
  };
}

const titleOf = (t: TemplateFacts) => t.title ?? t.name;

export interface PlanInput {
  choices: SolutionChoices;
  templates: TemplateFacts[];
  document(templateId: string): FlowDocument | null;
  connections: Connection[];
  registry: NodeTypes;
}

/** The flows the choices make, in dependency order, and what cannot be made (named, with the reason). */
export function planSolution({ choices, templates, document, connections, registry }: PlanInput): SolutionPlan {
  const notes: string[] = [];
  const creatio = choices.creatio
    ? connections.find((c) => c.id === choices.creatio && c.kind === 'creatio')
    : connections.find((c) => c.kind === 'creatio');
  if (!creatio) notes.push('Connect Creatio first (Connections): every flow reads or writes Creatio.');
  const companies = choices.companies.flatMap((id) => {
    const c = connections.find((x) => x.id === id && KIND_SYSTEM[x.kind]);
    if (!c) notes.push(`The QuickBooks company "${id}" is not among your connections; choose it again.`);
    return c ? [c] : [];
  });
  const several = companies.length > 1;
  const planned: (Omit<PlannedFlow, 'order'> & { rank: number })[] = [];
  for (const company of companies) {
    const system = KIND_SYSTEM[company.kind];
    for (const choice of choices.pairs) {
      const pair = OBJECT_PAIRS.find((p) => p.id === choice.pair);
      if (!pair || choice.direction === 'none') continue;
      const ways: Way[] = choice.direction === 'both' ? ['c2q', 'q2c'] : [choice.direction];
      const chosen = templatesForWays(pair, templates, system, ways, choice.templates);
      const paired = arePartners(chosen.c2q, chosen.q2c);
      if (ways.length === 2 && chosen.c2q && chosen.q2c && chosen.c2q !== chosen.q2c && !paired)
        notes.push(
          `${pair.label} on "${company.name}": "${titleOf(chosen.c2q)}" and "${titleOf(chosen.q2c)}" go opposite ways ` +
            "but are not yet shown, together, to leave out each other's writes. Watch their first runs for a change " +
            'coming back to where it was made, or choose one direction.',
        );
      for (const way of ways) {
        const t = chosen[way];
        if (!t) {
          const arrow = way === 'c2q' ? `Creatio → ${system}` : `${system} → Creatio`;
          notes.push(`No template for ${pair.label} (${arrow}) yet: nothing is made for it on "${company.name}".`);
          continue;
        }
        // A template that goes both ways (direction "Creatio ↔ …") serves both: one flow, not two.
        if (planned.some((p) => p.templateId === t.id && p.company === company)) continue;
        const doc = document(t.id);
        if (!doc) continue;
        const { values, words } = nodeValues(choice, pair.nameRules);
        const partner = chosen[way === 'c2q' ? 'q2c' : 'c2q'];
        if (paired && partner)
          words.push(`Bi-directional with "${titleOf(partner)}": each leaves out the other's writes`);
        const bound = bindSlots(doc, registry, (slot) =>
          slot.kind === 'creatio'
            ? (creatio?.id ?? null)
            : slot.kind === company.kind
              ? company.id
              : (connections.find((c) => c.kind === slot.kind)?.id ?? null),
        );
        const read = way === 'c2q' ? readTriggerField(bound, choice) : bound;
        const withSettings = applyToNodes(applyToNodes(read, registry, values, 'binding'), registry, {
          priceBook: choices.priceBook || undefined,
          currency: choices.currency,
        });
        const name = `${titleOf(t)}${several ? ` (${company.name})` : ''}`.slice(0, 120);
        planned.push({
          rank: pair.rank,
          name,
          templateId: t.id,
          pair: pair.id,
          way,
          company,
          settings: words,
          document: {
            ...withSettings,
            name,
            settings: {
              ...withSettings.settings,
              solution: { company: company.id, priceBook: choices.priceBook, currency: choices.currency },
            },
          },
        });
      }
    }
  }
  notes.push(...keepSuppliersOut(planned, (c) => (c as Connection).name));
  const pairIndex = (id: string) => OBJECT_PAIRS.findIndex((p) => p.id === id);
  // Per company, lists before transactions; Creatio → QuickBooks before the way back, so the
  // way back finds its records already bound; then in the seed's order of pairs.
  const sorted = planned
    .map((p, i) => ({ p, i }))
    .sort((a, b) => {
      const ca = companies.indexOf(a.p.company);
      const cb = companies.indexOf(b.p.company);
      const way = a.p.way === b.p.way ? 0 : a.p.way === 'c2q' ? -1 : 1;
      return ca - cb || a.p.rank - b.p.rank || way || pairIndex(a.p.pair) - pairIndex(b.p.pair) || a.i - b.i;
    });
  return { flows: sorted.map(({ p: { rank: _rank, ...f } }, i) => ({ ...f, order: i + 1 })), notes };
}
