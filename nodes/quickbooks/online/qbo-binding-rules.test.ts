// The name rules of issue 14 against the QuickBooks Online sandbox (real HTTP, real query language).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowRecord, RecordResult } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { rig, type Rig } from '../../testing/qbo-sandbox';
import { xrefGroupKey } from './xref-target';
import { qboBindingNode } from './qbo-binding.node';

let q: Rig;
let ctx: MemoryContext;

const account = (key: string, Name: string, Phone: string, extra: Record<string, unknown> = {}): FlowRecord => ({
  key,
  data: { Name, Phone, ...extra },
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account', connection: 'crm' } },
});
const target = { connection: 'qbo', entity: 'Customer', sourceConnection: 'crm', sourceEntity: 'Account' };

async function bind(config: Record<string, unknown>, batch: FlowRecord[]): Promise<RecordResult[]> {
  const c = qboBindingNode.config.parse({ connection: 'qbo', matchSourceField: 'Name', ...config });
  const state = await qboBindingNode.open!(ctx, c);
  return qboBindingNode.process(ctx, c, state, batch);
}

beforeEach(async () => {
  q = await rig({ seed: { accounts: 0 } });
  const s = q.sandbox;
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
  const add = (DisplayName: string, phone: string, City: string) =>
    q.client.create('Customer', {
      DisplayName,
      PrimaryPhone: { FreeFormNumber: phone },
      BillAddr: { Line1: '1 Main St', City, CountrySubDivisionCode: 'MA', PostalCode: '02110', Country: 'USA' },
    });
  await add('Acme, Inc.', '(617) 555-0100', 'Boston');
  await add('ACME Inc', '617-555-0100', 'Albany');
  await add('Globex Corp', '617-555-0200', 'Boston');
});
afterEach(() => q.sandbox.close());

describe('quickbooks-online.binding name rules (sandbox)', () => {
  it('Name+Phone parks two look-alikes with the same phone for review, and binds by phone where it decides', async () => {
    const out = await bind({ matchRule: 'name-phone' }, [
      account('a1', 'Acme Inc', '617 555 0100'),
      account('a2', 'GLOBEX, Corp.', '+1 617 555 0200'),
      account('a3', 'Initech LLC', '617 555 0300'),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['review', 'passed', 'passed']);
    expect(out[0].review!.message).toBe(
      "2 QuickBooks customers look like Creatio account 'Acme Inc' (Name + Phone); Weft cannot tell which one is meant.",
    );
    expect(out[0].review!.candidates.map((c) => c.name).sort()).toEqual(['ACME Inc', 'Acme, Inc.']);
    expect(out[0].review!.target).toEqual(target);
    expect(out[1].record.meta.binding).toMatchObject({ matchedBy: 'match-rule' });
    expect(out[2].record.meta.binding).toMatchObject({ matchedBy: 'none', targetId: null });
  });

  it('Name+Address tells the look-alikes apart by city (street ignored); a differing phone is low confidence', async () => {
    const byAddress = await bind({ matchRule: 'name-address', cityField: 'City', stateField: 'State' }, [
      account('a1', 'acme', '', { City: 'albany', State: 'MA' }),
    ]);
    expect(byAddress[0].outcome).toBe('passed');
    const rows = await q.client.query("select * from Customer where DisplayName = 'ACME Inc'");
    expect(byAddress[0].record.meta.binding?.targetId).toBe(rows.rows[0].Id);

    const doubtful = await bind({ matchRule: 'name-phone' }, [account('a2', 'Globex', '617 555 0999')]);
    expect(doubtful[0].outcome).toBe('review');
    expect(doubtful[0].review!.message).toBe(
      "1 QuickBooks customer has the name of Creatio account 'Globex', but the phone differs.",
    );
  });

  it("follows support's decisions: a pick is a binding, create new goes on unbound, skip is skipped", async () => {
    const [pick] = (await q.client.query("select * from Customer where DisplayName = 'ACME Inc'")).rows;
    await ctx.xref.bind(target, [{ sourceKey: 'a1', targetId: String(pick.Id) }]);
    ctx.decided.set(`${xrefGroupKey(target)}|a2`, 'create-new');
    ctx.decided.set(`${xrefGroupKey(target)}|a3`, 'skip');
    const out = await bind({ matchRule: 'name-phone' }, [
      account('a1', 'Acme Inc', '617 555 0100'),
      account('a2', 'Acme Inc.', '617 555 0100'),
      account('a3', 'ACME', '617 555 0100'),
    ]);
    expect(out.map((r) => [r.outcome, r.record.meta.binding?.matchedBy ?? null])).toEqual([
      ['passed', 'cross-reference'],
      ['passed', 'review'],
      ['skipped', null],
    ]);
  });

  it('binds by the QuickBooks Id kept in a source field before any name', async () => {
    const [globex] = (await q.client.query("select * from Customer where DisplayName = 'Globex Corp'")).rows;
    const out = await bind({ matchRule: 'name-phone', idField: 'UsrQBId' }, [
      account('a1', 'Acme Inc', '617 555 0100', { UsrQBId: String(globex.Id) }),
    ]);
    expect(out[0]).toMatchObject({ outcome: 'passed', record: { meta: { binding: { targetId: String(globex.Id) } } } });
  });

  it('creates only what meets the creation trigger; a look-alike found is updated whatever the trigger', async () => {
    const out = await bind({ matchRule: 'name', createWhen: 'field-has-value', triggerField: 'UsrToQB' }, [
      account('a1', 'Initech LLC', '', {}),
      account('a2', 'Initrode', '', { UsrToQB: 'yes' }),
      account('a3', 'Globex', '', {}),
    ]);
    expect(out.map((r) => r.outcome)).toEqual(['skipped', 'passed', 'passed']);
    expect(out[0].failure?.message).toBe('Not created in QuickBooks as a new Customer yet: UsrToQB is empty.');
    expect(out[2].record.meta.binding).toMatchObject({ matchedBy: 'match-rule' });
  });
});
