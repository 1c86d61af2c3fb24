import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX, demoAccount, isAlreadyInQuickBooks } from '../../../sandbox/demo-data';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import type { FlowRecord } from '../../define-node';
import { qboBindingNode } from './qbo-binding.node';
import { qboLiteral } from './qbo-query';
import { qboSinkNode } from './qbo-sink.node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { QboGovernor } from './qbo-governor';
import { virtualClock } from '../../testing/qbo-sandbox';

let s: QboSandbox;
let ctx: MemoryContext;

const account = (key: string, Name: string, extra: Record<string, unknown> = {}): FlowRecord => ({
  key,
  data: { Name, ...extra },
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account' } },
});
const customer = (key: string, data: Record<string, unknown>, binding?: FlowRecord['meta']['binding']): FlowRecord => ({
  key,
  data,
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account' }, ...(binding ? { binding } : {}) },
});

function settings(extra: Record<string, unknown> = {}) {
  return {
    baseUrl: s.baseUrl,
    tokenUrl: s.tokenUrl,
    realmId: s.realmId,
    clientId: s.clientId,
    clientSecret: s.clientSecret,
    refreshToken: s.refreshToken,
    ...extra,
  };
}

async function run<C>(
  node: { config: { parse(x: unknown): C }; open?: unknown; process: unknown },
  config: Record<string, unknown>,
  batch: FlowRecord[],
) {
  const c = node.config.parse(config);
  const state = await (node.open as (x: MemoryContext, c: C) => Promise<unknown>)(ctx, c);
  return (
    node.process as (
      x: MemoryContext,
      c: C,
      st: unknown,
      b: FlowRecord[],
    ) => Promise<import('../../define-node').RecordResult[]>
  )(ctx, c, state, batch);
}

async function qboCount(where: string) {
  const token = ctx.settings.get('qbo')!.accessToken as string;
  const res = await fetch(
    `${s.baseUrl}/v3/company/${s.realmId}/query?query=${encodeURIComponent(`select count(*) from Customer where ${where} AND Active IN (true, false)`)}`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return ((await res.json()) as { QueryResponse: { totalCount: number } }).QueryResponse.totalCount;
}

beforeEach(async () => {
  s = await startQboSandbox({ limits: false, seed: { accounts: 40 } });
  ctx = memoryContext({ qbo: { kind: 'quickbooks-online', settings: settings() } });
});
afterEach(() => s.close());

describe('quickbooks-online.binding', () => {
  it('matches demo accounts already in QuickBooks by name and leaves the rest to be created', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => account(`acc-${i}`, demoAccount(i).name));
    const out = await run(qboBindingNode, { connection: 'qbo' }, batch);
    // The demo's duplicate pair shares one name: both fail rather than fight over one customer.
    const pair = [`acc-${DUPLICATE_INDEX}`, `acc-${DUPLICATE_INDEX + 1}`];
    expect(out.filter((r) => r.outcome === 'failed').map((r) => [r.record.key, r.failure!.code])).toEqual(
      pair.map((k) => [k, 'weft.binding.duplicate-source']),
    );
    expect(out.filter((r) => r.outcome === 'passed' && r.port === 'out')).toHaveLength(18);
    const matched = out.filter((r) => r.record.meta.binding?.matchedBy === 'match-rule').map((r) => r.record.key);
    expect(matched).toEqual(['acc-3', 'acc-13']);
    expect(matched).toEqual(batch.filter((_, i) => isAlreadyInQuickBooks(i)).map((r) => r.key));
    expect(out.find((r) => r.record.key === 'acc-3')!.record.meta.binding).toMatchObject({
      system: 'quickbooks-online',
      entity: 'Customer',
      targetId: '1',
      version: '0',
    });
    expect(out.find((r) => r.record.key === 'acc-0')!.record.meta.binding).toMatchObject({
      targetId: null,
      matchedBy: 'none',
    });
    // Within a day QuickBooks answers a refresh with the same refresh token (intuit/oauth-jsclient#74); its end is saved.
    expect(ctx.saved[0]).toMatchObject({
      refreshToken: s.refreshToken,
      refreshTokenExpiresAt: expect.stringMatching(/^\d{4}-/),
    });
  });

  it('matches regardless of case and blanks, and finds inactive customers instead of creating a twin', async () => {
    const [r1] = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('x', { DisplayName: "Sleepy O'Neil & Co", Active: false }),
    ]);
    expect(r1.outcome).toBe('created');
    const out = await run(qboBindingNode, { connection: 'qbo' }, [
      account('a', "  sleepy o'neil & co "),
      account('b', demoAccount(3).name.toUpperCase()),
    ]);
    expect(out.map((r) => r.record.meta.binding?.matchedBy)).toEqual(['match-rule', 'match-rule']);
  });

  it('fails both records when two source records would become one QuickBooks customer', async () => {
    const out = await run(qboBindingNode, { connection: 'qbo' }, [
      account('a', 'Twin Co'),
      account('b', 'twin co'),
      account('c', 'Single Co'),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['failed', 'failed', 'passed']);
    expect(out[0].failure).toMatchObject({ code: 'weft.binding.duplicate-source', field: 'Name' });
    expect(out[0].failure!.message).toContain('a, b');
  });

  it('fails a record whose match finds several QuickBooks rows', async () => {
    await run(qboSinkNode, { connection: 'qbo' }, [
      customer('1', { DisplayName: 'Dup A', CompanyName: 'Same Company' }),
      customer('2', { DisplayName: 'Dup B', CompanyName: 'Same Company' }),
    ]);
    const [r] = await run(
      qboBindingNode,
      { connection: 'qbo', matchTargetField: 'CompanyName', matchSourceField: 'Company' },
      [account('z', 'Whatever', { Company: 'Same Company' })],
    );
    expect(r.outcome).toBe('failed');
    expect(r.failure!.code).toBe('weft.binding.duplicate-target');
    expect(r.failure!.action).toContain('Merge or rename the duplicates in QuickBooks');
  });

  it('applies the permitted operations: skipped records carry a reason and are not forwarded', async () => {
    const batch = () => [account('acc-3', demoAccount(3).name), account('acc-0', demoAccount(0).name)];
    const createOnly = await run(qboBindingNode, { connection: 'qbo', operations: 'create-only' }, batch());
    expect(createOnly.map((r) => [r.outcome, r.port])).toEqual([
      ['skipped', undefined],
      ['passed', 'out'],
    ]);
    expect(createOnly[0].failure!.message).toContain('only creates');
    const updateOnly = await run(qboBindingNode, { connection: 'qbo', operations: 'update-only' }, batch());
    expect(updateOnly.map((r) => r.outcome)).toEqual(['passed', 'skipped']);
  });
});

describe('quickbooks-online.sink', () => {
  it('creates and updates through batch, binds them, and the next binding uses the cross-reference', async () => {
    const bound = await run(qboBindingNode, { connection: 'qbo' }, [
      account('acc-3', demoAccount(3).name),
      account('acc-0', demoAccount(0).name),
    ]);
    const mapped = bound.map((r) => ({
      ...r.record,
      data: { DisplayName: r.record.data.Name, PrimaryPhone: { FreeFormNumber: '+1 555 0199' } },
    }));
    const out = await run(qboSinkNode, { connection: 'qbo' }, mapped);
    expect(out.map((r) => [r.record.key, r.outcome, r.port])).toEqual([
      ['acc-3', 'updated', 'done'],
      ['acc-0', 'created', 'done'],
    ]);
    expect(out[0].record.meta.binding).toMatchObject({ targetId: '1', version: '1', matchedBy: 'match-rule' });
    const again = await run(qboBindingNode, { connection: 'qbo' }, [account('acc-0', demoAccount(0).name)]);
    expect(again[0].record.meta.binding).toMatchObject({
      matchedBy: 'cross-reference',
      targetId: out[1].record.meta.binding!.targetId,
    });
    expect(await qboCount(`DisplayName = ${qboLiteral(demoAccount(0).name)}`)).toBe(1);
  });

  it("hands QuickBooks' answer on for a next step only when one is connected (issue 19: memory at a slow sink)", async () => {
    const written = await run(qboSinkNode, { connection: 'qbo' }, [customer('k1', { DisplayName: 'Answer Kept' })]);
    expect(written[0].record.meta.saved).toMatchObject({ DisplayName: 'Answer Kept', SyncToken: '0' });
    ctx.outputUnused = true; // the sink ends the flow: no write-back step reads the answer
    const last = await run(qboSinkNode, { connection: 'qbo' }, [customer('k2', { DisplayName: 'Answer Dropped' })]);
    expect(last[0]).toMatchObject({
      outcome: 'created',
      record: { meta: { binding: { targetId: expect.any(String) } } },
    });
    expect(last[0].record.meta.saved).toBeUndefined();
  });

  it('a field mapped "only when creating" is in the create and left out of the sparse update (issue 15)', async () => {
    const once = (data: Record<string, unknown>, binding?: FlowRecord['meta']['binding']): FlowRecord => {
      const r = customer('k-once', data, binding);
      return { ...r, meta: { ...r.meta, createOnly: ['Notes', 'BillAddr.Line1', 'BillAddr.City'] } };
    };
    const [made] = await run(qboSinkNode, { connection: 'qbo' }, [
      once({ DisplayName: 'Once Co', Notes: 'Key account', BillAddr: { Line1: '1 Main St', City: 'Boston' } }),
    ]);
    expect(made.outcome).toBe('created');
    const [updated] = await run(qboSinkNode, { connection: 'qbo' }, [
      once(
        { DisplayName: 'Once Co Ltd', Notes: 'Overwritten', BillAddr: { Line1: '9 Other Rd', City: 'Salem' } },
        made.record.meta.binding,
      ),
    ]);
    expect(updated.outcome).toBe('updated');
    const row = s.store.all(s.realmId, 'Customer').find((r) => r.id === made.record.meta.binding!.targetId)!;
    expect(row.body).toMatchObject({
      DisplayName: 'Once Co Ltd',
      Notes: 'Key account',
      BillAddr: { Line1: '1 Main St', City: 'Boston' },
    });
  });

  it('a rerun after a lost answer replays instead of creating twice', async () => {
    const batch = () => [customer('k1', { DisplayName: 'Rerun Co' }), customer('k2', { DisplayName: 'Rerun Two' })];
    s.faults.add({ kind: 'drop', afterWrite: true, path: '/batch', times: 1 });
    const first = await run(qboSinkNode, { connection: 'qbo' }, batch());
    expect(first.map((r) => r.outcome)).toEqual(['created', 'created']);
    ctx.bindings.clear(); // as if the run crashed before the cross-reference was saved
    const second = await run(qboSinkNode, { connection: 'qbo' }, batch());
    expect(second.map((r) => r.record.meta.binding!.targetId)).toEqual(
      first.map((r) => r.record.meta.binding!.targetId),
    );
    expect(await qboCount("DisplayName LIKE 'Rerun %'")).toBe(2);
  });

  it('a page replayed after a crash sends nothing QuickBooks acknowledged, and counts it as done', async () => {
    const batch = () => [customer('a1', { DisplayName: 'Acked One' }), customer('a2', { DisplayName: 'Acked Two' })];
    const first = await run(qboSinkNode, { connection: 'qbo' }, batch());
    const writes = s.stats.writes;
    // The crash came after the cross-reference was saved, before the page's commit: the replayed
    // page's records arrive bound, as updates of what was just created.
    const replay = await run(
      qboSinkNode,
      { connection: 'qbo' },
      batch().map((r, i) => ({ ...r, meta: { ...r.meta, binding: { ...first[i].record.meta.binding! } } })),
    );
    expect(s.stats.writes).toBe(writes);
    expect(replay.map((r) => [r.outcome, r.record.meta.binding!.targetId])).toEqual(
      first.map((r) => ['updated', r.record.meta.binding!.targetId]),
    );
    // A later change of the same record is a new write.
    const changed = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('a1', { DisplayName: 'Acked One', Notes: 'changed' }, replay[0].record.meta.binding),
    ]);
    expect(changed[0].outcome).toBe('updated');
    expect(s.stats.writes).toBe(writes + 1);
  });

  it('a create whose answer was lost, found by name on the replay, goes out with the same requestid and is not written again', async () => {
    const batch = () => [account('l1', 'Lost Answer One'), account('l2', 'Lost Answer Two')];
    const mapped = (rs: FlowRecord[]) => rs.map((r) => ({ ...r, data: { DisplayName: r.data.Name } }));
    const sent = await run(qboSinkNode, { connection: 'qbo' }, mapped(batch()));
    ctx.acks.clear(); // the answer was lost with the worker: nothing was acknowledged, nothing bound
    ctx.bindings.clear();
    const writes = s.stats.writes;
    const found = await run(qboBindingNode, { connection: 'qbo' }, batch());
    expect(found.map((r) => r.record.meta.binding?.matchedBy)).toEqual(['match-rule', 'match-rule']);
    const replay = await run(qboSinkNode, { connection: 'qbo' }, mapped(found.map((r) => r.record)));
    expect(s.stats.writes).toBe(writes);
    expect(replay.map((r) => r.record.meta.binding!.targetId)).toEqual(
      sent.map((r) => r.record.meta.binding!.targetId),
    );
    expect(await qboCount("DisplayName LIKE 'Lost Answer %'")).toBe(2);
  });

  it('a stale SyncToken on a replayed update is resolved by re-reading: no write when QuickBooks holds our values already', async () => {
    const [made] = await run(qboSinkNode, { connection: 'qbo' }, [customer('r', { DisplayName: 'Reread Co' })]);
    const binding = { ...made.record.meta.binding! };
    const [ours] = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('r', { DisplayName: 'Reread Co', Notes: 'ours' }, { ...binding }),
    ]);
    // A person edits a field the mapping does not own, then our update is replayed with the old SyncToken.
    const person = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('p', { GivenName: 'Edited' }, { ...ours.record.meta.binding! }),
    ]);
    ctx.acks.clear();
    const writes = s.stats.writes;
    // In another batch than the first time (so another requestid): QuickBooks refuses the old SyncToken (5010).
    const [replayed, other] = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('r', { DisplayName: 'Reread Co', Notes: 'ours' }, { ...binding }),
      customer('o', { DisplayName: 'Other Co' }),
    ]);
    expect([replayed.outcome, other.outcome]).toEqual(['updated', 'created']);
    // Attempts the sandbox saw: the refused one (5010) and the other customer's create; no third.
    expect(s.stats.writes).toBe(writes + 2);
    // Not written again: the SyncToken is still the one the person's edit made.
    expect(replayed.record.meta.binding!.version).toBe(person[0].record.meta.binding!.version);
  });

  it('fails only the refused records, in plain words with the field and what to do', async () => {
    await run(qboSinkNode, { connection: 'qbo' }, [customer('v', { DisplayName: 'x' })]); // warm up tokens
    const out = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('ok', { DisplayName: 'Café Déjà Vu & <Sons> "Ltd" #1 100%' }),
      customer('dup', { DisplayName: 'Cloud Hosting Inc' }),
      customer('long', { DisplayName: 'Long Co', CompanyName: 'C'.repeat(120) }),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['created', 'failed', 'failed']);
    expect(out[1].failure).toMatchObject({
      code: 'qbo.6240',
      field: 'DisplayName',
      action:
        'A customer, vendor or employee named "Cloud Hosting Inc" already exists in QuickBooks. Bind the record to it, or rename it.',
    });
    expect(out[1].failure!.connection).toBeUndefined();
    expect(out[2].failure).toMatchObject({ code: 'qbo.2050', field: 'CompanyName' });
    expect(out[2].failure!.message).toContain('CompanyName is too long: 120 characters, QuickBooks allows at most 100');
    expect(await qboCount("DisplayName = 'Long Co'")).toBe(0);
    expect(await qboCount(`DisplayName = ${qboLiteral('Café Déjà Vu & <Sons> "Ltd" #1 100%')}`)).toBe(1);
  });

  it('updates a record whose SyncToken went stale (5010) on top of the current version', async () => {
    const [made] = await run(qboSinkNode, { connection: 'qbo' }, [
      customer('s', { DisplayName: 'Stale Co', Notes: 'v1' }),
    ]);
    const binding = { ...made.record.meta.binding! };
    await run(qboSinkNode, { connection: 'qbo' }, [customer('s', { Notes: 'v2 from elsewhere' }, { ...binding })]);
    const [r] = await run(qboSinkNode, { connection: 'qbo' }, [customer('s', { CompanyName: 'Stale Inc' }, binding)]);
    expect(r.outcome).toBe('updated');
    expect(r.record.meta.binding!.version).toBe('2');
  });

  it('marks sign-in failures as connection problems and persists rotated tokens', async () => {
    const good = await run(qboSinkNode, { connection: 'qbo' }, [customer('t', { DisplayName: 'Token Co' })]);
    expect(good[0].outcome).toBe('created');
    expect(ctx.saved.at(-1)).toEqual({
      refreshToken: expect.any(String),
      accessToken: expect.any(String),
      accessTokenExpiresAt: expect.stringMatching(/^\d{4}-/),
      refreshTokenExpiresAt: expect.stringMatching(/^\d{4}-/),
    });
    ctx = memoryContext({
      bad: { kind: 'quickbooks-online', settings: settings({ refreshToken: 'rt-revoked', realmId: s.realmIds[1] }) },
    });
    const out = await run(qboSinkNode, { connection: 'bad' }, [customer('u', { DisplayName: 'Nope Co' })]);
    expect(out[0]).toMatchObject({ outcome: 'failed', failure: { code: 'qbo.invalid_grant', connection: true } });
    expect(out[0].failure!.action).toContain('Reconnect QuickBooks');
  });

  it('shows governor waits on the node and clears them', async () => {
    await s.close();
    s = await startQboSandbox({ limits: { batchPerMinute: 2, windowMs: 600 }, seed: { accounts: 0 } });
    ctx = memoryContext({
      qbo: { kind: 'quickbooks-online', settings: settings({ limits: { batchPerMinute: 2, windowMs: 600 } }) },
    });
    const out = await run(
      qboSinkNode,
      { connection: 'qbo', batchSize: 1 },
      ['A', 'B', 'C', 'D'].map((n) => customer(n, { DisplayName: `Paced ${n}` })),
    );
    expect(out.every((r) => r.outcome === 'created')).toBe(true);
    expect(s.stats.throttled).toBe(0);
    expect(
      ctx.statuses.some((t) => /^waiting \d+ s: QuickBooks rate limit, 2 batch calls per minute$/.test(t ?? '')),
    ).toBe(true);
    expect(ctx.statuses.at(-1)).toBeNull();
  });

  it('after a 429 shows on the node that QuickBooks asked for a 60 s wait and when it resumes, then goes on', async () => {
    const clock = virtualClock(Date.UTC(2026, 6, 1, 12, 0, 0));
    QboGovernor.for(`${s.baseUrl}|${s.realmId}`, {}, clock); // the company's governor, as the node will find it
    s.faults.add({ kind: 'throttle', path: '/batch' }); // Intuit's XML 429, no Retry-After
    const out = await run(
      qboSinkNode,
      { connection: 'qbo' },
      ['A', 'B'].map((n) => customer(n, { DisplayName: `After 429 ${n}` })),
    );
    expect(out.map((r) => r.outcome)).toEqual(['created', 'created']);
    expect(clock.slept).toContain(60_000);
    expect(ctx.statuses).toContain(
      'waiting 60 s: QuickBooks asked Weft to wait (rate limit, HTTP 429); resuming at 12:01:00 UTC',
    );
    expect(ctx.statuses.at(-1)).toBeNull();
  });
});
