// The operators' monitor (issue 16) on a whole Weft (real PostgreSQL, the sandboxes):
// live states, last-run counters, a policy stop with its reason and record, and the
// single-user-mode procedure for a company file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../../scripts/test-databases';
import { bootWeft, type Weft } from '../boot';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';
import type { FlowSettings } from '../../flow/flow-document';
import type { MonitorView } from './monitor-service';

const makeCaller = createCallerFactory(appRouter);
const quiet = { info: () => undefined, warn: () => undefined, error: console.error };
const TEMPLATE = 'creatio-accounts-to-qbo-customers';
const [db] = testDatabases();

describe('the monitor', () => {
  let weft: Weft;
  let dir: string;
  let api: ReturnType<typeof makeCaller>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-monitor-'));
    weft = await bootWeft({ dataDir: dir, port: null, databaseUrl: db.url, pgSchema: testSchema('mon'), log: quiet });
    weft.services.accounts.store.createUser({ id: 'op', email: 'op@example.com', name: 'Op', passwordHash: null });
    weft.services.accounts.store.setRole('op', 'default', 'admin');
    api = makeCaller({ services: weft.services, actor: { userId: 'op', workspaceId: 'default' } });
  });
  afterAll(async () => {
    await weft?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function publishedFlow(name: string, settings: Partial<FlowSettings> = {}): Promise<string> {
    const t = weft.services.design.getTemplate(TEMPLATE)!;
    const id = await weft.services.design.createFlow(
      'default',
      { ...t, name, settings: { ...t.settings, schedule: { every: '1h' }, ...settings } },
      TEMPLATE,
    );
    await weft.services.design.publishFlow('default', id, 'first');
    return id;
  }

  const row = (v: MonitorView, id: string) => v.rows.find((r) => r.flowId === id)!;

  it('shows a run live (RUNNING, then its counters) and a policy stop as STOPPED with the reason and the record', async () => {
    const id = await publishedFlow('Stops on error', { stopPolicy: 'every-error' });
    const before = row(await api.monitor.view(), id);
    expect(before).toMatchObject({
      state: 'STOPPED',
      published: true,
      objects: expect.arrayContaining(['creatio.Account', 'quickbooks-online.Customer']),
    });
    expect(before.companyFiles.map((c) => c.id).sort()).toEqual(['creatio-sandbox', 'qbo-sandbox']);

    const ac = new AbortController();
    const seen: string[] = [];
    const watching = (async () => {
      const watcher = makeCaller(
        { services: weft.services, actor: { userId: 'op', workspaceId: 'default' } },
        { signal: ac.signal },
      );
      for await (const v of await watcher.monitor.watch()) {
        const r = row(v, id);
        seen.push(r.state);
        if (r.state === 'STOPPED' && r.lastRun?.finishedAt) return r;
      }
      return null;
    })();
    // Starting it runs it at once, then on its schedule.
    await api.flows.setState({ id, state: 'started' });
    const end = await Promise.race([watching, new Promise<null>((r) => setTimeout(() => r(null), 90_000))]);
    ac.abort();
    expect(seen).toContain('RUNNING');
    // The policy stops the run itself at the page with the error (status failed), and the schedule.
    expect(end?.lastRun).toMatchObject({ status: 'failed', failed: 2 });
    expect(end!.lastRun!.read).toBeGreaterThan(0);
    expect(end!.lastRun!.created + end!.lastRun!.updated).toBeGreaterThan(0);
    // Stopped by its stop policy: STOPPED with the reason and the record that failed, also in the flow list.
    expect(end?.stopReason).toMatch(/stop policy/);
    expect(end?.stoppedBy).toMatchObject({
      nodeId: 'bind-customers',
      recordKey: expect.any(String),
      message: expect.any(String),
    });
    expect((await api.flows.list()).find((f) => f.id === id)).toMatchObject({
      state: 'stopped',
      stopReason: expect.stringMatching(/stop policy/),
    });
  }, 120_000);

  it('stops every scheduled flow of a company file and starts the same flows again', async () => {
    const a = await publishedFlow('Company A sync');
    const b = await publishedFlow('Company B sync');
    const idle = await publishedFlow('Left stopped');
    await api.flows.setState({ id: a, state: 'started' });
    await api.flows.setState({ id: b, state: 'started' });

    const { stopped } = await api.monitor.stopCompanyFile({ connectionId: 'qbo-sandbox' });
    expect(stopped.sort()).toEqual([a, b].sort());
    const held = await api.monitor.view();
    expect(row(held, a).state).toBe('STOPPED');
    expect(row(held, b).state).toBe('STOPPED');
    expect(held.holds).toEqual([
      expect.objectContaining({ connectionId: 'qbo-sandbox', flowIds: expect.arrayContaining([a, b]) }),
    ]);

    const { started, problems } = await api.monitor.startCompanyFile({ connectionId: 'qbo-sandbox' });
    expect(problems).toEqual([]);
    expect(started.sort()).toEqual([a, b].sort());
    const after = await api.monitor.view();
    expect(row(after, a).state).toBe('STARTED');
    expect(row(after, idle).state).toBe('STOPPED'); // it was not running before: it stays stopped
    expect(after.holds).toEqual([]);
    await expect(api.monitor.startCompanyFile({ connectionId: 'qbo-sandbox' })).rejects.toThrow(
      /No flow of this company file was stopped/,
    );
    await expect(api.monitor.stopCompanyFile({ connectionId: 'nope' })).rejects.toThrow(
      /not a connection of this workspace/,
    );
    const audit = await api.audit.list({});
    expect(audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['company-file.stop-flows', 'company-file.start-flows']),
    );
  }, 120_000);
});
