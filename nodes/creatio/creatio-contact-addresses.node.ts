// Seed §5.2 "Address Synchronization" (No, For Primary Contact, For All Contacts): a QuickBooks customer's billing
// address written to the Creatio account's primary contact, or to all its contacts. It sits between the binding
// (which knows the account, meta.binding.targetId) and the mapping, and passes every record on unchanged; a
// customer not yet linked to an account has no contacts to write to. Creatio keeps a contact's address in Address
// and Zip (text) and City and Country (lookups, A7: written by their flat CityId / CountryId); a city or country
// Creatio's lookup does not list is left as it is and named in the node's note. Only values that differ are
// written, so an unchanged customer leaves its contacts' ModifiedOn alone and a paired flow reads nothing back.
import { z } from 'zod';
import { defineNode, type FlowRecord, type RecordResult } from '../define-node';
import { addTo } from '../core/add-to';
import { asText, readPath, recordLabel } from '../core/field-path';
import type { BatchRequest, CreatioClient, Row } from './creatio-client';
import { creatioClientFor } from './creatio-connection';

const config = z.strictObject({
  connection: z.string().min(1, 'Choose the Creatio connection (add one under Connections).'),
  sync: z.enum(['no', 'primary-contact', 'all-contacts']).default('no'),
  /** The customer's billing address on the record: Online's BillAddr or Desktop's BillAddress. */
  address: z.enum(['BillAddr', 'BillAddress']).default('BillAddr'),
});
type Config = z.infer<typeof config>;

interface State {
  client: CreatioClient | null;
  /** Lookup (City, Country) → normalised name → Ids, read on first use. */
  lookups: Map<string, Map<string, string[]>>;
  /** Names a lookup lacks, for the note. */
  unknown: Set<string>;
}

/** Online: Line1, CountrySubDivisionCode; Desktop: Addr1, State. Creatio's contact has no region column. */
function billingAddress(c: Config, r: FlowRecord) {
  const t = (f: string) => asText(readPath(r.data, `${c.address}.${f}`)).trim();
  return { street: t('Line1') || t('Addr1'), zip: t('PostalCode'), city: t('City'), country: t('Country') };
}

const norm = (v: string) => v.trim().toLowerCase();

async function lookupId(state: State, object: string, name: string): Promise<string | undefined> {
  if (!name) return undefined;
  let rows = state.lookups.get(object);
  if (!rows) {
    rows = new Map();
    for await (const page of state.client!.pages(object, { select: ['Id', 'Name'] }))
      for (const r of page) addTo(rows, norm(asText(r.Name)), String(r.Id));
    state.lookups.set(object, rows);
  }
  const ids = rows.get(norm(name));
  if (ids?.length === 1) return ids[0];
  state.unknown.add(`${object} "${name}"`);
  return undefined;
}

/** The contacts to write to: the account's primary contact, or every contact of the account. */
async function contactsOf(c: Config, client: CreatioClient, accountId: string): Promise<Row[]> {
  const select = ['Id', 'Name', 'Address', 'Zip', 'CityId', 'CountryId'];
  if (c.sync === 'all-contacts')
    return (await client.list('Contact', { filter: `Account/Id eq ${accountId}`, select })).value;
  const account = await client.get('Account', accountId, { select: ['PrimaryContactId'] });
  const primary = asText(account.PrimaryContactId);
  if (!primary || /^0{8}-/.test(primary)) return [];
  return (await client.list('Contact', { filter: `Id eq ${primary}`, select })).value;
}

export const creatioContactAddressesNode = defineNode<typeof config, State>({
  type: 'creatio.contact-addresses',
  version: 1,
  title: 'Contact addresses',
  category: 'sink',
  description:
    "Writes the QuickBooks customer's billing address to the Creatio account's primary contact, or to all its contacts.",
  inputs: [{ name: 'in', label: 'Customers linked to accounts' }],
  outputs: [{ name: 'out', label: 'Passed on', recordType: { sameAs: 'in' } }],
  config,
  defaults: { connection: '', sync: 'no', address: 'BillAddr' },
  ui: {
    icon: '⌂',
    color: '#0d6efd',
    fields: {
      connection: { label: 'Creatio connection', widget: 'connection', connectionKind: 'creatio' },
      sync: {
        label: 'Address synchronization',
        widget: 'select',
        help: "The customer's billing address (street, postal code, city, country) onto the account's contacts.",
        options: [
          { value: 'no', label: 'No' },
          { value: 'primary-contact', label: 'For the primary contact' },
          { value: 'all-contacts', label: 'For all contacts' },
        ],
      },
      address: {
        label: "The customer's billing address",
        widget: 'select',
        options: [
          { value: 'BillAddr', label: 'BillAddr (QuickBooks Online)' },
          { value: 'BillAddress', label: 'BillAddress (QuickBooks Desktop)' },
        ],
      },
    },
    summary: (c: Config) =>
      c.sync === 'no'
        ? 'contact addresses left alone'
        : `billing address → ${c.sync === 'primary-contact' ? 'the primary contact' : 'all contacts'}`,
  },
  open: async (ctx, c) => ({
    client: c.sync === 'no' ? null : await creatioClientFor(ctx, c.connection),
    lookups: new Map(),
    unknown: new Set(),
  }),
  note: (s: State) =>
    s.unknown.size
      ? `Creatio has no single ${[...s.unknown].join(', ')}: those contacts kept their city or country. ` +
        'Add the name to the lookup in Creatio (or correct it in QuickBooks), then reprocess.'
      : null,
  async process(ctx, c, state, batch) {
    const results: RecordResult[] = [];
    for (const r of batch) {
      const pass: RecordResult = { record: r, outcome: 'passed', port: 'out' };
      const accountId = r.meta.binding?.targetId;
      const a = billingAddress(c, r);
      // Not linked yet (the account is made after this step, with no contacts), or nothing to write: pass on.
      if (c.sync === 'no' || !state.client || !accountId || !Object.values(a).some(Boolean)) {
        results.push(pass);
        continue;
      }
      const want: Row = {};
      if (a.street) want.Address = a.street;
      if (a.zip) want.Zip = a.zip;
      const city = await lookupId(state, 'City', a.city);
      if (city) want.CityId = city;
      const country = await lookupId(state, 'Country', a.country);
      if (country) want.CountryId = country;
      const contacts = await contactsOf(c, state.client, accountId);
      const requests: BatchRequest[] = [];
      for (const contact of contacts) {
        const patch = Object.fromEntries(Object.entries(want).filter(([k, v]) => contact[k] !== v));
        if (Object.keys(patch).length) requests.push({ method: 'PATCH', url: `Contact(${contact.Id})`, body: patch });
      }
      if (requests.length === 0 || ctx.dryRun) {
        results.push(pass);
        continue;
      }
      const answers = await state.client.batch(requests, { continueOnError: true });
      const bad = answers.findIndex((x) => x.error);
      if (bad < 0) {
        results.push(pass);
        continue;
      }
      const who = contacts.find((x) => requests[bad].url === `Contact(${x.Id})`);
      results.push({
        record: r,
        outcome: 'failed',
        failure: {
          code: 'creatio.contact-address',
          message:
            `${recordLabel(r)}: Creatio refused its billing address for the contact "${asText(who?.Name)}" ` +
            `of account ${accountId}: ${answers[bad].error!.message}`,
          action: 'Correct the address in QuickBooks or the contact in Creatio, then reprocess this record.',
        },
      });
    }
    return results;
  },
});
