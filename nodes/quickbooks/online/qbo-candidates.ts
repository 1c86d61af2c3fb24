// Candidates for the name rules (issue 14) in QuickBooks Online. QuickBooks compares
// names exactly (case aside), so "Acme, Inc." is not found by asking for "ACME Inc":
// each distinct distinctive word of the batch's names is asked once with LIKE, and
// the answers are compared normalised (binding-rules.ts).
//
// Intuit's query language (developer.intuit.com › Data queries): LIKE takes only the
// `%` wildcard, there is no OR (so one query per word), and `maxresults` is at most
// 1000 (over it → 400 QueryValidationError). A page's queries go out 30 to a batch call
// (developer.intuit.com › Batch: up to 30 BatchItemRequest, Query among the operations),
// not one HTTP request per word. 10,000 records bound by name in pages of 200 took 10,000
// requests, 174 s against the sandbox and 23 minutes of the company's rate limits (500
// requests a minute); in batches 350 requests, 68 s and 9 minutes (40 batch calls a
// minute; qbo-name-rule-load.test.ts). The client's governor keeps to both limits.
import { normaliseName, searchWord, type TargetFields } from '../../core/binding-rules';
import { asText, readPath } from '../../core/field-path';
import type { QboClient, QboObject, QueryResult } from './qbo-client';
import { includeInactive } from './qbo-entities';
import { qboIdentifier, qboIn, qboLiteral } from './qbo-query';

/** Where a customer's (vendor's, employee's) compared facts are; Item has only a name. */
export function qboTargetFields(nameField: string): TargetFields {
  return {
    name: nameField,
    phone: 'PrimaryPhone.FreeFormNumber',
    city: 'BillAddr.City',
    state: 'BillAddr.CountrySubDivisionCode',
    postalCode: 'BillAddr.PostalCode',
    country: 'BillAddr.Country',
  };
}

/** Intuit's limit of items in one batch call. */
const BATCH = 30;

/**
 * A page whose words fit one batch call asks them as plain queries, one request each. Intuit counts batch calls
 * against their own limit, 40 a minute per company, which is what the sink's writes need; plain requests have
 * 500 a minute and 10 a second. The bench's companies (pages of 100 names sharing 23 to 32 longest words, as a
 * company's "… Holdings", "… Logistics" do) spent a batch call per page on look-ups beside about 7 for writes:
 * 55 batch calls for 40 of writes. At 5 s of writing a page (engine/run/paced-pages.ts) a company reads 12 pages
 * a minute: 12 × 30 queries and 40 batch calls stay under its 500 requests. More words go 30 to a batch call, as
 * on a bulk load of names that all differ (qbo-name-rule-load.test.ts).
 */
export const PLAIN_QUERIES = BATCH;

/** Up to 30 queries in one batch call; a query QuickBooks refused fails the lot, as it would alone. */
async function askBatch(client: QboClient, queries: string[]): Promise<QueryResult[]> {
  const results = await client.batch(queries.map((query, i) => ({ bId: String(i + 1), query })));
  return results.map((r) => {
    if (!r.ok) throw r.error;
    return r.query ?? { rows: [] };
  });
}

/** QuickBooks rows by normalised name, for the given source names. */
export async function findByNormalisedName(
  client: QboClient,
  entity: string,
  nameField: string,
  names: string[],
  suffixes: string[],
): Promise<Map<string, QboObject[]>> {
  const wanted = new Set(names.map((n) => normaliseName(n, suffixes)).filter(Boolean));
  const words = [...new Set(names.map((n) => searchWord(n, suffixes)).filter(Boolean))];
  const field = qboIdentifier(nameField);
  const queries = words.map(
    (w) =>
      `select * from ${entity} where ${field} LIKE ${qboLiteral(`%${w}%`)}${includeInactive(entity)} maxresults 1000`,
  );
  const chunks: string[][] = [];
  for (let i = 0; i < queries.length; i += BATCH) chunks.push(queries.slice(i, i + BATCH));
  // A few words need no batch (a batch call counts against the smaller limit, the writes': 40 a minute).
  const answers =
    queries.length <= PLAIN_QUERIES
      ? await Promise.all(queries.map((q) => client.query(q)))
      : (await Promise.all(chunks.map((chunk) => askBatch(client, chunk)))).flat();
  const out = new Map<string, QboObject[]>();
  const seen = new Set<string>();
  for (const { rows } of answers) {
    for (const row of rows) {
      const key = normaliseName(asText(readPath(row, nameField)), suffixes);
      // A row found by two words is one row.
      if (!wanted.has(key) || seen.has(String(row.Id))) continue;
      seen.add(String(row.Id));
      out.set(key, [...(out.get(key) ?? []), row]);
    }
  }
  return out;
}

/** Rows by Id, for ids kept in a source field (the QuickBooks Id stored in Creatio). */
export async function findByIds(client: QboClient, entity: string, ids: string[]): Promise<Map<string, QboObject>> {
  const out = new Map<string, QboObject>();
  for (let i = 0; i < ids.length; i += 100) {
    const { rows } = await client.query(
      `select * from ${entity} where ${qboIn('Id', ids.slice(i, i + 100))}${includeInactive(entity)} maxresults 1000`,
    );
    for (const row of rows) out.set(String(row.Id), row);
  }
  return out;
}
