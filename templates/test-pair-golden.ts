// Test support for the bi-directional pairs: both flows of a pair saved, published and
// started once (then stopped, so the test runs each cycle itself), as an operator
// who sets up a pair does. A started flow is what makes its partner remember its own
// writes (engine/postgres/echo-store.ts), so neither sends the other's writes back.
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { ACTIVE_YES_ID } from '../sandbox/creatio';
import { testDatabases } from '../scripts/test-databases';
import type { Weft } from '../server/boot';
import { callerRunApi } from '../server/cli-http';
import { runTemplate, sinkCounts, type Golden } from './test-golden';

export async function setUpPair(weft: Weft, templates: string[]): Promise<void> {
  const api = callerRunApi(weft.services);
  const ids: string[] = [];
  for (const t of templates) {
    const { id, problems } = await api.importDocument(`template-${t}`, weft.services.design.getTemplate(t));
    if (problems.length) throw new Error(`${t}: ${problems.map((p) => p.message).join(' ')}`);
    await weft.services.design.publishFlow('default', id, 'set up as a bi-directional pair');
    ids.push(id);
  }
  // Started with the worker paused: the tick a start queues (due at once) would otherwise race the stop, and a run
  // it began wrote the first cycle's records before the test looked (the first cycle then found nothing to do).
  await weft.worker?.stop();
  try {
    for (const id of ids) await weft.services.runs.setFlowState('default', id, 'started');
    for (const id of ids) await weft.services.runs.setFlowState('default', id, 'stopped');
  } finally {
    // The queued ticks now find their schedules stopped and queue no run.
    await weft.worker?.start();
  }
  const { rows } = await weft.queue.pool.query(`SELECT count(*)::int AS n FROM weft_runs WHERE flow_id = ANY($1)`, [
    ids,
  ]);
  if (rows[0].n > 0) throw new Error('setting up the pair ran a flow: the first cycle would find its work done');
}

/** What a pair's tests stand on: a Weft booted on its own schema, the flows the pair needs run first, both ways. */
export interface PairSuite {
  /** The pair as its title says it: "Creatio opportunities ↔ QuickBooks Online invoices". */
  title: string;
  boot(url: string, schema: string): Promise<Golden>;
  schema: string;
  /** The flows run before the pair, as Configure solution orders them (the customers, the items…). */
  first: string[];
  toQb: PairWay;
  toCreatio: PairWay;
  /** Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine. */
  timeout: number;
}

/**
 * The tests of a pair, on each test database: before them Weft is booted, the flows `first` run (none may fail) and
 * both flows set up as a pair (`setUpPair`). `tests` declares them, with the booted Weft and one cycle of the pair.
 */
export function describePair(s: PairSuite, tests: (g: () => Golden, cycle: Cycle) => void): void {
  for (const db of testDatabases()) {
    describe(`bi-directional pair "${s.title}" on ${db.name}`, { timeout: s.timeout }, () => {
      let g: Golden;
      beforeAll(async () => {
        g = await s.boot(db.url, s.schema);
        for (const t of s.first) expect((await runTemplate(g.weft, t)).status).not.toBe('failed');
        await setUpPair(g.weft, [s.toQb.template, s.toCreatio.template]);
      });
      afterAll(() => g?.close());
      tests(
        () => g,
        () => pairCycle(g.weft, s.toQb, s.toCreatio),
      );
    });
  }
}

/** What a pair of records filed under a company's customer (contacts, jobs) needs from either QuickBooks. */
export interface CompanyPairSystem {
  /** "QuickBooks Online", "QuickBooks Desktop". */
  title: string;
  prefix: string;
  boot(url: string, prefix: string): Promise<Golden>;
  /** The flow that binds each company to its customer, run before the pair. */
  accountsFlow: string;
  toQb: PairWay;
  toCreatio: PairWay;
  /** How many customers the company holds (top level and below). */
  customerCount(g: Golden): number;
}

/** The suite of such a pair, titled `title`: the accounts flow runs first. */
export function companyPairSuite(sys: CompanyPairSystem, title: string): PairSuite {
  // Each test runs both flows for several cycles: longer than the suite's 60 s on a busy machine.
  return { ...sys, title, schema: sys.prefix, first: [sys.accountsFlow], timeout: 240_000 };
}

/** One way of a pair: its template and the nodes whose counts a cycle reads (the source, then the sink). */
export interface PairWay {
  template: string;
  source: string;
  sink: string;
}

/** What one flow of a cycle read, left out as an echo of the other's writes, and wrote. */
export interface WayCounts {
  read: number;
  echoes: number;
  created: number;
  updated: number;
}

/** One cycle of both flows of a pair, as `pairCycle` runs it. */
export type Cycle = () => Promise<{ toQb: WayCounts; toCreatio: WayCounts }>;

const NOTHING: WayCounts = { read: 0, echoes: 0, created: 0, updated: 0 };

/**
 * The first cycle of a pair that starts from Creatio: the forward flow makes records in QuickBooks, and each comes back
 * to the reverse flow as its partner's write, left out: nothing is made from it in Creatio.
 */
export async function expectFirstCycleEchoed(cycle: Cycle): Promise<void> {
  const first = await cycle();
  expect(first.toQb.created).toBeGreaterThan(0);
  expect(first.toCreatio.echoes).toBe(first.toQb.created);
  expect(first.toCreatio.created).toBe(0);
}

/** A cycle after the reverse flow wrote `wrote` records: the forward flow reads just those, as echoes; nobody writes. */
export async function expectQuietCycle(cycle: Cycle, wrote: number): Promise<void> {
  expect(await cycle()).toEqual({ toQb: { ...NOTHING, read: wrote, echoes: wrote }, toCreatio: NOTHING });
}

/**
 * The cycle after a person changed one record on each side: each change crosses once, and the reverse flow
 * reads the forward flow's update back as an echo.
 */
export async function expectEachChangeCrossesOnce(cycle: Cycle): Promise<void> {
  const c = await cycle();
  expect(c.toQb).toEqual({ read: 1, echoes: 0, created: 0, updated: 1 });
  expect(c.toCreatio).toEqual({ read: 2, echoes: 1, created: 0, updated: 1 });
}

/** The cycle after that: the record the reverse flow updated comes back to the forward flow as an echo; nothing bounces. */
export async function expectNothingBounces(cycle: Cycle): Promise<void> {
  expect(await cycle()).toEqual({ toQb: { ...NOTHING, read: 1, echoes: 1 }, toCreatio: NOTHING });
}

/** One cycle: each flow once, in turn, toward QuickBooks first; what each read, left out and wrote. */
export async function pairCycle(
  weft: Weft,
  toQb: PairWay,
  toCreatio: PairWay,
): Promise<{ toQb: WayCounts; toCreatio: WayCounts }> {
  const way = async (w: PairWay): Promise<WayCounts> => {
    const run = await runTemplate(weft, w.template);
    expect(run.status).not.toBe('failed');
    const [read, wrote] = await Promise.all([
      sinkCounts(weft, run.runId, w.source),
      sinkCounts(weft, run.runId, w.sink),
    ]);
    return { read: read.in, echoes: read.skipped, created: wrote.created, updated: wrote.updated };
  };
  return { toQb: await way(toQb), toCreatio: await way(toCreatio) };
}

/**
 * The Creatio accounts of that name, with their phone (the field the accounts pairs change on either side),
 * type and active status (what the vendors flow picks its accounts by).
 */
export const accountsNamed = (weft: Weft, name: string) =>
  weft
    .sandboxes!.creatio.db.prepare('SELECT "Id", "Phone", "TypeId", "UsrActiveId" FROM "Account" WHERE "Name" = ?')
    .all(name) as { Id: string; Phone: string | null; TypeId: string | null; UsrActiveId: string | null }[];

/** The Creatio contacts of that name: phone, account (none for a person account) and the name of their type. */
export const contactsNamed = (weft: Weft, name: string) =>
  weft
    .sandboxes!.creatio.db.prepare(
      'SELECT c."Id", c."Phone", c."AccountId", t."Name" AS "Type" FROM "Contact" c ' +
        'LEFT JOIN "ContactType" t ON t."Id" = c."TypeId" WHERE c."Name" = ?',
    )
    .all(name) as { Id: string; Phone: string | null; AccountId: string | null; Type: string | null }[];

/** The Id of the Supplier row of the Creatio account types. */
export const supplierTypeId = (weft: Weft) =>
  (
    weft.sandboxes!.creatio.db.prepare('SELECT "Id" FROM "AccountType" WHERE "Name" = ?').get('Supplier') as {
      Id: string;
    }
  ).Id;

/** Two active accounts, each alone with its name and bound to the QuickBooks customer of that name. */
export function twoBoundAccounts(weft: Weft, hasCustomer: (name: string) => boolean): [string, string] {
  const active = weft
    .sandboxes!.creatio.db.prepare('SELECT "Name" FROM "Account" WHERE "UsrActiveId" = ?')
    .all(ACTIVE_YES_ID) as { Name: string }[];
  const names = active.map((a) => a.Name).filter((n) => hasCustomer(n) && accountsNamed(weft, n).length === 1);
  return [names[0], names[1]];
}
