// The API as the designer uses it (through appRouter.createCaller), on a whole
// Weft with real PostgreSQL and sandboxes: save/reload, refusals, schedules.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { bootWeft, type Weft } from './boot';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const makeCaller = createCallerFactory(appRouter);

for (const db of testDatabases()) {
  describe(`API on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let api: ReturnType<typeof makeCaller>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-api-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('api'),
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      // Issue 7: the caller is a signed-in admin of the workspace.
      weft.services.accounts.store.createUser({
        id: 'test',
        email: 'test@example.com',
        name: 'Test',
        passwordHash: null,
      });
      weft.services.accounts.store.setRole('test', 'default', 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'test', workspaceId: 'default' } });
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers /healthz once ready, and serves only "ready"', async () => {
      const r = await fetch(`${weft.url}/healthz`);
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual({ status: 'ready' });
    });

    it('lists the template, creates a flow from it, saves an edit and reads it back as saved', async () => {
      const templates = await api.templates.list();
      expect(templates.map((t) => t.name)).toContain('Creatio accounts → QuickBooks customers');
      const { id } = await api.flows.createFromTemplate({ templateId: 'creatio-accounts-to-qbo-customers' });
      const flow = await api.flows.get({ id });
      expect(flow.draft.nodes).toHaveLength(6);
      const doc = structuredClone(flow.draft);
      doc.nodes.push({
        id: 'filter-2',
        type: 'core.filter',
        version: 1,
        position: { x: 300, y: 300 },
        config: { match: 'all', rules: [{ field: 'Name', op: 'contains', value: '&' }] },
      });
      const saved = await api.flows.save({ id, document: doc });
      // Saved even though the new filter is not connected yet; the problem is reported.
      expect(saved.problems.map((p) => p.message)).toEqual([
        'Node "filter-2" (Filter) has nothing connected to its input "Records".',
      ]);
      const again = await api.flows.get({ id });
      expect(again.draft).toEqual(doc);
      await expect(api.runs.start({ flowId: id })).rejects.toThrow(/cannot run yet: Node "filter-2"/);
    });

    it('refuses a document with an unknown node type or a wrong edge, naming the node', async () => {
      const { id } = await api.flows.createFromTemplate({
        templateId: 'creatio-accounts-to-qbo-customers',
        name: 'Broken',
      });
      const doc = (await api.flows.get({ id })).draft;
      doc.edges.push({ from: 'accounts:out', to: 'customers:in' });
      const { problems } = await api.flows.validate({ document: doc });
      expect(problems.map((p) => p.nodeId)).toContain('customers');
      expect(problems.find((p) => p.nodeId === 'customers')!.message).toContain(
        'takes QuickBooks Online Customer records, but "accounts" sends Creatio Account records',
      );
    });

    it('runs on its schedule through pg-boss once started, incrementally, and stops', async () => {
      const { id } = await api.flows.createFromTemplate({
        templateId: 'creatio-accounts-to-qbo-customers',
        name: 'Scheduled',
      });
      await expect(api.flows.setState({ id, state: 'started' })).rejects.toThrow(/Publish the flow first/);
      const doc = (await api.flows.get({ id })).draft;
      doc.settings.schedule = { every: '2s' };
      await api.flows.save({ id, document: doc });
      // People's flows run at most once a minute (issue 18): the API refuses 2 s; the engine runs what it is handed.
      await expect(api.flows.publish({ id, notes: 'every 2 s' })).rejects.toThrow(/at most once a minute/);
      expect(await weft.services.design.publishFlow('default', id, 'every 2 s for the test')).toEqual({ version: 1 });
      await api.flows.setState({ id, state: 'started' });

      const runs = await waitFor(async () => {
        const list = await api.runs.list({ flowId: id });
        const done = list.filter((r) => r.trigger === 'schedule' && r.status !== 'queued' && r.status !== 'running');
        return done.length >= 2 ? done : null;
      }, 30_000);
      expect(runs.every((r) => r.flowVersion === 1)).toBe(true);
      const [second, first] = [
        await api.runs.get({ runId: runs[0].runId }),
        await api.runs.get({ runId: runs[runs.length - 1].runId }),
      ];
      expect(first.nodes[0].in).toBe(300);
      expect(second.nodes[0].in).toBe(0); // nothing changed since: only the watermark moved
      const marks = await api.flows.watermarks({ id });
      expect(marks[0].value).toMatch(/\|/);
      expect((await api.flows.list()).find((f) => f.id === id)).toMatchObject({
        state: 'started',
        publishedVersion: 1,
      });

      await api.flows.setState({ id, state: 'stopped' });
      await new Promise((r) => setTimeout(r, 500));
      const count = (await api.runs.list({ flowId: id })).length;
      await new Promise((r) => setTimeout(r, 4500));
      expect((await api.runs.list({ flowId: id })).length).toBe(count);
    });
  });
}

async function waitFor<T>(f: () => Promise<T | null>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 250));
  }
}
