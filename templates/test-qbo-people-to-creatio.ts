// Golden test support shared by the QuickBooks Online → Creatio people templates (person accounts, contacts of a
// company): a whole Weft on a schema of its own, "QuickBooks customers → Creatio accounts" run first (it links the
// company customers to accounts), then customers entered in QuickBooks over HTTP as a bookkeeper would.
import { accessToken, call, type Answer } from '../sandbox/quickbooks-online/test-http';
import { bootGolden, runTemplate, type Golden } from './test-golden';

export type Row = Record<string, any>;

export interface PeopleGolden {
  g: Golden;
  /** A QuickBooks request at a bookkeeper's pace (waits out the 10-a-second throttle). */
  qbo(path: string, body?: unknown): Promise<Answer>;
  /** The company's stored records of one entity, as QuickBooks holds them. */
  rows(entity: string): Row[];
  /** Creatio rows, read straight from the sandbox's tables. */
  sql<T>(query: string, ...args: unknown[]): T[];
  /** A new customer in QuickBooks; its stored record. */
  customer(body: Row): Promise<Row>;
}

export async function bootPeopleGolden(url: string, schema: string): Promise<PeopleGolden> {
  const g = await bootGolden(url, schema);
  const token = await accessToken(g.weft.sandboxes!.qbo);
  const qbo = async (path: string, body?: unknown) => {
    const send = () => call(g.weft.sandboxes!.qbo, token, path, body === undefined ? {} : { body });
    let answer = await send();
    for (let i = 0; answer.status === 429 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 200));
      answer = await send();
    }
    return answer;
  };
  const customer = async (body: Row) => {
    const answer = await qbo('customer?minorversion=75', body);
    if (answer.status !== 200) throw new Error(`customer ${body.DisplayName}: ${answer.text}`);
    return answer.json.Customer as Row;
  };
  const rows = (entity: string) =>
    g.weft
      .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, entity)
      .map((r) => ({ Id: r.id, SyncToken: String(r.syncToken), ...r.body }) as Row);
  const sql = <T>(query: string, ...args: unknown[]) => g.weft.sandboxes!.creatio.db.prepare(query).all(...args) as T[];
  const linked = await runTemplate(g.weft, 'qbo-customers-to-creatio-accounts');
  if (linked.status !== 'succeeded') throw new Error(`accounts flow: ${linked.status}`);
  return { g, qbo, rows, sql, customer };
}
