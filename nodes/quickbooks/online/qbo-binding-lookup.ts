// The reads of the QuickBooks Online binding, run ahead of their turn (`prepare`): the
// cross-reference, support's review decisions, ids kept in a source field, and the
// candidates of the match rule. Nothing here writes or depends on earlier pages.
import type { FlowRecord, NodeContext, ReviewDecision } from '../../define-node';
import { normaliseName, suffixList, type BindingRuleConfig } from '../../core/binding-rules';
import { addTo } from '../../core/add-to';
import { asText, readPath } from '../../core/field-path';
import type { QboClient, QboObject } from './qbo-client';
import { includeInactive } from './qbo-entities';
import { qboIdentifier, qboIn } from './qbo-query';
import { qboXrefTarget, xrefGroupKey } from './xref-target';
import { findByIds, findByNormalisedName } from './qbo-candidates';

export interface LookupConfig extends BindingRuleConfig {
  connection: string;
  entity: string;
  matchTargetField: string;
  matchSourceField: string;
  /** Seed §5.2 "Product Name to Item Name/SKU": a second QuickBooks field tried when the first finds nothing. */
  fallbackTargetField?: string;
}
type Config = LookupConfig;

/** QuickBooks names are unique regardless of case and surrounding blanks, so matching is too. */
export const norm = (v: unknown) => String(v).trim().toLowerCase();

/** How a record's name is grouped and compared: as QuickBooks does (`field`), or normalised (the name rules). */
export function nameKey(c: Config, v: unknown): string {
  return c.matchRule === 'field' ? norm(v) : normaliseName(String(v), suffixList(c.nameSuffixes));
}

/**
 * Names per query. Every query takes one of the company's 10 concurrent slots that the sink's
 * batch calls need too: at 40 a page of 1,000 made 25 queries beside 34 batch calls (bench, 100k).
 * Intuit documents no limit on IN lists; a long statement is POSTed (qbo-client.ts).
 */
const CHUNK = 100;
async function findTargets(client: QboClient, c: Config, values: string[]): Promise<Map<string, QboObject[]>> {
  const found = new Map<string, QboObject[]>();
  // The queries of a page go out together (the company's governor bounds them): one after the other they made every page wait ~25 round trips.
  const chunks: string[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) chunks.push(values.slice(i, i + CHUNK));
  const answers = await Promise.all(
    chunks.map((chunk) =>
      client.query(
        `select * from ${c.entity} where ${qboIn(qboIdentifier(c.matchTargetField), chunk)}${includeInactive(c.entity)} maxresults 1000`,
      ),
    ),
  );
  for (const { rows } of answers) {
    for (const row of rows) {
      const v = c.matchTargetField
        .split('.')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], row);
      if (v === undefined) continue;
      const list = found.get(norm(v)) ?? [];
      list.push(row);
      found.set(norm(v), list);
    }
  }
  return found;
}

/** What `process` needs to read for a batch; read ahead of its turn (no claims, no writes). */
export interface Found {
  /** Cross-reference hits, by record. */
  known: Map<FlowRecord, { targetId: string; version?: string }>;
  /** Support's "create new" or "skip" for records parked in the review queue before. */
  decisions: Map<FlowRecord, ReviewDecision>;
  /** Rows found by the id kept in the record's `idField`. */
  byId: Map<FlowRecord, QboObject>;
  /** QuickBooks rows by match value (`nameKey`), for every unbound record with a value. */
  targets: Map<string, QboObject[]>;
  /** Why the queries failed (the records they were for fail with it); null when they did not. */
  targetsError: unknown;
  /** For every row found: the source keys the cross-reference binds it to already. */
  owners: Map<string, string[]>;
}

export async function lookUp(ctx: NodeContext, c: Config, client: QboClient, batch: FlowRecord[]): Promise<Found> {
  const found: Found = {
    known: new Map(),
    decisions: new Map(),
    byId: new Map(),
    targets: new Map(),
    targetsError: null,
    owners: new Map(),
  };
  const groups = new Map<string, FlowRecord[]>();
  for (const r of batch) addTo(groups, xrefGroupKey(qboXrefTarget(c.connection, c.entity, r)), r);
  for (const records of groups.values()) {
    const target = qboXrefTarget(c.connection, c.entity, records[0]);
    const known = await ctx.xref.lookup(
      target,
      records.map((r) => r.key),
    );
    for (const r of records) {
      const hit = known.get(r.key);
      if (hit) found.known.set(r, hit);
    }
    const open = records.filter((r) => !found.known.has(r));
    if (open.length && ctx.xref.decisions) {
      const decided = await ctx.xref.decisions(
        target,
        open.map((r) => r.key),
      );
      for (const r of open) if (decided.has(r.key)) found.decisions.set(r, decided.get(r.key)!);
    }
  }
  const pending = (r: FlowRecord) => !found.known.has(r) && !found.decisions.has(r);
  try {
    // The QuickBooks Id kept in the source (e.g. a Creatio field UsrQBListId) binds before any name does.
    const idOf = (r: FlowRecord) => (c.idField ? asText(readPath(r.data, c.idField)).trim() : '');
    const withId = batch.filter((r) => pending(r) && idOf(r));
    if (withId.length) {
      const rows = await findByIds(client, c.entity, [...new Set(withId.map(idOf))]);
      for (const r of withId) if (rows.has(idOf(r))) found.byId.set(r, rows.get(idOf(r))!);
    }
    // Names asked once per batch, duplicates included: which of them are refused depends on earlier pages (process).
    const byName = new Map<string, FlowRecord[]>();
    for (const r of batch) {
      const v = r.data[c.matchSourceField];
      if (!pending(r) || found.byId.has(r) || v === undefined || v === null || String(v).trim() === '') continue;
      addTo(byName, nameKey(c, v), r);
    }
    const names = [...byName.values()]
      .filter((rs) => rs.length === 1)
      .map((rs) => String(rs[0].data[c.matchSourceField]).trim());
    found.targets =
      c.matchRule === 'field'
        ? await findTargets(client, c, names)
        : await findByNormalisedName(client, c.entity, c.matchTargetField, names, suffixList(c.nameSuffixes));
    // The second half of "Name to Item Name/SKU": a value no item has as its name is looked for as a SKU.
    if (c.matchRule === 'field' && c.fallbackTargetField) {
      const missed = names.filter((n) => !found.targets.has(norm(n)));
      if (missed.length)
        for (const [k, rows] of await findTargets(client, { ...c, matchTargetField: c.fallbackTargetField }, missed))
          found.targets.set(k, rows);
    }
  } catch (e) {
    found.targetsError = e;
    return found;
  }
  // Who holds each row found already (one QuickBooks row, one source record).
  const ids = [
    ...new Set([...[...found.targets.values()].flat(), ...found.byId.values()].map((row) => String(row.Id))),
  ];
  if (ids.length) {
    for (const records of groups.values()) {
      const owners = await ctx.xref.sourcesOf(qboXrefTarget(c.connection, c.entity, records[0]), ids);
      for (const [id, keys] of owners) found.owners.set(id, [...(found.owners.get(id) ?? []), ...keys]);
    }
  }
  return found;
}
