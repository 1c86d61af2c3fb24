// The customer options of seed §5.2 on the records an analyst would send: each primary contact method picks the
// contact a person would, the addresses come from the source chosen, and the account hierarchy is cut at the
// levels chosen; a record the option cannot serve fails alone, saying what to do.
import { describe, expect, it } from 'vitest';
import type { FlowRecord, NodeContext } from '../define-node';
import { partyOptionsNode } from './party-options.node';

const ana = {
  Name: 'Ana Ng',
  Email: 'ana@example.test',
  Address: '1 Elm St',
  Zip: '02101',
  City: { Name: 'Boston' },
  Country: { Name: 'United States' },
  DecisionRole: { Name: 'Influencer' },
  UsrLevel: { Name: 'Secondary' },
};
const bjorn = {
  Name: 'Bjørn Müller',
  Email: 'bjorn@example.test',
  Address: '9 Fjord Vei',
  Zip: '0150',
  City: { Name: 'Oslo' },
  Country: { Name: 'Norway' },
  DecisionRole: { Name: 'Decision maker' },
  UsrLevel: { Name: 'Primary' },
};
const account = {
  Id: 'a-3',
  Name: 'Smith & Sons',
  Address: '12 Market Street',
  Zip: '10001',
  City: { Name: 'New York' },
  Country: { Name: 'United States' },
  PrimaryContact: ana,
  ContactCollectionByAccount: [ana, bjorn],
};
const rec = (data: Record<string, unknown>, entity = 'Account') =>
  ({ key: String(data.Id ?? 'x'), data, meta: { source: { system: 'creatio', entity } } }) as unknown as FlowRecord;
const run = async (config: Record<string, unknown>, records: FlowRecord[]) =>
  partyOptionsNode.process({} as NodeContext, partyOptionsNode.config.parse(config), undefined as never, records);
const data = (r: { record: FlowRecord }) =>
  r.record.data as Record<string, unknown> & { PrimaryContactRecord?: { Name: string } };

describe('primary contact selection (seed §5.2)', () => {
  it("picks by the contact's role, by a contact-level field, or by the account's lookup", async () => {
    const by = async (method: string, extra = {}) =>
      data((await run({ primaryContact: method, ...extra }, [rec(account)]))[0]).PrimaryContactRecord?.Name;
    expect(await by('contact-role')).toBe('Bjørn Müller'); // default role name: Decision maker
    expect(await by('contact-role', { roleName: 'influencer' })).toBe('Ana Ng'); // any case
    expect(await by('contact-field')).toBe('Bjørn Müller'); // Level = Primary
    expect(await by('account-lookup')).toBe('Ana Ng');
    expect(await by('none')).toBeUndefined();
  });

  it('goes on without one, or fails the record saying which contact to mark', async () => {
    const none = rec({ ...account, ContactCollectionByAccount: [ana] });
    const [passed] = await run({ primaryContact: 'contact-role' }, [none]);
    expect(passed.outcome).toBe('passed');
    const [failed] = await run({ primaryContact: 'contact-role', whenNoPrimary: 'fail' }, [none]);
    expect(failed).toMatchObject({
      outcome: 'failed',
      failure: {
        message: expect.stringContaining('none of its contacts has the role "Decision maker" (DecisionRole.Name)'),
        action: 'Mark one contact of the account as its primary contact in Creatio, then reprocess this record.',
      },
    });
  });
});

describe('billing and shipping addresses (seed §5.2 "Address Population")', () => {
  const opportunity = {
    Id: 'o-1',
    Title: 'Renewal',
    Account: account,
    UsrBillingStreet: '5 Harbour Rd',
    UsrBillingCity: 'Québec',
    UsrBillingState: 'QC',
    UsrBillingPostalCode: 'G1K 4E4',
    UsrBillingCountry: 'Canada',
  };
  it("takes each address from the account, the opportunity's fields or the primary contact", async () => {
    const [r] = await run(
      {
        primaryContact: 'contact-field',
        billingAddress: 'opportunity',
        shippingAddress: 'primary-contact',
        addressAccount: 'Account',
        contacts: 'Account.ContactCollectionByAccount',
      },
      [rec(opportunity, 'Opportunity')],
    );
    expect(data(r).BillingAddress).toEqual({
      Street: '5 Harbour Rd',
      City: 'Québec',
      State: 'QC',
      PostalCode: 'G1K 4E4',
      Country: 'Canada',
    });
    expect(data(r).ShippingAddress).toEqual({
      Street: '9 Fjord Vei',
      City: 'Oslo',
      State: '',
      PostalCode: '0150',
      Country: 'Norway',
    });
    const [acc] = await run({ billingAddress: 'account', addressAccount: 'Account' }, [rec(opportunity)]);
    expect(data(acc).BillingAddress).toMatchObject({
      Street: '12 Market Street',
      City: 'New York',
      PostalCode: '10001',
    });
    // An empty source leaves the address out rather than writing a blank one over QuickBooks'.
    const [blank] = await run({ billingAddress: 'opportunity' }, [rec({ Id: 'o-2', Title: 'No address' })]);
    expect(data(blank).BillingAddress).toBeUndefined();
  });
});

describe('account hierarchy → Customer:Job levels (seed §5.2 "Hierarchy Propagation")', () => {
  // Holding → Europe → Nordics → Oslo office: the office is three levels below the top customer.
  const holding = { Id: 'h', Name: 'Holding', ParentId: '', Parent: null };
  const europe = { Id: 'e', Name: 'Europe', ParentId: 'h', Parent: holding };
  const nordics = { Id: 'n', Name: 'Nordics', ParentId: 'e', Parent: europe };
  const office = rec({ Id: 'o', Name: 'Oslo office', ParentId: 'n', Parent: nordics });
  const parentAt = async (levels: number) => {
    const [r] = await run({ hierarchyLevels: levels }, [office]);
    return [data(r).ParentAccountId, data(r).HierarchyLevel];
  };
  it('hangs an account under its parent, or under the ancestor on the last level kept', async () => {
    expect(await parentAt(3)).toEqual(['n', 3]);
    expect(await parentAt(5)).toEqual(['n', 3]);
    expect(await parentAt(2)).toEqual(['e', 2]);
    expect(await parentAt(1)).toEqual(['h', 1]);
    const [top] = await run({ hierarchyLevels: 2 }, [rec(holding)]);
    expect([data(top).ParentAccountId, data(top).HierarchyLevel]).toEqual(['', 0]);
    const [off] = await run({ hierarchyLevels: 0 }, [office]);
    expect(data(off).ParentAccountId).toBeUndefined();
  });

  it('fails a record whose parents were not read deep enough, saying how deep to read them', async () => {
    const shallow = rec({
      Id: 'o',
      Name: 'Oslo office',
      ParentId: 'n',
      Parent: { Id: 'n', Name: 'Nordics', ParentId: 'e' },
    });
    const [r] = await run({ hierarchyLevels: 2 }, [shallow]);
    expect(r).toMatchObject({
      outcome: 'failed',
      failure: {
        field: 'Parent',
        message: expect.stringContaining('it does not know the parent of Nordics'),
        action: 'Expand Parent on the source at least 3 levels deep (with Id, Name and ParentId), then reprocess.',
      },
    });
  });
});

describe('the record it was given', () => {
  it('is left as it was: the options write on a copy, also along a nested path', async () => {
    const given = rec(structuredClone(account));
    const before = structuredClone(given.data);
    const [r] = await run(
      { primaryContact: 'contact-role', primaryContactInto: 'Party.Contact', billingAddress: 'account' },
      [given],
    );
    expect((data(r) as { Party?: { Contact?: { Name: string } } }).Party?.Contact?.Name).toBe('Bjørn Müller');
    expect(data(r).BillingAddress).toBeDefined();
    expect(given.data).toEqual(before);
    // The parts not written are shared, not copied: no deep clone of each record.
    expect(data(r).ContactCollectionByAccount).toBe(given.data.ContactCollectionByAccount);
  });
});
