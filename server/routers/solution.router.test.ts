// "Configure solution" and the template cards' preflight through the API, on a whole Weft
// whose connections are the sandboxes (Creatio's fields are read from its real $metadata).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import { bootGolden, creatioSession, type Golden } from '../../templates/test-golden';
import { callerRunApi } from '../cli-http';
import { runOnce } from '../cli-run';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);
type Api = ReturnType<typeof makeCaller>;

const needsOf = async (api: Api, id: string) => (await api.solution.preflight({ ids: [id] }))[0];

for (const db of testDatabases()) {
  describe(`solution on ${db.name}`, () => {
    let g: Golden;
    let api: Api;
    let empty: Api;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'solution');
      const store = g.weft.services.accounts.store;
      g.weft.services.accounts.createWorkspace('newco', 'New Co');
      store.createUser({ id: 'ana', email: 'ana@example.com', name: 'Ana', passwordHash: null });
      store.setRole('ana', 'default', 'admin');
      store.setRole('ana', 'newco', 'admin');
      api = makeCaller({ services: g.weft.services, actor: { userId: 'ana', workspaceId: 'default' } });
      empty = makeCaller({ services: g.weft.services, actor: { userId: 'ana', workspaceId: 'newco' } });
    });
    afterAll(() => g?.close());

    it("checks a card's connections, Creatio fields and QuickBooks custom fields against the demo systems", async () => {
      const r = await needsOf(api, 'creatio-accounts-to-qbd-customers');
      expect(r.ok).toBe(true);
      expect(r.needs.map((n) => `${n.ok ? 'ok' : 'NO'} ${n.what}`)).toEqual([
        'ok Creatio connection',
        'ok QuickBooks Desktop connection',
        'ok Account.UsrQBFullName (Text(210))',
        'ok Account.UsrQBLastModified (Date/Time)',
        'ok Account.UsrActive (Lookup)',
        'ok Customer.AccountID (custom field)',
      ]);
      expect(r.needs[5].message).toBe(
        'QuickBooks Desktop custom field AccountID on Customer: Weft defines it in the company file on the first run.',
      );
    });

    it('offers suppliers ↔ vendors, persons, contacts ↔ customers and opportunities ↔ jobs both ways, each naming its partner', async () => {
      const { pairs } = await api.solution.options();
      const ways = (id: string, system: string) =>
        pairs
          .find((p) => p.id === id)!
          .templates.filter((t) => t.system === system)
          .map((t) => `${t.way} ${t.id} ↔ ${t.pair}`)
          .sort();
      expect(ways('accounts-vendors', 'QuickBooks Desktop')).toEqual([
        'c2q creatio-accounts-to-qbd-vendors ↔ qbd-vendors-to-creatio-accounts',
        'q2c qbd-vendors-to-creatio-accounts ↔ creatio-accounts-to-qbd-vendors',
      ]);
      expect(ways('person-accounts-customers', 'QuickBooks Online')).toEqual([
        'c2q creatio-person-accounts-to-qbo-customers ↔ qbo-customers-to-creatio-person-accounts',
        'q2c qbo-customers-to-creatio-person-accounts ↔ creatio-person-accounts-to-qbo-customers',
      ]);
      expect(ways('contacts-customers', 'QuickBooks Desktop')).toEqual([
        'c2q creatio-contacts-to-qbd-customers ↔ qbd-sub-customers-to-creatio-contacts',
        'q2c qbd-sub-customers-to-creatio-contacts ↔ creatio-contacts-to-qbd-customers',
      ]);
      expect(ways('opportunities-jobs', 'QuickBooks Online')).toEqual([
        'c2q creatio-opportunities-to-qbo-jobs ↔ qbo-jobs-to-creatio-opportunities',
        'q2c qbo-jobs-to-creatio-opportunities ↔ creatio-opportunities-to-qbo-jobs',
      ]);
    });

    it('says which connection to make first in a workspace that has none', async () => {
      const r = await needsOf(empty, 'creatio-opportunities-to-qbo-invoices');
      expect(r.ok).toBe(false);
      expect(r.needs.filter((n) => n.kind === 'connection')).toEqual([
        {
          kind: 'connection',
          what: 'Creatio connection',
          ok: false,
          message: 'Connect Creatio first.',
          action: 'Add a Creatio connection under Connections, then check again.',
        },
        {
          kind: 'connection',
          what: 'QuickBooks Online connection',
          ok: false,
          message: 'Connect QuickBooks Online first.',
          action: 'Add a QuickBooks Online connection under Connections, then check again.',
        },
      ]);
      // Its Creatio fields wait for a Creatio connection instead of failing.
      expect(r.needs.find((n) => n.what === 'Opportunity.UsrInvoiceNumber (Text(11))')).toMatchObject({ ok: null });
    });

    it('creates the chosen flows as drafts in order, ready to publish, and the cards then see them', async () => {
      const before = await needsOf(api, 'creatio-opportunities-to-qbo-invoices');
      expect(before.needs.filter((n) => n.kind === 'flow-first').map((n) => `${n.ok} ${n.message}`)).toEqual([
        'false Run first: a Creatio Account ↔ QuickBooks Customer/Job flow on QuickBooks Online, ' +
          'e.g. "Creatio accounts → QuickBooks Online customers", so its records are bound.',
      ]);
      const choices = {
        companies: ['qbo-sandbox'],
        priceBook: 'Partner prices',
        pairs: [
          { pair: 'accounts-customers', direction: 'both' as const, matchRule: 'name-phone' as const },
          { pair: 'opportunities-invoices', direction: 'c2q' as const, createWhen: 'won' as const },
        ],
      };
      const plan = await api.solution.plan(choices);
      expect(plan.flows.map((f) => [f.order, f.name, f.company, f.problems])).toEqual([
        [1, 'Creatio accounts → QuickBooks Online customers', 'QuickBooks Online sandbox (demo company)', []],
        [2, 'QuickBooks Online customers → Creatio accounts', 'QuickBooks Online sandbox (demo company)', []],
        [3, 'Creatio opportunities → QuickBooks Online invoices', 'QuickBooks Online sandbox (demo company)', []],
      ]);
      const { created } = await api.solution.create(choices);
      expect(created.map((c) => c.name)).toEqual(plan.flows.map((f) => f.name));
      const invoices = await api.flows.get({ id: created[2].id });
      expect(invoices.templateId).toBe('creatio-opportunities-to-qbo-invoices');
      expect(invoices.publishedVersion).toBeNull();
      expect(invoices.draft.settings.solution).toEqual({
        company: 'qbo-sandbox',
        priceBook: 'Partner prices',
        currency: 'propagate',
      });
      expect(invoices.draft.nodes.find((n) => n.type === 'quickbooks-online.binding')!.config).toMatchObject({
        connection: 'qbo-sandbox',
        createWhen: 'won',
      });
      expect(await api.flows.publish({ id: created[0].id })).toEqual({ version: 1 });
      // The chosen trigger takes effect: no opportunity is won yet, so no invoice is created…
      const run = (id: string) => runOnce(callerRunApi(g.weft.services), { kind: 'id', id });
      const invoicesInQbo = () => g.weft.sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Invoice').length;
      expect((await run(created[0].id)).status).not.toBe('failed');
      const invoicesBefore = invoicesInQbo();
      const first = await run(created[2].id);
      expect(first.nodes.find((n) => n.id === 'bind-invoices')).toMatchObject({ in: 26, out: 0 });
      expect(invoicesInQbo()).toBe(invoicesBefore);
      // … until one is: then the next run creates its invoice, numbered as the opportunity says.
      const crm = await creatioSession(g.weft);
      const [won] = await crm.get<{ Id: string }>("OpportunityStage?$filter=Name eq 'Closed won'&$select=Id");
      const [opp] = await crm.get<{ Id: string; UsrInvoiceNumber: string }>(
        'Opportunity?$filter=Title eq \'"Quoted" Trading Co — renewal\'&$select=Id,UsrInvoiceNumber',
      );
      expect(await crm.patch(`Opportunity(${opp.Id})`, { StageId: won.Id })).toBe(204);
      const second = await run(created[2].id);
      expect(second.nodes.find((n) => n.id === 'invoices')).toMatchObject({ created: 1, failed: 0 });
      const docNumbers = g.weft
        .sandboxes!.qbo.store.all(g.weft.sandboxes!.qbo.realmId, 'Invoice')
        .map((r) => (r.body as { DocNumber?: string }).DocNumber);
      expect(invoicesInQbo()).toBe(invoicesBefore + 1);
      expect(docNumbers).toContain(opp.UsrInvoiceNumber);
      const after = await needsOf(api, 'creatio-opportunities-to-qbo-invoices');
      expect(after.needs.filter((n) => n.kind === 'flow-first').map((n) => n.ok)).toEqual([true]);
    });

    it('refuses choices that make no flow, saying why', async () => {
      await expect(
        api.solution.create({
          companies: ['qbo-sandbox'],
          pairs: [{ pair: 'opportunities-sales-orders', direction: 'c2q' }],
        }),
      ).rejects.toThrow(
        'These choices make no flow. No template for Creatio Opportunity ↔ QuickBooks Sales Order ' +
          '(Creatio → QuickBooks Online) yet: nothing is made for it on "QuickBooks Online sandbox (demo company)". ' +
          'Choose a direction for at least one pair.',
      );
    });

    // Last: the template it publishes serves accounts ↔ customers, so the cards would count its flow.
    it('names a field the Creatio site lacks, with its type and the next step', async () => {
      const doc = (await api.templates.get({ id: 'creatio-accounts-to-qbo-customers' }))!;
      doc.nodes.find((n) => n.id === 'accounts')!.config.select = ['Id', 'Name', 'UsrQBRegion', 'ModifiedOn'];
      const { id } = await api.flows.importDocument({ id: 'regional-customers', document: doc });
      const fields = {
        title: 'Regional customers',
        objects: ['Account', 'Customer'],
        direction: 'Creatio → QuickBooks Online',
      };
      const t = await api.templates.publish({ flowId: id, templateId: null, fields });
      const r = await needsOf(api, t.id);
      expect(r.ok).toBe(false);
      const missing = r.needs.filter((n) => n.ok === false);
      expect(missing).toEqual([
        {
          kind: 'creatio-field',
          what: 'Account.UsrQBRegion (any type)',
          ok: false,
          message: 'Missing in Creatio: Account.UsrQBRegion (any type), "UsrQBRegion".',
          action: "Create it in Creatio's object designer (or correct its name in the template), then check again.",
        },
      ]);
    });
  });
}
