// The flows "Configure solution" makes from a customer's choices, from the shipped templates.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validateFlow } from '../../flow/validate-flow';
import { registry } from '../../nodes';
import { loadTemplates } from '../templates';
import { planSolution, SolutionChoices, type Connection } from './solution-plan';
import { SUPPLIER_RULE, SUPPLIER_WORDS } from './supplier-rule';

const catalog = loadTemplates(fileURLToPath(new URL('../../templates', import.meta.url)), registry);
const CONNECTIONS: Connection[] = [
  { id: 'crm', kind: 'creatio', name: 'Creatio' },
  { id: 'qbo-east', kind: 'quickbooks-online', name: 'East Coast Inc' },
  { id: 'qbd-west', kind: 'quickbooks-desktop', name: 'West LLC company file' },
];

function plan(choices: unknown) {
  return planSolution({
    choices: SolutionChoices.parse(choices),
    templates: catalog.list(),
    document: (id) => catalog.get(id),
    connections: CONNECTIONS,
    registry,
  });
}

const binding = (doc: { nodes: { type: string; config: Record<string, unknown> }[] }) =>
  doc.nodes.find((n) => n.type.endsWith('.binding'))!.config;
const connectionsOf = (doc: { nodes: { config: Record<string, unknown> }[] }) =>
  [...new Set(doc.nodes.flatMap((n) => [n.config.connection].filter((c) => typeof c === 'string')))].sort();

describe('planSolution', () => {
  it('leaves the suppliers out of the customers flow when the same company also gets the vendors flow', () => {
    const rulesOf = (doc: { nodes: { type: string; config: Record<string, unknown> }[] }) =>
      doc.nodes.find((n) => n.type === 'core.filter')!.config.rules;
    const both = plan({
      companies: ['qbo-east', 'qbd-west'],
      pairs: [
        { pair: 'accounts-customers', direction: 'c2q' },
        { pair: 'accounts-vendors', direction: 'c2q' },
      ],
    });
    expect(both.notes).toEqual([]);
    const customers = both.flows.filter((f) => f.pair === 'accounts-customers');
    expect(customers.map((f) => f.templateId)).toEqual([
      'creatio-accounts-to-qbo-customers',
      'creatio-accounts-to-qbd-customers',
    ]);
    for (const f of customers) {
      // QuickBooks keeps one list of names: a supplier made a customer first could never become a vendor.
      expect(rulesOf(f.document)).toContainEqual(SUPPLIER_RULE);
      expect(f.settings).toContain(SUPPLIER_WORDS);
      expect(validateFlow(f.document, registry).problems).toEqual([]);
    }
    const vendors = both.flows.find((f) => f.pair === 'accounts-vendors')!;
    expect(vendors.settings).not.toContain(SUPPLIER_WORDS);
    // Without a vendors flow the customers flow keeps every active account, as shipped.
    const alone = plan({ companies: ['qbo-east'], pairs: [{ pair: 'accounts-customers', direction: 'c2q' }] });
    expect(rulesOf(alone.flows[0].document)).not.toContainEqual(SUPPLIER_RULE);
    expect(alone.flows[0].settings).not.toContain(SUPPLIER_WORDS);
  });

  it('makes accounts ↔ customers both ways and opportunities → invoices for one QuickBooks Online company', () => {
    const p = plan({
      companies: ['qbo-east'],
      priceBook: 'Wholesale 2026',
      currency: 'home',
      pairs: [
        { pair: 'opportunities-invoices', direction: 'c2q', createWhen: 'won', operations: 'create-only' },
        { pair: 'accounts-customers', direction: 'both', matchRule: 'name-phone', operations: 'create-and-update' },
        { pair: 'products-items', direction: 'none' },
      ],
    });
    expect(p.notes).toEqual([]);
    expect(p.flows.map((f) => [f.order, f.templateId, f.name])).toEqual([
      [1, 'creatio-accounts-to-qbo-customers', 'Creatio accounts → QuickBooks Online customers'],
      [2, 'qbo-customers-to-creatio-accounts', 'QuickBooks Online customers → Creatio accounts'],
      [3, 'creatio-opportunities-to-qbo-invoices', 'Creatio opportunities → QuickBooks Online invoices'],
    ]);
    const [accounts, back, invoices] = p.flows;
    // The two accounts flows are the shipped pair, each told which flow it answers to.
    expect(accounts.settings).toContain(
      'Bi-directional with "QuickBooks Online customers → Creatio accounts": each leaves out the other\'s writes',
    );
    expect(binding(accounts.document)).toMatchObject({ matchRule: 'name-phone', operations: 'create-and-update' });
    expect(binding(back.document)).toMatchObject({ matchRule: 'name-phone', operations: 'create-and-update' });
    // Transactions are found by their number: the name rule is not theirs, the trigger and operations are.
    expect(binding(invoices.document)).toMatchObject({ createWhen: 'won', operations: 'create-only' });
    expect(binding(invoices.document).matchRule ?? 'field').toBe('field');
    expect(invoices.settings).toEqual([
      'Permitted operations: create only',
      'Create new records when the opportunity is won',
    ]);
    for (const f of p.flows) {
      expect(connectionsOf(f.document)).toEqual(['crm', 'qbo-east']);
      expect(f.document.settings.solution).toEqual({
        company: 'qbo-east',
        priceBook: 'Wholesale 2026',
        currency: 'home',
      });
      expect(validateFlow(f.document, registry).problems).toEqual([]);
    }
  });

  it('makes one set of flows per company file, each bound to its own company and named after it', () => {
    const p = plan({
      companies: ['qbo-east', 'qbd-west'],
      pairs: [
        { pair: 'opportunities-invoices', direction: 'c2q' },
        { pair: 'products-items', direction: 'c2q' },
        { pair: 'accounts-customers', direction: 'both' },
      ],
    });
    expect(p.flows.map((f) => `${f.order} ${f.templateId} @${f.company.id}`)).toEqual([
      '1 creatio-accounts-to-qbo-customers @qbo-east',
      '2 creatio-products-to-qbo-items @qbo-east',
      '3 qbo-customers-to-creatio-accounts @qbo-east',
      '4 creatio-opportunities-to-qbo-invoices @qbo-east',
      '5 creatio-accounts-to-qbd-customers @qbd-west',
      '6 creatio-products-to-qbd-items @qbd-west',
      '7 qbd-customers-to-creatio-accounts @qbd-west',
      '8 creatio-opportunities-to-qbd-invoices @qbd-west',
    ]);
    expect(p.flows[4].name).toBe('Creatio accounts → QuickBooks Desktop customers (West LLC company file)');
    expect(connectionsOf(p.flows[7].document)).toEqual(['crm', 'qbd-west']);
    expect(p.flows[7].document.settings.solution).toEqual({
      company: 'qbd-west',
      priceBook: '',
      currency: 'propagate',
    });
    // Both ways on Desktop too: nothing is said to be missing.
    expect(p.notes.filter((n) => n.includes('West LLC'))).toEqual([]);
  });

  it('says what it cannot make: QuickBooks Online sales orders, and a company that is not connected', () => {
    const p = plan({
      companies: ['qbo-east', 'gone'],
      pairs: [{ pair: 'opportunities-sales-orders', direction: 'c2q' }],
    });
    expect(p.flows).toEqual([]);
    expect(p.notes).toEqual([
      'The QuickBooks company "gone" is not among your connections; choose it again.',
      'No template for Creatio Opportunity ↔ QuickBooks Sales Order (Creatio → QuickBooks Online) yet: ' +
        'nothing is made for it on "East Coast Inc".',
    ]);
  });

  it('takes the template chosen when several serve a way, and the trigger field and value', () => {
    const p = plan({
      companies: ['qbd-west'],
      pairs: [
        {
          pair: 'opportunities-sales-orders',
          direction: 'c2q',
          createWhen: 'stage-reached',
          triggerField: 'Stage.Name',
          triggerValue: 'Proposal',
        },
      ],
    });
    expect(p.flows.map((f) => f.templateId)).toEqual(['creatio-opportunities-to-qbd-sales-orders']);
    expect(binding(p.flows[0].document)).toMatchObject({
      createWhen: 'stage-reached',
      triggerField: 'Stage.Name',
      triggerValue: 'Proposal',
    });
    expect(p.flows[0].settings).toEqual([
      'Create new records when the opportunity reaches a stage (Stage.Name = Proposal)',
    ]);
    // The source reads the stage, or no opportunity would ever reach it.
    const source = p.flows[0].document.nodes.find((n) => n.type === 'creatio.source')!.config;
    expect(String(source.expand).endsWith(',Stage($select=Name)')).toBe(true);
  });

  it('makes the Creatio source read a field the trigger waits for', () => {
    const p = plan({
      companies: ['qbo-east'],
      pairs: [
        { pair: 'accounts-customers', direction: 'c2q', createWhen: 'field-has-value', triggerField: 'UsrSyncToQB' },
      ],
    });
    const source = p.flows[0].document.nodes.find((n) => n.type === 'creatio.source')!.config;
    const shipped = catalog.get('creatio-accounts-to-qbo-customers')!.nodes.find((n) => n.type === 'creatio.source')!
      .config.select as string[];
    expect(shipped).not.toContain('UsrSyncToQB');
    expect(source.select).toEqual([...shipped, 'UsrSyncToQB']);
    expect(source.expand).toBe(catalog.get('creatio-accounts-to-qbo-customers')!.nodes[0].config.expand);
  });

  it('makes opportunities ↔ invoices as the pair of flows, after the accounts and the products flows', () => {
    const p = plan({
      companies: ['qbo-east'],
      pairs: [
        { pair: 'accounts-customers', direction: 'c2q' },
        { pair: 'products-items', direction: 'c2q' },
        { pair: 'opportunities-invoices', direction: 'both' },
      ],
    });
    expect(p.notes).toEqual([]);
    expect(p.flows.map((f) => [f.templateId, f.way])).toEqual([
      ['creatio-accounts-to-qbo-customers', 'c2q'],
      ['creatio-products-to-qbo-items', 'c2q'],
      ['creatio-opportunities-to-qbo-invoices', 'c2q'],
      ['qbo-invoices-to-creatio-opportunities', 'q2c'],
    ]);
    const [, , there, back] = p.flows;
    expect(catalog.list().find((t) => t.id === there.templateId)?.pair).toBe(back.templateId);
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
  });

  it('makes opportunities ↔ bills as the pair of flows, after the suppliers and the products flows', () => {
    const p = plan({
      companies: ['qbo-east'],
      pairs: [
        { pair: 'accounts-vendors', direction: 'c2q' },
        { pair: 'products-items', direction: 'c2q' },
        { pair: 'opportunities-bills', direction: 'both' },
      ],
    });
    expect(p.notes).toEqual([]);
    expect(p.flows.map((f) => [f.templateId, f.way])).toEqual([
      ['creatio-accounts-to-qbo-vendors', 'c2q'],
      ['creatio-products-to-qbo-items', 'c2q'],
      ['creatio-opportunities-to-qbo-bills', 'c2q'],
      ['qbo-bills-to-creatio-opportunities', 'q2c'],
    ]);
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
  });

  it('makes one flow of a template that goes both ways, when both ways are asked for', () => {
    const both = { ...catalog.list()[0], id: 'two-way', direction: 'Creatio ↔ QuickBooks Online' };
    const p = planSolution({
      choices: SolutionChoices.parse({
        companies: ['qbo-east'],
        pairs: [{ pair: 'accounts-customers', direction: 'both' }],
      }),
      templates: [both],
      document: () => catalog.get('creatio-accounts-to-qbo-customers'),
      connections: CONNECTIONS,
      registry,
    });
    expect(p.flows.map((f) => [f.templateId, f.way])).toEqual([['two-way', 'c2q']]);
    expect(p.notes).toEqual([]);
  });

  it('makes supplier accounts ↔ vendors and person accounts ↔ customers both ways as pairs, on each company', () => {
    const p = plan({
      companies: ['qbo-east', 'qbd-west'],
      pairs: [
        { pair: 'accounts-vendors', direction: 'both', matchRule: 'name' },
        { pair: 'person-accounts-customers', direction: 'both' },
      ],
    });
    expect(p.notes).toEqual([]);
    expect(p.flows.map((f) => `${f.order} ${f.templateId} @${f.company.id}`)).toEqual([
      '1 creatio-person-accounts-to-qbo-customers @qbo-east',
      '2 creatio-accounts-to-qbo-vendors @qbo-east',
      '3 qbo-customers-to-creatio-person-accounts @qbo-east',
      '4 qbo-vendors-to-creatio-accounts @qbo-east',
      '5 creatio-person-accounts-to-qbd-customers @qbd-west',
      '6 creatio-accounts-to-qbd-vendors @qbd-west',
      '7 qbd-customers-to-creatio-person-accounts @qbd-west',
      '8 qbd-vendors-to-creatio-accounts @qbd-west',
    ]);
    const vendors = p.flows.find((f) => f.templateId === 'qbd-vendors-to-creatio-accounts')!;
    expect(vendors.settings).toEqual([
      'Match rule: Name',
      'Bi-directional with "Creatio supplier accounts → QuickBooks Desktop vendors": each leaves out the other\'s writes',
    ]);
    expect(binding(vendors.document)).toMatchObject({ matchRule: 'name' });
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
  });

  it('makes contacts ↔ sub-customers and opportunities ↔ jobs both ways as pairs, after the accounts, on each company', () => {
    const p = plan({
      companies: ['qbo-east', 'qbd-west'],
      pairs: [
        { pair: 'accounts-customers', direction: 'c2q' },
        { pair: 'contacts-customers', direction: 'both' },
        { pair: 'opportunities-jobs', direction: 'both' },
      ],
    });
    expect(p.notes).toEqual([]);
    expect(p.flows.map((f) => `${f.order} ${f.templateId} @${f.company.id}`)).toEqual([
      '1 creatio-accounts-to-qbo-customers @qbo-east',
      '2 creatio-contacts-to-qbo-customers @qbo-east',
      '3 qbo-sub-customers-to-creatio-contacts @qbo-east',
      '4 creatio-opportunities-to-qbo-jobs @qbo-east',
      '5 qbo-jobs-to-creatio-opportunities @qbo-east',
      '6 creatio-accounts-to-qbd-customers @qbd-west',
      '7 creatio-contacts-to-qbd-customers @qbd-west',
      '8 qbd-sub-customers-to-creatio-contacts @qbd-west',
      '9 creatio-opportunities-to-qbd-jobs @qbd-west',
      '10 qbd-jobs-to-creatio-opportunities @qbd-west',
    ]);
    const jobs = p.flows.find((f) => f.templateId === 'qbd-jobs-to-creatio-opportunities')!;
    expect(jobs.settings).toContain(
      'Bi-directional with "Creatio opportunities → QuickBooks Desktop jobs": each leaves out the other\'s writes',
    );
    const contacts = p.flows.find((f) => f.templateId === 'creatio-contacts-to-qbo-customers')!;
    expect(contacts.settings).toContain(
      'Bi-directional with "QuickBooks Online sub-customers → Creatio contacts": each leaves out the other\'s writes',
    );
    for (const f of p.flows) expect(validateFlow(f.document, registry).problems).toEqual([]);
  });

  it('takes the partner of the other way for a way left as it is, whatever template comes first', () => {
    const forward = catalog.list().find((t) => t.id === 'qbo-vendors-to-creatio-accounts')!;
    const another = { ...forward, id: 'another-vendors-way', title: 'Another vendors flow', pair: undefined };
    const planWith = (templates: { c2q?: string; q2c?: string }) =>
      planSolution({
        choices: SolutionChoices.parse({
          companies: ['qbo-east'],
          pairs: [{ pair: 'accounts-vendors', direction: 'both', templates }],
        }),
        // Listed first, the other template would be the default of its way.
        templates: [another, ...catalog.list()],
        document: (id) => catalog.get(id === another.id ? forward.id : id),
        connections: CONNECTIONS,
        registry,
      });
    for (const chosen of [{}, { c2q: 'creatio-accounts-to-qbo-vendors' }]) {
      const p = planWith(chosen);
      expect(p.flows.map((f) => f.templateId)).toEqual(['creatio-accounts-to-qbo-vendors', forward.id]);
      expect(p.notes).toEqual([]);
    }
    // Chosen, the other template is made, and the plan says the two are not a pair shown to settle.
    const mixed = planWith({ q2c: another.id });
    expect(mixed.flows.map((f) => [f.templateId, f.settings])).toEqual([
      ['creatio-accounts-to-qbo-vendors', []],
      [another.id, []],
    ]);
    expect(mixed.notes).toEqual([
      'Creatio Account/Contact ↔ QuickBooks Vendor on "East Coast Inc": ' +
        '"Creatio supplier accounts → QuickBooks Online vendors" and "Another vendors flow" go opposite ways ' +
        "but are not yet shown, together, to leave out each other's writes. " +
        'Watch their first runs for a change coming back to where it was made, or choose one direction.',
    ]);
  });

  it('refuses a solution without a company', () => {
    expect(SolutionChoices.safeParse({ companies: [], pairs: [] }).error?.issues[0].message).toBe(
      'Choose at least one QuickBooks company.',
    );
  });
});
