// Candidates for the name rules (issue 14) in Creatio, and the rule applied to a batch.
// Creatio compares text as its database does, so "Acme, Inc." is not found by asking for
// "ACME Inc": each distinctive word of the batch's names is asked with OData's
// `contains` (supported on Creatio's OData 4 endpoint: Creatio Academy, "OData 4
// filtering": contains / startswith / endswith), several words OR-ed into one bounded
// request, and the answers are compared normalised (binding-rules.ts).
import {
  candidateOf,
  decideByRule,
  normaliseName,
  recordFacts,
  reviewRequest,
  searchWord,
  suffixList,
  type BindingRuleConfig,
  type TargetFields,
} from '../core/binding-rules';
import { asText, readPath } from '../core/field-path';
import type { FlowRecord, RecordResult, XrefTarget } from '../define-node';
import type { CreatioClient, Row } from './creatio-client';
import { odataString } from './odata-literal';

/** An Account's compared facts; its city and country are lookups, read through $expand. */
export const CREATIO_ACCOUNT_FIELDS: TargetFields = {
  name: 'Name',
  phone: 'Phone',
  city: 'City.Name',
  state: '',
  postalCode: 'Zip',
  country: 'Country.Name',
};

/** Words per request: a URL stays a few kB (Creatio sits behind IIS, whose default URL limit is 4 kB of query). */
const WORDS = 20;

export async function findCreatioByName(
  client: CreatioClient,
  entity: string,
  names: string[],
  suffixes: string[],
): Promise<Map<string, Row[]>> {
  const wanted = new Set(names.map((n) => normaliseName(n, suffixes)).filter(Boolean));
  const words = [...new Set(names.map((n) => searchWord(n, suffixes)).filter(Boolean))];
  const out = new Map<string, Row[]>();
  const seen = new Set<string>();
  for (let i = 0; i < words.length; i += WORDS) {
    const filter = words
      .slice(i, i + WORDS)
      .map((w) => `contains(Name,${odataString(w)})`)
      .join(' or ');
    const opts = {
      select: ['Id', 'Name', 'Phone', 'Zip'],
      expand: 'City($select=Name),Country($select=Name)',
      filter,
      pageSize: 500,
    };
    for await (const rows of client.pages(entity, opts)) {
      for (const row of rows) {
        const key = normaliseName(asText(row.Name), suffixes);
        if (!wanted.has(key) || seen.has(String(row.Id))) continue;
        seen.add(String(row.Id));
        out.set(key, [...(out.get(key) ?? []), row]);
      }
    }
  }
  return out;
}

/**
 * The name rule for the records no earlier step bound: bound, none (to be created), or parked for
 * review. Returns the records left unbound; parked ones get their result in `results`.
 */
export async function bindByNameRule(
  client: CreatioClient,
  c: BindingRuleConfig & { entity: string; nameField: string; connection: string },
  records: FlowRecord[],
  results: Map<FlowRecord, RecordResult>,
  xrefOf: (r: FlowRecord) => XrefTarget,
): Promise<FlowRecord[]> {
  const suffixes = suffixList(c.nameSuffixes);
  const nameOf = (r: FlowRecord) => asText(readPath(r.data, c.nameField)).trim();
  const named = records.filter((r) => nameOf(r));
  const found = await findCreatioByName(client, c.entity, named.map(nameOf), suffixes);
  const open: FlowRecord[] = records.filter((r) => !nameOf(r));
  for (const r of named) {
    const decision = decideByRule(c, CREATIO_ACCOUNT_FIELDS, r, found.get(normaliseName(nameOf(r), suffixes)) ?? []);
    if (decision.kind === 'none') open.push(r);
    else if (decision.kind === 'bound')
      r.meta.binding = {
        system: 'creatio',
        entity: c.entity,
        connection: c.connection,
        targetId: String(decision.row.Id),
        matchedBy: 'match-rule',
      };
    else {
      const candidates = decision.rows.map((row) => candidateOf(CREATIO_ACCOUNT_FIELDS, row, String(row.Id)));
      const where = {
        system: 'Creatio',
        entity: c.entity,
        sourceSystem: r.meta.source.system.startsWith('quickbooks') ? 'QuickBooks' : r.meta.source.system,
        sourceEntity: r.meta.source.entity,
      };
      const facts = recordFacts(c, c.nameField, r);
      results.set(r, {
        record: r,
        outcome: 'review',
        review: { ...reviewRequest(c, where, facts, decision, candidates), target: xrefOf(r) },
      });
    }
  }
  return open;
}
