// Failed records as a work queue across runs (issue 16), on the whole Weft: queue, worker, run
// store on real PostgreSQL, both sandboxes over HTTP, the shipped accounts → customers template.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUPLICATE_INDEX, demoAccount } from '../../sandbox/demo-data';
import { bootWeft, type Weft } from '../boot';
import { callerRunApi } from '../cli-http';
import { runOnce } from '../cli-run';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { failuresCsv } from './failures-csv';
import type { FailureQueueService } from './failure-service';

const FLOW = 'template-creatio-accounts-to-qbo-customers';
const WS = 'default';

for (const db of testDatabases()) {
  describe(`failed records work queue on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let queue: FailureQueueService;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-queue-'));
      weft = await bootWeft({ dataDir: dir, port: null, databaseUrl: db.url, pgSchema: testSchema('fq'), log: quiet });
      queue = weft.services.failures!;
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const run = () => runOnce(callerRunApi(weft.services), { kind: 'id', id: 'creatio-accounts-to-qbo-customers' });
    const open = (nodeId: string) => queue.list(WS, { flowId: FLOW, nodeId }, null, 100).then((p) => p.rows);
    const customers = () =>
      weft
        .sandboxes!.qbo.store.all(weft.sandboxes!.qbo.realmId, 'Customer')
        .map((r) => r.body as unknown as QboCustomer);
    const finished = async (runId: string) => {
      for (let i = 0; i < 600; i++) {
        const r = await weft.services.runs.getRun(WS, runId);
        if (r && r.status !== 'queued' && r.status !== 'running') return r;
        await new Promise((ok) => setTimeout(ok, 100));
      }
      throw new Error(`run ${runId} did not finish`);
    };
    const dupeName = demoAccount(DUPLICATE_INDEX).name;

    it('keeps the duplicate-name accounts open after the next run, and syncs them once fixed', async () => {
      const first = await run();
      expect(first.nodes.find((n) => n.id === 'bind-customers')!.failed).toBe(2);
      const second = await run();
      expect(second.nodes[0].in).toBe(0); // the watermark moved past them…
      const still = await open('bind-customers'); // …and they are still there, open
      expect(still.map((r) => r.record.data.Name)).toEqual([dupeName, dupeName]);
      expect(still[0]).toMatchObject({ state: 'open', failures: 1, firstRunId: first.runId });
      const snap = await weft.services.runs.getRun(WS, second.runId);
      expect(snap!.nodes.find((n) => n.id === 'bind-customers')!.open).toBe(2);

      // Support renames one (only the fields the mapping reads may change) and retries it.
      const detail = await queue.get(WS, still[0].id);
      expect(detail!.editable.map((e) => e.path)).toContain('Name');
      await expect(queue.edit(WS, still[0].id, { Id: 'x' }, 'support@example.com')).rejects.toThrow(/mapping/);
      await queue.edit(WS, still[0].id, { Name: `${dupeName} (North)` }, 'support@example.com');
      const edited = await queue.get(WS, still[0].id);
      expect(edited!.edits).toEqual([
        expect.objectContaining({
          actor: 'support@example.com',
          before: { Name: dupeName },
          after: { Name: `${dupeName} (North)` },
        }),
      ]);
      const one = await queue.retry(WS, { flowId: FLOW, ids: [still[0].id] }, 'support@example.com');
      expect(one.records).toBe(1);
      expect((await finished(one.runId)).status).toBe('succeeded');
      expect(customers().filter((c) => c.DisplayName === `${dupeName} (North)`)).toHaveLength(1);
      expect((await open('bind-customers')).map((r) => r.id)).toEqual([still[1].id]);

      // The other keeps its name: alone now, it is created by a bulk retry of the node.
      const rest = await queue.retry(WS, { flowId: FLOW, nodeId: 'bind-customers' }, 'support@example.com');
      expect((await finished(rest.runId)).status).toBe('succeeded');
      expect(await open('bind-customers')).toEqual([]);
      const names = customers().map((c) => c.DisplayName);
      expect(names.filter((n) => n === dupeName)).toHaveLength(1);
      expect(new Set(names).size).toBe(names.length);
      const fixed = await queue.list(WS, { flowId: FLOW, states: ['fixed'] }, null, 10);
      expect(fixed.rows).toHaveLength(2);
    });

    it('a retry of a record whose write had in fact gone through does not write it again', async () => {
      // A name QuickBooks refuses (2040: no colon in a name) fails at the sink.
      const account = demoAccount(20);
      await patchAccount(weft, account.name, { Name: `${account.name}: West` });
      const third = await run();
      expect(third.nodes.find((n) => n.id === 'customers')!.failed).toBe(1);
      const [row] = await open('customers');
      expect(row.failure.code).toBe('qbo.2040');
      const detail = await queue.get(WS, row.id);
      expect(detail!.editable.map((e) => e.path)).toContain('DisplayName');
      await queue.edit(WS, row.id, { DisplayName: `${account.name} - West` }, 'support@example.com');
      const r1 = await queue.retry(WS, { flowId: FLOW, ids: [row.id] }, 'support@example.com');
      expect((await finished(r1.runId)).status).toBe('succeeded');
      const written = customers().find((c) => c.DisplayName === `${account.name} - West`)!;
      expect(written).toBeTruthy();
      const count = customers().length;

      // The write went through, but its outcome was lost (the retry's worker died before recording it):
      // the record is open again, and support retries it once more.
      await weft.queue!.pool.query(`UPDATE weft_failure_queue SET state = 'open', closed_by = NULL WHERE id = $1`, [
        row.id,
      ]);
      // Every request to QuickBooks' batch endpoint is counted (a 1 ms delay rule, hit each time).
      const faults = weft.sandboxes!.qbo.faults;
      faults.clear();
      faults.add({ kind: 'latency', latencyMs: 1, path: '/batch', times: 0 });
      const r2 = await queue.retry(WS, { flowId: FLOW, ids: [row.id] }, 'support@example.com');
      const again = await finished(r2.runId);
      expect(again.status).toBe('succeeded');
      expect(again.nodes.find((n) => n.id === 'customers')).toMatchObject({ in: 1, failed: 0 });
      // Nothing was sent: the effects ledger knew the write; QuickBooks' copy is the same version.
      expect(faults.injected.latency).toBe(0);
      faults.clear();
      expect(customers().length).toBe(count);
      expect(customers().find((c) => c.Id === written.Id)!.SyncToken).toBe(written.SyncToken);
      expect(await open('customers')).toEqual([]);
    });

    it('exports the queue as CSV page by page, with the catalogue action and the record fields', async () => {
      const pages = queue.pages(WS, { flowId: FLOW, states: ['fixed'] });
      let text = '';
      for await (const chunk of failuresCsv(pages)) text += chunk;
      const lines = text.trim().split('\r\n');
      const header = lines[0].split(',');
      expect(header.slice(0, 7)).toEqual(['record_key', 'node', 'state', 'code', 'field', 'message', 'what_to_do']);
      expect(header).toContain('data.Name');
      expect(lines).toHaveLength(4); // two duplicates and the colon name
      expect(text).toContain('weft.binding.duplicate-source');
      expect(text).toMatch(/Make the value unique in the source/);
    });
  });
}

interface QboCustomer {
  Id: string;
  DisplayName: string;
  SyncToken: string;
}

/** Changes an account the way a Creatio user would: over OData, through the sandbox's own HTTP API. */
async function patchAccount(weft: Weft, name: string, body: Record<string, unknown>): Promise<void> {
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
  const q = encodeURIComponent(`Name eq '${name.replace(/'/g, "''")}'`);
  const found = (await (await fetch(`${c.baseUrl}/0/odata/Account?$filter=${q}&$select=Id`, { headers })).json()) as {
    value: { Id: string }[];
  };
  const r = await fetch(`${c.baseUrl}/0/odata/Account(${found.value[0].Id})`, {
    method: 'PATCH',
    headers,
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(204);
}

const quiet = { info: () => undefined, warn: () => undefined, error: (m: string) => console.error(m) };
