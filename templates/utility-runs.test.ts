// The utility runs of a template (seed §6.1), as `weft run <template id> --utility …`
// starts them: binding (links records, writes nothing), bulk load of a date range, and
// a single run of one record — on one QuickBooks Online and one QuickBooks Desktop template.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, call } from '../sandbox/quickbooks-online/test-http';
import { testDatabases } from '../scripts/test-databases';
import { callerRunApi } from '../server/cli-http';
import { runOnce, utilityRequest } from '../server/cli-run';
import type { Weft } from '../server/boot';
import { bootGolden, node, sinkCounts, type Golden } from './test-golden';
import { bootQbdGolden } from './test-qbd-golden';

/** What `weft run <id> <args…>` runs, the command line read as the CLI reads it. */
function cliRun(weft: Weft, id: string, args: string[]) {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  return runOnce(callerRunApi(weft.services), { kind: 'id', id }, [], { utility: utilityRequest(option)! });
}

const accountsNamed = (weft: Weft, name: string) =>
  weft.sandboxes!.creatio.db.prepare('SELECT "Name", "Phone" FROM "Account" WHERE "Name" = ?').all(name) as {
    Name: string;
    Phone: string | null;
  }[];
const accountCount = (weft: Weft) =>
  (weft.sandboxes!.creatio.db.prepare('SELECT count(*) AS n FROM "Account"').get() as { n: number }).n;

describe('the command line reads a utility run', () => {
  const read = (args: string[]) =>
    utilityRequest((name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined));
  it('with its options, and refuses what does not go together in plain words', () => {
    expect(read(['--utility', 'bulk-load', '--from', '2026-01-01T00:00:00Z', '--to', '2026-02-01T00:00:00Z'])).toEqual({
      kind: 'bulk-load',
      from: '2026-01-01T00:00:00Z',
      to: '2026-02-01T00:00:00Z',
    });
    expect(read(['--utility', 'single', '--record', '42'])).toEqual({ kind: 'single', record: '42' });
    expect(read([])).toBeNull();
    expect(() => read(['--utility', 'single'])).toThrow('--utility single needs --record <id>');
    expect(() => read(['--utility', 'binding', '--record', '42'])).toThrow('--record goes with --utility single');
    expect(() => read(['--from', '2026-01-01'])).toThrow('add --utility binding|bulk-load|single');
    expect(() => read(['--utility', 'bulk', '--slices', '2'])).toThrow('not "bulk"');
    expect(() => read(['--utility', 'bulk-load', '--slices', 'two'])).toThrow('--slices takes a whole number');
  });
});

for (const db of testDatabases()) {
  describe(`utility runs of "QuickBooks Online customers → Creatio accounts" on ${db.name}`, () => {
    const FLOW = 'qbo-customers-to-creatio-accounts';
    let g: Golden;
    let token: string;
    const addCustomer = async (DisplayName: string) => {
      const r = await call(g.weft.sandboxes!.qbo, token, 'customer?minorversion=75', {
        body: { DisplayName, PrimaryPhone: { FreeFormNumber: '+1 555 0111' } },
      });
      expect(r.status).toBe(200);
      return r.json.Customer as { Id: string; MetaData: { LastUpdatedTime: string } };
    };
    beforeAll(async () => {
      g = await bootGolden(db.url, 'golden_util_qbo');
      token = await accessToken(g.weft.sandboxes!.qbo);
    });
    afterAll(() => g?.close());

    it('binding links the customers to their accounts and writes nothing', async () => {
      const before = accountCount(g.weft);
      const s = await cliRun(g.weft, FLOW, ['--utility', 'binding']);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBeGreaterThan(20);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated: 0 });
      expect(accountCount(g.weft)).toBe(before);
    });

    it('bulk-load reads only the customers changed inside the date range', async () => {
      const from = new Date(Date.now() - 1000).toISOString();
      await addCustomer('Range Load One & Co');
      await addCustomer('Range Load Two <Ltd>');
      const to = new Date(Date.now() + 1000).toISOString();
      const s = await cliRun(g.weft, FLOW, ['--utility', 'bulk-load', '--from', from, '--to', to]);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBe(2);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 2, updated: 0, failed: 0 });
      expect(accountsNamed(g.weft, 'Range Load One & Co')).toHaveLength(1);
    });

    it('single runs one customer, whatever else changed', async () => {
      const one = await addCustomer('Only This One');
      await addCustomer('Not This One');
      const s = await cliRun(g.weft, FLOW, ['--utility', 'single', '--record', one.Id]);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect(accountsNamed(g.weft, 'Only This One')).toEqual([{ Name: 'Only This One', Phone: '+1 555 0111' }]);
      expect(accountsNamed(g.weft, 'Not This One')).toHaveLength(0);
    });
  });

  describe(`utility runs of "QuickBooks Desktop customers → Creatio accounts" on ${db.name}`, () => {
    const FLOW = 'qbd-customers-to-creatio-accounts';
    let g: Golden;
    beforeAll(async () => {
      g = await bootQbdGolden(db.url, 'golden_util_qbd');
    });
    afterAll(() => g?.close());
    const addCustomer = (name: string, at: number) =>
      g.weft.sandboxes!.qbd.file.addCustomer({ name, at, fields: { Phone: '+1 555 0122' } });

    it('binding links the customers to their accounts and writes nothing', async () => {
      const before = accountCount(g.weft);
      const s = await cliRun(g.weft, FLOW, ['--utility', 'binding']);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBeGreaterThan(20);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 0, updated: 0 });
      expect(accountCount(g.weft)).toBe(before);
    });

    it('bulk-load reads only the customers changed inside the date range', async () => {
      addCustomer('Desk Range Early', Date.parse('2026-03-01T10:00:00Z'));
      addCustomer('Desk Range Inside', Date.parse('2026-03-02T10:00:00Z'));
      addCustomer('Desk Range Late', Date.parse('2026-03-05T10:00:00Z'));
      const s = await cliRun(g.weft, FLOW, [
        '--utility',
        'bulk-load',
        '--from',
        '2026-03-02T00:00:00Z',
        '--to',
        '2026-03-03T00:00:00Z',
      ]);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect(accountsNamed(g.weft, 'Desk Range Inside')).toHaveLength(1);
      expect(accountsNamed(g.weft, 'Desk Range Early')).toHaveLength(0);
      expect(accountsNamed(g.weft, 'Desk Range Late')).toHaveLength(0);
    });

    it('single runs one customer by its ListID', async () => {
      const late = g.weft.sandboxes!.qbd.file.customerByName('Desk Range Late')!;
      const s = await cliRun(g.weft, FLOW, ['--utility', 'single', '--record', late.listId]);
      expect(s.status).toBe('succeeded');
      expect(node(s, 'customers').in).toBe(1);
      expect(await sinkCounts(g.weft, s.runId, 'accounts')).toMatchObject({ created: 1, updated: 0, failed: 0 });
      expect(accountsNamed(g.weft, 'Desk Range Late')).toEqual([{ Name: 'Desk Range Late', Phone: '+1 555 0122' }]);
      expect(accountsNamed(g.weft, 'Desk Range Early')).toHaveLength(0);
    });
  });
}
