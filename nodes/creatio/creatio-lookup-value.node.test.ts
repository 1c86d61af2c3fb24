// The Creatio lookup-value node against the simulator over HTTP: a name found whatever
// its case, a fixed name, a name the lookup lacks (failed alone, or left empty when so
// configured), and two rows of one name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../testing/memory-node-context';
import { CreatioClient } from './creatio-client';
import { creatioLookupValueNode as node } from './creatio-lookup-value.node';

let sb: CreatioSandbox;
let client: CreatioClient;
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 1 } });
  client = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
});
afterAll(() => sb.close());

const payment = (key: string, method?: string): FlowRecord => ({
  key,
  data: { Id: key, ...(method === undefined ? {} : { PaymentMethodRef: { name: method } }) },
  meta: { source: { node: 'payments', system: 'quickbooks-online', entity: 'Payment', connection: 'qbo' } },
});
const ctx = () =>
  memoryContext({
    crm: { kind: 'creatio', settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password } },
  });
const run = async (config: Record<string, unknown>, batch: FlowRecord[]) => {
  const c = node.config.parse({ connection: 'crm', object: 'UsrPaymentType', into: 'PaymentTypeId', ...config });
  const x = ctx();
  return node.process(x, c, await node.open!(x, c), batch);
};
const idOf = async (object: string, name: string) =>
  (await client.list(object, { filter: `Name eq '${name}'`, select: ['Id'] })).value.map((r) => String(r.Id));

describe('creatio.lookup-value', () => {
  it("puts the Id of the row named like the field's value, ignoring case; a missing name fails its record alone", async () => {
    const [check] = await idOf('UsrPaymentType', 'Check');
    const out = await run({ nameField: 'PaymentMethodRef.name' }, [
      payment('1', ' check '),
      payment('2', 'Bitcoin'),
      payment('3'),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['passed', 'failed', 'failed']);
    expect(out[0].record.data.PaymentTypeId).toBe(check);
    expect(out[1].failure).toEqual({
      code: 'weft.lookup-value.missing',
      field: 'PaymentMethodRef.name',
      message: expect.stringContaining(`Creatio's lookup UsrPaymentType has no row named "Bitcoin".`),
      action: 'Add "Bitcoin" to the UsrPaymentType lookup in Creatio (or correct the value), then reprocess.',
    });
    expect(out[2].failure!.action).toBe('Fill PaymentMethodRef.name in the source, then reprocess.');
  });

  it('leaves the Id empty when so configured, and looks a fixed name up for every record', async () => {
    const left = await run({ nameField: 'PaymentMethodRef.name', whenMissing: 'leave-empty' }, [
      payment('2', 'Bitcoin'),
    ]);
    expect(left[0]).toMatchObject({ outcome: 'passed' });
    expect(left[0].record.data).not.toHaveProperty('PaymentTypeId');
    const [approved] = await idOf('UsrTransactionStatus', 'Approved');
    const fixed = await run({ object: 'UsrTransactionStatus', name: 'Approved', into: 'StatusId' }, [
      payment('1'),
      payment('2'),
    ]);
    expect(fixed.map((r) => r.record.data.StatusId)).toEqual([approved, approved]);
    // A fixed name the lookup lacks is a mistake in the flow: it fails even with "go on without it".
    const typo = await run({ object: 'UsrTransactionStatus', name: 'Aproved', whenMissing: 'leave-empty' }, [
      payment('1'),
    ]);
    expect(typo[0].failure!.message).toContain('has no row named "Aproved"');
  });

  it('refuses to choose between two rows of the same name', async () => {
    await client.create('UsrPaymentType', { Name: 'Cash' });
    const out = await run({ nameField: 'PaymentMethodRef.name' }, [payment('1', 'Cash')]);
    expect(out[0]).toMatchObject({ outcome: 'failed', failure: { code: 'weft.lookup-value.ambiguous' } });
    expect(out[0].failure!.message).toContain('has 2 rows named "Cash"');
  });
});
