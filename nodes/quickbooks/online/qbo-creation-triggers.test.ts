// Creation triggers on a source and a sink (seed §5.2), against the QuickBooks Online
// sandbox: a record that does not meet the trigger is not created (skipped, with the
// reason) but a record already linked is still updated; the source's trigger, judged on
// the record it read, travels to the sink that would create it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startQboSandbox, type QboSandbox } from '../../../sandbox/quickbooks-online/index';
import type { FlowRecord, RecordResult } from '../../define-node';
import { markCreationWaits, CREATION_TRIGGER_DEFAULTS } from '../../core/creation-triggers';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qboSinkNode } from './qbo-sink.node';
import { qboLiteral } from './qbo-query';

let s: QboSandbox;
let ctx: MemoryContext;

const customer = (key: string, data: Record<string, unknown>, targetId: string | null): FlowRecord => ({
  key,
  data,
  meta: {
    source: { node: 'accounts', system: 'creatio', entity: 'Account' },
    binding: { system: 'quickbooks-online', entity: 'Customer', targetId, matchedBy: targetId ? 'match-rule' : 'none' },
  },
});

async function sink(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboSinkNode.config.parse({ connection: 'qbo', ...config });
  const state = await qboSinkNode.open!(ctx, c);
  return qboSinkNode.process!(ctx, c, state, batch, undefined);
}

async function customersNamed(name: string): Promise<{ Id: string; CompanyName?: string }[]> {
  const token = ctx.settings.get('qbo')!.accessToken as string;
  const q = `select * from Customer where DisplayName = ${qboLiteral(name)}`;
  const res = await fetch(`${s.baseUrl}/v3/company/${s.realmId}/query?query=${encodeURIComponent(q)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return ((await res.json()) as { QueryResponse: { Customer?: { Id: string }[] } }).QueryResponse.Customer ?? [];
}

beforeEach(async () => {
  s = await startQboSandbox({ limits: false, seed: { accounts: 10 } });
  ctx = memoryContext({
    qbo: {
      kind: 'quickbooks-online',
      settings: {
        baseUrl: s.baseUrl,
        tokenUrl: s.tokenUrl,
        realmId: s.realmId,
        clientId: s.clientId,
        clientSecret: s.clientSecret,
        refreshToken: s.refreshToken,
      },
    },
  });
});
afterEach(() => s.close());

describe('creation triggers on sources and sinks', () => {
  it('a sink creates only records that meet its trigger, and updates linked ones whatever it says', async () => {
    const [linked] = await sink({}, [customer('linked', { DisplayName: 'Trigger Linked Co' }, null)]);
    const linkedId = linked.record.meta.binding!.targetId!;

    const trigger = { createWhen: 'field-has-value', triggerField: 'CompanyName' };
    const out = await sink(trigger, [
      customer('waits', { DisplayName: 'Trigger Waiting Co' }, null),
      customer('ready', { DisplayName: 'Trigger Ready Co', CompanyName: 'Ready Inc' }, null),
      customer('linked', { DisplayName: 'Trigger Linked Co', Notes: 'updated' }, linkedId),
    ]);
    const byKey = new Map(out.map((r) => [r.record.key, r]));
    expect(byKey.get('waits')).toMatchObject({
      outcome: 'skipped',
      failure: {
        code: 'weft.binding.not-triggered',
        message: 'Not created in QuickBooks Online as a new Customer yet: CompanyName is empty.',
      },
    });
    expect(byKey.get('ready')!.outcome).toBe('created');
    expect(byKey.get('linked')!.outcome).toBe('updated');
    expect(await customersNamed('Trigger Waiting Co')).toEqual([]);
    expect(await customersNamed('Trigger Ready Co')).toHaveLength(1);
  });

  it("a source's trigger (an opportunity not won yet) keeps the sink from creating it, not from updating", async () => {
    const read = (key: string, stage: string, name: string, targetId: string | null) =>
      customer(key, { DisplayName: name, Stage: { Name: stage } }, targetId);
    const [made] = await sink({}, [customer('old', { DisplayName: 'Trigger Won Before' }, null)]);
    const wonBefore = made.record.meta.binding!.targetId!;
    // What the source does to the page it read: "create new records when the opportunity is won".
    const page = markCreationWaits({ ...CREATION_TRIGGER_DEFAULTS, createWhen: 'won' }, [
      read('open', 'Proposal', 'Trigger Open Deal', null),
      read('won', 'Closed won', 'Trigger Won Deal', null),
      read('old', 'Proposal', 'Trigger Won Before', wonBefore),
    ]);
    // The mapping keeps the mark; the sink's own setting is the default.
    const out = await sink(
      {},
      page.map((r) => ({ ...r, data: { DisplayName: r.data.DisplayName } })),
    );
    expect(made.outcome).toBe('created');
    expect(out.map((r) => [r.record.key, r.outcome])).toEqual(
      expect.arrayContaining([
        ['open', 'skipped'],
        ['won', 'created'],
        ['old', 'updated'],
      ]),
    );
    expect(out.find((r) => r.record.key === 'open')!.failure!.message).toBe(
      'Not created in QuickBooks Online as a new Customer yet: it is not won yet (Stage.Name is "Proposal", not "Closed won").',
    );
    expect(await customersNamed('Trigger Open Deal')).toEqual([]);
  });
});
