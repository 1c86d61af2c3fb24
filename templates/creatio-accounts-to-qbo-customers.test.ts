// Golden test of the shipped template: the whole Weft (queue, worker, run ledger on
// real PostgreSQL, both sandboxes over HTTP) runs it, and the QuickBooks sandbox
// must end up holding exactly what the Creatio sandbox says it should.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, DUPLICATE_INDEX, demoAccount, isAlreadyInQuickBooks } from '../sandbox/demo-data';
import { bootWeft, type Weft } from '../server/boot';
import { callerRunApi } from '../server/cli-http';
import { runOnce } from '../server/cli-run';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { FlowDocument } from '../flow/flow-document';
import { creatioSession } from './test-golden';

const ACCOUNTS = 300;

interface Customer {
  DisplayName: string;
  GivenName?: string;
  FamilyName?: string;
  PrimaryEmailAddr?: { Address: string };
  AlternatePhone?: { FreeFormNumber: string };
  PrimaryPhone?: { FreeFormNumber: string };
  BillAddr?: Record<string, string>;
  ShipAddr?: Record<string, string>;
}

for (const db of testDatabases()) {
  describe(`template "Creatio accounts → QuickBooks customers" on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-golden-'));
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: testSchema('golden'),
        log: quiet,
      });
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const customers = () => {
      const qbo = weft.sandboxes!.qbo;
      return qbo.store.all(qbo.realmId, 'Customer').map((r) => r.body as unknown as Customer);
    };

    it('creates the active accounts not yet in QuickBooks, updates the matched ones, duplicates none', async () => {
      const before = customers().length;
      const summary = await runOnce(callerRunApi(weft.services), {
        kind: 'id',
        id: 'creatio-accounts-to-qbo-customers',
      });

      const all = Array.from({ length: ACCOUNTS }, (_, i) => demoAccount(i));
      const active = all.filter((a) => a.active);
      const dupes = all.filter((a) => a.name === demoAccount(DUPLICATE_INDEX).name);
      const matched = active.filter((a) => isAlreadyInQuickBooks(a.index));
      const toCreate = active.length - matched.length - dupes.length;

      const node = (id: string) => summary.nodes.find((n) => n.id === id)!;
      expect(summary.status).toBe('completed-with-errors');
      expect(summary.nodes.map((n) => n.id)).toEqual([
        'accounts',
        'active',
        'bind-customers',
        'options',
        'map-customer',
        'customers',
      ]);
      expect(node('accounts')).toMatchObject({ in: ACCOUNTS, out: ACCOUNTS, failed: 0 });
      expect(node('active')).toMatchObject({ in: ACCOUNTS, out: active.length });
      // The two accounts sharing one name fail alone, with a reason; nothing else does.
      expect(node('bind-customers')).toMatchObject({ in: active.length, failed: dupes.length });
      expect(node('options')).toMatchObject({ in: active.length - dupes.length, out: active.length - dupes.length });
      expect(node('customers')).toMatchObject({
        in: active.length - dupes.length,
        out: active.length - dupes.length,
        failed: 0,
      });

      const run = await weft.services.runs.getRun('default', summary.runId);
      const sink = run!.nodes.find((n) => n.id === 'customers')!;
      expect(sink.created).toBe(toCreate);
      expect(sink.updated).toBe(matched.length);

      const after = customers();
      expect(after.length).toBe(before + toCreate);
      const names = after.map((c) => c.DisplayName);
      expect(new Set(names).size).toBe(names.length);
      for (const a of active.filter((x) => !dupes.includes(x))) expect(names).toContain(a.name);
      for (const a of all.filter((x) => !x.active && !isAlreadyInQuickBooks(x.index)))
        expect(names).not.toContain(a.name);
      // As shipped, the options step changes nothing version 1 wrote: the account's address, no contact, no shipping.
      const withContact = after.find((c) => c.DisplayName === demoAccount(30).name)!;
      expect(withContact.BillAddr).toEqual({ Line1: demoAccount(30).address, PostalCode: demoAccount(30).zip });
      for (const c of after) expect(c.ShipAddr ?? c.GivenName ?? c.PrimaryEmailAddr, c.DisplayName).toBeUndefined();

      const failures = await weft.services.runs.failures('default', summary.runId, 'bind-customers', 10);
      expect(failures.map((f) => f.failure.message)).toEqual([
        expect.stringContaining(`"${dupes[0].name}"`),
        expect.stringContaining(`"${dupes[0].name}"`),
      ]);
      expect(failures[0].failure.action).toBeTruthy();
    });

    it('delivers names with & " < > \' # % and accents byte for byte', () => {
      const names = customers().map((c) => c.DisplayName);
      for (const awkward of AWKWARD_NAMES) expect(names).toContain(awkward);
    });

    it('picks up only the records changed since the last run (watermark)', async () => {
      const again = await runOnce(callerRunApi(weft.services), { kind: 'id', id: 'creatio-accounts-to-qbo-customers' });
      expect(again.status).toBe('succeeded');
      expect(again.nodes[0].in).toBe(0);

      const changed = [demoAccount(20), demoAccount(AWKWARD_NAMES.indexOf('Smith & Sons'))];
      await patchAccounts(
        weft,
        changed.map((a) => a.name),
        '+1 555 7777',
      );
      const before = customers().length;
      const third = await runOnce(callerRunApi(weft.services), { kind: 'id', id: 'creatio-accounts-to-qbo-customers' });
      expect(third.nodes[0].in).toBe(2);
      const run = await weft.services.runs.getRun('default', third.runId);
      expect(run!.nodes.find((n) => n.id === 'customers')).toMatchObject({ updated: 2, created: 0, failed: 0 });
      expect(customers().length).toBe(before);
      for (const a of changed)
        expect(customers().find((c) => c.DisplayName === a.name)?.PrimaryPhone?.FreeFormNumber).toBe('+1 555 7777');
      const marks = await weft.services.runs.watermarks('default', 'template-creatio-accounts-to-qbo-customers');
      expect(marks[0]).toMatchObject({
        nodeId: 'accounts',
        value: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*\|[0-9a-f-]{36}$/),
      });
    });

    it('with the primary contact and "shipping address from the primary contact" chosen, the customer shows both', async () => {
      // Account 30 has one contact, its primary contact; the user gives that contact an address in Creatio.
      const creatio = await creatioSession(weft);
      const a = demoAccount(30);
      const [acc] = await creatio.get<{ PrimaryContactId: string }>(
        `Account?$filter=${encodeURIComponent(`Name eq '${a.name}'`)}&$select=PrimaryContactId`,
      );
      const [city] = await creatio.get<{ Id: string }>(`City?$filter=${encodeURIComponent("Name eq 'Toronto'")}`);
      const address = { Address: '9 Harbour Rd', Zip: 'M5J 2N8', CityId: city.Id };
      expect(await creatio.patch(`Contact(${acc.PrimaryContactId})`, address)).toBe(204);
      const [contact] = await creatio.get<{ GivenName: string; Surname: string; Email: string; Phone: string }>(
        `Contact?$filter=${encodeURIComponent(`Id eq ${acc.PrimaryContactId}`)}&$select=GivenName,Surname,Email,Phone`,
      );

      const doc = weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      const options = doc.nodes.find((n) => n.id === 'options')!.config;
      Object.assign(options, { primaryContact: 'account-lookup', shippingAddress: 'primary-contact' });
      const id = await weft.services.design.createFlow('default', FlowDocument.parse(doc), null);
      const s = await runOnce(callerRunApi(weft.services), { kind: 'id', id });
      expect(s.nodes.find((n) => n.id === 'options')).toMatchObject({ failed: 0 });

      const c = customers().find((x) => x.DisplayName === a.name)!;
      expect(c.ShipAddr).toMatchObject({ Line1: '9 Harbour Rd', City: 'Toronto', PostalCode: 'M5J 2N8' });
      expect(c.BillAddr).toMatchObject({ Line1: a.address, PostalCode: a.zip }); // billing still from the account
      expect(c).toMatchObject({
        GivenName: contact.GivenName,
        FamilyName: contact.Surname,
        PrimaryEmailAddr: { Address: contact.Email },
        AlternatePhone: { FreeFormNumber: contact.Phone },
      });
      // An account without contacts goes on without them.
      expect(customers().find((x) => x.DisplayName === demoAccount(31).name)!.GivenName).toBeUndefined();
    });
  });
}

/** Changes accounts the way a Creatio user would: over OData, through the sandbox's own HTTP API. */
async function patchAccounts(weft: Weft, names: string[], phone: string): Promise<void> {
  const c = weft.sandboxes!.creatio;
  const login = await fetch(`${c.baseUrl}/ServiceModel/AuthService.svc/Login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ UserName: c.username, UserPassword: c.password }),
  });
  const cookies = login.headers.getSetCookie().map((x) => x.split(';')[0]);
  const headers = {
    Cookie: cookies.join('; '),
    BPMCSRF: cookies.find((x) => x.startsWith('BPMCSRF='))!.slice(8),
    'Content-Type': 'application/json',
    Accept: 'application/json',
  };
  for (const name of names) {
    const q = encodeURIComponent(`Name eq '${name.replace(/'/g, "''")}'`);
    const found = (await (await fetch(`${c.baseUrl}/0/odata/Account?$filter=${q}&$select=Id`, { headers })).json()) as {
      value: { Id: string }[];
    };
    expect(found.value).toHaveLength(1);
    const r = await fetch(`${c.baseUrl}/0/odata/Account(${found.value[0].Id})`, {
      method: 'PATCH',
      headers,
      body: JSON.stringify({ Phone: phone }),
    });
    expect(r.status).toBe(204);
  }
}

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
