// A template card's needs when the customer's Creatio lacks a field of seed §3.1 and QuickBooks is not connected.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { registry } from '../../nodes';
import type { CreatioEntity } from '../../nodes/creatio/creatio-metadata';
import { loadTemplates } from '../templates';
import { preflightTemplate } from './template-needs';

const catalog = loadTemplates(fileURLToPath(new URL('../../templates', import.meta.url)), registry);
const template = (id: string) => catalog.list().find((t) => t.id === id)!;

// A site whose accounts have the "Active" picklist and QB LastModified, but not QB Full Name.
const SITE: CreatioEntity[] = [
  {
    name: 'Account',
    key: ['Id'],
    navigations: [{ name: 'UsrActive', target: 'UsrActive', foreignKey: 'UsrActiveId' }],
    fields: [
      { name: 'Id', type: 'Edm.Guid', nullable: false },
      { name: 'Name', type: 'Edm.String', maxLength: 250, nullable: false },
      { name: 'UsrQBLastModified', type: 'Edm.DateTimeOffset', nullable: true },
      { name: 'UsrActiveId', type: 'Edm.Guid', nullable: true, lookup: 'UsrActive' },
    ],
  },
];

describe('preflightTemplate', () => {
  it('names the missing Creatio field with its type and the next step, and the connection to make first', async () => {
    const r = await preflightTemplate(
      template('qbo-customers-to-creatio-accounts'),
      catalog.get('qbo-customers-to-creatio-accounts')!,
      {
        connections: [{ id: 'crm', kind: 'creatio', name: 'Our Creatio' }],
        flowTemplates: new Set(),
        templates: catalog.list(),
        registry,
        creatioMetadata: async () => SITE,
      },
    );
    expect(r.ok).toBe(false);
    expect(r.needs.map((n) => [n.ok, n.message, n.action])).toEqual([
      [
        false,
        'Connect QuickBooks Online first.',
        'Add a QuickBooks Online connection under Connections, then check again.',
      ],
      [true, 'Uses "Our Creatio".', undefined],
      [
        false,
        'Missing in Creatio: Account.UsrQBFullName (Text(210)), "QB Full Name".',
        'Create it in Creatio\'s object designer: a Text(210) field titled "QB Full Name" with the code ' +
          'UsrQBFullName on Account, published; then check again.',
      ],
      [true, 'Creatio has Account.UsrQBLastModified (Date/Time).', undefined],
      [true, 'Creatio has Account.UsrActive (Lookup).', undefined],
      [
        true,
        'No AccountID custom field is needed on QuickBooks Online customers: ' +
          'Weft keeps the link to each Creatio account itself.',
        undefined,
      ],
    ]);
  });

  it('says plainly when Creatio cannot be read, instead of calling every field missing', async () => {
    const r = await preflightTemplate(
      template('creatio-accounts-to-qbo-customers'),
      catalog.get('creatio-accounts-to-qbo-customers')!,
      {
        connections: [
          { id: 'crm', kind: 'creatio', name: 'Our Creatio' },
          { id: 'qbo', kind: 'quickbooks-online', name: 'Our company' },
        ],
        flowTemplates: new Set(),
        templates: catalog.list(),
        registry,
        creatioMetadata: async () => {
          throw new Error(
            'Could not read the list of fields of Creatio connection "Our Creatio": the site did not answer.',
          );
        },
      },
    );
    expect(r.ok).toBe(true);
    expect(r.needs.find((n) => n.kind === 'quickbooks-field')?.message).toBe(
      'No AccountID custom field is needed on QuickBooks Online customers: ' +
        'Weft keeps the link to each Creatio account itself.',
    );
    expect(r.needs.filter((n) => n.kind === 'creatio-field')).toEqual([
      {
        kind: 'creatio-field',
        what: 'Fields of Account',
        ok: null,
        message: 'Could not read the list of fields of Creatio connection "Our Creatio": the site did not answer.',
        action: 'Test the connection "Our Creatio" under Connections, then check again.',
      },
    ]);
  });
});
