// The name rules of issue 14 on the Creatio binding, against the Creatio sandbox over HTTP
// (OData 4 `contains`, $expand of the City lookup).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../testing/memory-node-context';
import { xrefGroupKey } from '../quickbooks/online/xref-target';
import { creatioBinding } from './creatio-binding.node';
import { CreatioClient } from './creatio-client';

let sb: CreatioSandbox;
const ids: Record<string, string> = {};
beforeAll(async () => {
  sb = await startCreatioSandbox({ seed: { accounts: 10 } });
  const client = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
  for (const [Name, Phone, Zip] of [
    ['Quasar Optics, Inc.', '(617) 555-0100', '02110'],
    ['QUASAR OPTICS Inc', '617-555-0100', '12207'],
    ['Nimbus Freight Corp', '617-555-0200', '02110'],
  ])
    ids[Name] = String((await client.create('Account', { Name, Phone, Zip })).Id);
});
afterAll(() => sb.close());

const customer = (key: string, data: Record<string, unknown>): FlowRecord => ({
  key,
  data,
  meta: { source: { node: 'customers', system: 'quickbooks-online', entity: 'Customer', connection: 'qbo' } },
});
const target = { connection: 'crm', entity: 'Account', sourceConnection: 'qbo', sourceEntity: 'Customer' };

async function bind(
  config: Record<string, unknown>,
  batch: FlowRecord[],
  decided: [string, 'create-new' | 'skip'][] = [],
) {
  const ctx = memoryContext({
    crm: { kind: 'creatio', settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password } },
  });
  for (const [key, d] of decided) ctx.decided.set(`${xrefGroupKey(target)}|${key}`, d);
  const c = creatioBinding.config.parse({ connection: 'crm', match: [], ...config });
  return creatioBinding.process(ctx, c, await creatioBinding.open!(ctx, c), batch);
}

describe('creatio.binding name rules (sandbox)', () => {
  it('Name+Phone parks look-alikes and doubtful matches for review; Name+Address binds by postal code', async () => {
    const out = await bind({ matchRule: 'name-phone', phoneField: 'PrimaryPhone.FreeFormNumber' }, [
      customer('1', { DisplayName: 'Quasar Optics Inc', PrimaryPhone: { FreeFormNumber: '617 555 0100' } }),
      customer('2', { DisplayName: 'NIMBUS FREIGHT', PrimaryPhone: { FreeFormNumber: '617 555 0999' } }),
      customer('3', { DisplayName: 'Initech', PrimaryPhone: { FreeFormNumber: '617 555 0300' } }),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['review', 'review', 'passed']);
    expect(out[0].review!.message).toBe(
      "2 Creatio accounts look like QuickBooks customer 'Quasar Optics Inc' (Name + Phone); " +
        'Weft cannot tell which one is meant.',
    );
    expect(out[1].review!.message).toBe(
      "1 Creatio account has the name of QuickBooks customer 'NIMBUS FREIGHT', but the phone differs.",
    );
    expect(out[2].record.meta.binding).toMatchObject({ targetId: null, matchedBy: 'none' });

    const byZip = await bind({ matchRule: 'name-address', postalCodeField: 'BillAddr.PostalCode' }, [
      customer('4', { DisplayName: 'quasar optics', BillAddr: { Line1: 'elsewhere', PostalCode: '12207' } }),
    ]);
    expect(byZip[0].record.meta.binding).toMatchObject({ targetId: ids['QUASAR OPTICS Inc'], matchedBy: 'match-rule' });
  });

  it("follows support's create new and skip", async () => {
    const out = await bind(
      { matchRule: 'name' },
      [customer('5', { DisplayName: 'Quasar Optics' }), customer('6', { DisplayName: 'Quasar Optics' })],
      [
        ['5', 'create-new'],
        ['6', 'skip'],
      ],
    );
    expect(out.map((r) => [r.outcome, r.record.meta.binding?.matchedBy ?? null])).toEqual([
      ['passed', 'review'],
      ['skipped', null],
    ]);
  });
});
