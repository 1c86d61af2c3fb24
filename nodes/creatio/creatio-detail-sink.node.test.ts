// The detail sink with a page of written masters, as the engine calls it, against the simulator:
// lines created under their master, a bad line failing its master alone with the line named, a
// dry run sending nothing, and a page sent again after a lost answer creating no second copy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import type { FlowRecord, NodeContext } from '../define-node';
import { CreatioClient } from './creatio-client';
import { creatioDetailSink } from './creatio-detail-sink.node';

let sb: CreatioSandbox;
let api: CreatioClient;
const deposits: string[] = [];
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 1 } });
  api = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
  for (const n of [1, 2, 3]) {
    const [a] = await api.batch([{ method: 'POST', url: 'UsrQBDeposit', body: { UsrName: `Deposit ${n}` } }]);
    deposits.push(String((a.body as { Id: string }).Id));
  }
});
afterAll(() => sb.close());

const ctx = (dryRun = false): NodeContext => ({
  runId: 'r',
  flowId: 'f',
  nodeId: 'write-lines',
  signal: new AbortController().signal,
  log: { info() {}, warn() {}, error() {} },
  now: () => new Date(),
  connection: async (id) => ({
    id,
    kind: 'creatio',
    name: 'sandbox',
    settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password },
    saveSettings: async () => {},
  }),
  xref: { lookup: async () => new Map(), bind: async () => {}, sourcesOf: async () => new Map() },
  setStatus() {},
  effectKey: (r) => r.key,
  dryRun,
});

const written = (key: string, parent: string | null, lines: Record<string, unknown>[]): FlowRecord => ({
  key,
  data: { UsrName: `Deposit ${key}`, Lines: lines },
  meta: {
    source: { node: 'read', system: 'quickbooks-online', entity: 'Deposit' },
    binding: { system: 'creatio', entity: 'UsrQBDeposit', targetId: parent, matchedBy: 'none' },
  },
});
const linesOf = async (deposit: string) =>
  (await api.list('UsrQBDepositLine', { filter: `UsrDeposit/Id eq ${deposit}`, orderby: 'UsrQBLineId' })).value;

describe('creatio.detail-sink', () => {
  const c = creatioDetailSink.config.parse({ connection: 'creatio-test' });

  it('writes the lines under their master; a master whose line Creatio refuses fails alone, the line named', async () => {
    const client = await creatioDetailSink.open!(ctx(), c);
    const page = [
      written('1', deposits[0], [
        { UsrQBLineId: '1', UsrAmount: 10.5, UsrAccount: 'Services' },
        { UsrQBLineId: '2', UsrAmount: 4 },
      ]),
      written('2', deposits[1], [{ UsrQBLineId: '1', UsrAccount: 'x'.repeat(300) }]),
      written('3', deposits[2], [{ UsrAmount: 1 }]),
      written('4', null, [{ UsrQBLineId: '1' }]),
    ];
    const results = await creatioDetailSink.process(ctx(), c, client, page);
    const byKey = new Map(results.map((r) => [r.record.key, r]));
    expect(byKey.get('1')!.outcome).toBe('created');
    expect((await linesOf(deposits[0])).map((l) => [l.UsrQBLineId, l.UsrAmount, l.UsrAccount])).toEqual([
      ['1', 10.5, 'Services'],
      ['2', 4, ''],
    ]);
    expect(byKey.get('2')!.failure!.message).toMatch(
      /^Some lines of Deposit 2 were not written to UsrQBDepositLine: line 1: .*UsrAccount/,
    );
    expect(byKey.get('3')!.failure).toMatchObject({
      code: 'weft.detail.lines',
      field: 'UsrQBLineId',
      message: 'The lines of Deposit 3 were not written to UsrQBDepositLine: its line 1 has no UsrQBLineId.',
      action: 'In the Mapping, fill UsrQBLineId of each line with a value unique within the record, then reprocess.',
    });
    expect(byKey.get('4')!.failure!.message).toBe(
      'The lines of Deposit 4 were not written to UsrQBDepositLine: the record itself was not written to Creatio before them.',
    );

    // The same page again (its answer lost): the lines are found by key and updated, none twice.
    const again = await creatioDetailSink.process(ctx(), c, client, [page[0]]);
    expect(again.map((r) => r.outcome)).toEqual(['updated']);
    expect(await linesOf(deposits[0])).toHaveLength(2);
  });

  it('in a dry run says what it would do and sends nothing', async () => {
    const client = await creatioDetailSink.open!(ctx(true), c);
    const before = (await (await fetch(`${sb.baseUrl}/__sandbox/stats`)).json()) as { writes: number };
    const results = await creatioDetailSink.process(ctx(true), c, client, [
      written('1', deposits[0], [{ UsrQBLineId: '3', UsrAmount: 1 }]),
      written('3', deposits[2], [{ UsrQBLineId: '1', UsrAmount: 1 }]),
    ]);
    expect(results.map((r) => r.outcome)).toEqual(['updated', 'created']);
    const after = (await (await fetch(`${sb.baseUrl}/__sandbox/stats`)).json()) as { writes: number };
    expect(after.writes).toBe(before.writes);
    expect(await linesOf(deposits[0])).toHaveLength(2);
  });
});
