// Dry run (issue 14), sink by sink against the sandboxes: each decides create or update as a
// real run would, and the sandbox serves no write request (its own counter, not ours); nothing
// is bound or acknowledged. The real run afterwards creates exactly what the dry run said.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { demoAccount } from '../sandbox/demo-data';
import { seededAccountId, startCreatioSandbox, type CreatioSandbox } from '../sandbox/creatio/index';
import { startQboSandbox, type QboSandbox } from '../sandbox/quickbooks-online/index';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from '../server/qbwc/test-qbwc';
import type { FlowRecord, NodeContext, RecordResult } from './define-node';
import { memoryContext, type MemoryContext } from './testing/memory-node-context';
import { creatioSink } from './creatio/creatio-sink.node';
import { qboBindingNode } from './quickbooks/online/qbo-binding.node';
import { qboSinkNode } from './quickbooks/online/qbo-sink.node';
import { qbdBindingNode } from './quickbooks/desktop/qbd-binding.node';
import { qbdSinkNode } from './quickbooks/desktop/qbd-sink.node';

type Node = { config: { parse(x: unknown): unknown }; open?: unknown; process: unknown };

async function process(ctx: NodeContext, node: Node, config: Record<string, unknown>, batch: FlowRecord[]) {
  const c = node.config.parse(config);
  const state = await (node.open as (x: NodeContext, c: unknown) => Promise<unknown>)(ctx, c);
  const run = node.process as (x: NodeContext, c: unknown, s: unknown, b: FlowRecord[]) => Promise<RecordResult[]>;
  return run(ctx, c, state, batch);
}

const account = (i: number): FlowRecord => ({
  key: `acc-${i}`,
  data: { Name: demoAccount(i).name },
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account', connection: 'creatio-sandbox' } },
});
const outcomes = (rs: RecordResult[]) => rs.map((r) => [r.record.key, r.outcome]);
const count = (rs: RecordResult[], o: string) => rs.filter((r) => r.outcome === o).length;

describe('dry run: QuickBooks Online sink', () => {
  let s: QboSandbox;
  let ctx: MemoryContext;
  beforeEach(async () => {
    s = await startQboSandbox({ limits: false, seed: { accounts: 40 } });
    const settings = {
      baseUrl: s.baseUrl,
      tokenUrl: s.tokenUrl,
      realmId: s.realmId,
      clientId: s.clientId,
      clientSecret: s.clientSecret,
      refreshToken: s.refreshToken,
    };
    ctx = memoryContext({ qbo: { kind: 'quickbooks-online', settings } });
  });
  afterEach(() => s.close());

  it('says create or update per record, sends no write, and the real run then creates as many', async () => {
    // acc-3 and acc-13 are already in QuickBooks (matched by name): updates; the rest would be created.
    const bound = await process(ctx, qboBindingNode, { connection: 'qbo' }, [0, 1, 3, 13].map(account));
    const mapped = bound.map((r) => ({ ...r.record, data: { DisplayName: r.record.data.Name } }));
    const writes = s.stats.writes;
    const dry = await process({ ...ctx, dryRun: true }, qboSinkNode, { connection: 'qbo' }, structuredClone(mapped));
    expect(outcomes(dry)).toEqual([
      ['acc-0', 'created'],
      ['acc-1', 'created'],
      ['acc-3', 'updated'],
      ['acc-13', 'updated'],
    ]);
    expect(s.stats.writes).toBe(writes);
    expect(ctx.bindings.size).toBe(0);
    expect(ctx.acks.size).toBe(0);

    const real = await process(ctx, qboSinkNode, { connection: 'qbo' }, mapped);
    expect(count(real, 'created')).toBe(count(dry, 'created'));
    expect(count(real, 'updated')).toBe(count(dry, 'updated'));
    expect(s.stats.writes).toBeGreaterThan(writes);
  });
});

describe('dry run: Creatio sink', () => {
  let sb: CreatioSandbox;
  let ctx: MemoryContext;
  beforeEach(async () => {
    sb = await startCreatioSandbox({ seed: { accounts: 10 } });
    const settings = { baseUrl: sb.baseUrl, username: sb.username, password: sb.password };
    ctx = memoryContext({ creatio: { kind: 'creatio', settings } });
  });
  afterEach(() => sb.close());

  it('links become updates, the rest creates, a deletion is skipped, and Creatio serves no write', async () => {
    const rec = (key: string, targetId: string | null, deleted = false): FlowRecord => ({
      key,
      data: { Name: `Dry ${key}` },
      meta: {
        source: { node: 'qb', system: 'quickbooks-online', entity: 'Customer' },
        binding: { system: 'creatio', entity: 'Account', targetId, matchedBy: targetId ? 'cross-reference' : 'none' },
        ...(deleted ? { deleted } : {}),
      },
    });
    const batch = [rec('qb-1', null), rec('qb-2', seededAccountId(2)), rec('qb-3', null, true)];
    const writes = sb.stats.writes;
    const dry = await process({ ...ctx, dryRun: true }, creatioSink, { connection: 'creatio' }, structuredClone(batch));
    expect(outcomes(dry)).toEqual([
      ['qb-3', 'skipped'],
      ['qb-1', 'created'],
      ['qb-2', 'updated'],
    ]);
    expect(sb.stats.writes).toBe(writes);
    expect(ctx.bindings.size).toBe(0);
    expect(ctx.acks.size).toBe(0);

    const real = await process(ctx, creatioSink, { connection: 'creatio' }, batch);
    expect(outcomes(real)).toEqual(outcomes(dry));
    expect(sb.stats.writes).toBe(writes + 2);
  });
});

for (const db of testDatabases()) {
  describe(`dry run: QuickBooks Desktop sink on ${db.name}`, () => {
    let rig: QbwcRig;
    let ctx: MemoryContext;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbddry'), { sandbox: { seed: { accounts: 20 } } });
      ctx = {
        ...memoryContext({
          [LOGIN.connectionId]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } },
        }),
        desktop: rig.outbox,
      };
      rig.sandbox.start(20);
    });
    afterEach(() => rig.close());

    it('queues no Add or Mod for the Web Connector, yet decides as the real run does', async () => {
      const conn = { connection: LOGIN.connectionId };
      // The binding's name look-ups do go through the Web Connector: a dry run reads.
      const bound = await process(ctx, qbdBindingNode, conn, [0, 1, 3, 13].map(account));
      const mapped = bound.map((r) => ({ ...r.record, data: { Name: r.record.data.Name, Phone: '+1 555 0100' } }));
      const writes = rig.sandbox.file.writeRequests;
      const customers = rig.sandbox.file.customerCount();
      const dry = await process({ ...ctx, dryRun: true }, qbdSinkNode, conn, structuredClone(mapped));
      expect(outcomes(dry)).toEqual([
        ['acc-0', 'created'],
        ['acc-1', 'created'],
        ['acc-3', 'updated'],
        ['acc-13', 'updated'],
      ]);
      expect(rig.sandbox.file.writeRequests).toBe(writes);
      expect(rig.sandbox.file.customerCount()).toBe(customers);
      const queued = async () =>
        (
          await rig.pool.query(
            `SELECT count(*)::int AS n FROM weft_desktop_requests WHERE request->>'type' ~ '(Add|Mod|Del)$'`,
          )
        ).rows[0].n as number;
      expect(await queued()).toBe(0);
      expect(ctx.bindings.size).toBe(0);

      const real = await process(ctx, qbdSinkNode, conn, mapped);
      expect(count(real, 'created')).toBe(count(dry, 'created'));
      expect(rig.sandbox.file.customerCount()).toBe(customers + count(dry, 'created'));
      expect(await queued()).toBe(dry.length); // the real run's Adds and Mods, which the dry run held back
      expect(rig.sandbox.file.writeRequests).toBeGreaterThan(writes);
    });
  });
}
