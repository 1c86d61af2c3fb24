// The contact-addresses node against the Creatio simulator over HTTP: "No" writes nothing, "For Primary Contact"
// writes only the account's primary contact, "For All Contacts" every contact of the account, a second run
// writes nothing (values already there), a customer not linked to an account passes on, and a city Creatio
// does not list is named in the note while the street still arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCreatioSandbox, type CreatioSandbox } from '../../sandbox/creatio/index';
import { demoAccount } from '../../sandbox/demo-data';
import type { FlowRecord } from '../define-node';
import { memoryContext } from '../testing/memory-node-context';
import { CreatioClient } from './creatio-client';
import { creatioContactAddressesNode as node } from './creatio-contact-addresses.node';

let sb: CreatioSandbox;
let client: CreatioClient;
let accountId: string;
beforeAll(async () => {
  // Account 3 of the seed has two contacts; the first is its primary contact.
  sb = await startCreatioSandbox({ seed: { accounts: 4 } });
  client = new CreatioClient({ baseUrl: sb.baseUrl, username: sb.username, password: sb.password });
  const name = demoAccount(3).name;
  const [acc] = (await client.list('Account', { filter: `Name eq '${name}'`, select: ['Id'] })).value;
  accountId = String(acc.Id);
  if (!(await client.list('City', { filter: "Name eq 'Toronto'" })).value.length)
    await client.create('City', { Name: 'Toronto' });
});
afterAll(() => sb.close());

const customer = (
  key: string,
  addr: Record<string, string>,
  targetId: string | null,
  field = 'BillAddr',
): FlowRecord => ({
  key,
  data: { Id: key, DisplayName: `Customer ${key}`, [field]: addr },
  meta: {
    source: { node: 'customers', system: 'quickbooks-online', entity: 'Customer', connection: 'qbo' },
    binding: { system: 'creatio', entity: 'Account', connection: 'crm', targetId, matchedBy: 'cross-reference' },
  },
});
const run = async (sync: string, batch: FlowRecord[], address = 'BillAddr') => {
  const x = memoryContext({
    crm: { kind: 'creatio', settings: { baseUrl: sb.baseUrl, username: sb.username, password: sb.password } },
  });
  const c = node.config.parse({ connection: 'crm', sync, address });
  const state = await node.open!(x, c);
  return { results: await node.process(x, c, state, batch), note: node.note!(state) };
};
const contacts = async () =>
  (
    await client.list('Contact', {
      filter: `Account/Id eq ${accountId}`,
      select: ['Id', 'Address', 'Zip', 'CityId', 'ModifiedOn'],
      expand: 'City($select=Name)',
      orderby: 'CreatedOn',
    })
  ).value as { Id: string; Address: string; Zip: string; City: { Name: string } | null; ModifiedOn: string }[];

describe('creatio.contact-addresses', () => {
  const toronto = { Line1: '1 Bay St', City: 'Toronto', PostalCode: 'M5J 2N8' };

  it('with "No", passes every customer on and touches no contact', async () => {
    const before = await contacts();
    expect(before.length).toBeGreaterThanOrEqual(2);
    const { results } = await run('no', [customer('1', toronto, accountId)]);
    expect(results.map((r) => r.outcome)).toEqual(['passed']);
    expect(await contacts()).toEqual(before);
  });

  it('for the primary contact, writes the billing address to it alone; a second run writes nothing', async () => {
    const { results, note } = await run('primary-contact', [customer('1', toronto, accountId)]);
    expect(results[0]).toMatchObject({ outcome: 'passed', port: 'out' });
    expect(note).toBeNull();
    const [primary, other] = await contacts();
    expect(primary).toMatchObject({ Address: '1 Bay St', Zip: 'M5J 2N8', City: { Name: 'Toronto' } });
    expect(other.Address).not.toBe('1 Bay St');

    await run('primary-contact', [customer('1', toronto, accountId)]);
    expect((await contacts())[0].ModifiedOn).toBe(primary.ModifiedOn); // unchanged: not written again
  });

  it('for all contacts, writes every contact of the account; a city Creatio lacks is named in the note', async () => {
    const addr = { Line1: '77 Rue Haute', City: 'Atlantis', PostalCode: '4000', Country: '' };
    const { results, note } = await run('all-contacts', [customer('1', addr, accountId), customer('2', addr, null)]);
    expect(results.map((r) => r.outcome)).toEqual(['passed', 'passed']);
    for (const c of await contacts()) expect(c).toMatchObject({ Address: '77 Rue Haute', Zip: '4000' });
    expect(note).toBe(
      'Creatio has no single City "Atlantis": those contacts kept their city or country. ' +
        'Add the name to the lookup in Creatio (or correct it in QuickBooks), then reprocess.',
    );
  });

  it("reads a QuickBooks Desktop customer's BillAddress (Addr1, City, PostalCode)", async () => {
    const addr = { Addr1: '5 King St W', City: 'Toronto', State: 'ON', PostalCode: 'M5H 1A1' };
    const { results } = await run('all-contacts', [customer('1', addr, accountId, 'BillAddress')], 'BillAddress');
    expect(results[0].outcome).toBe('passed');
    for (const c of await contacts())
      expect(c).toMatchObject({ Address: '5 King St W', Zip: 'M5H 1A1', City: { Name: 'Toronto' } });
  });
});
