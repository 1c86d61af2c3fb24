// Issue 14 through the API as the designer calls it, on a Weft with real SQLite and
// PostgreSQL: versions with who published them, roll back, two people saving the same
// flow, delete (schedule stopped, audit kept), and flow files in and out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { readSchedule } from '../engine';
import { listAudit } from './design/audit-log';
import { bootWeft, type Weft } from './boot';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const makeCaller = createCallerFactory(appRouter);
const TEMPLATE = 'creatio-accounts-to-qbo-customers';

for (const db of testDatabases()) {
  describe(`flow history on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let ann: ReturnType<typeof makeCaller>;
    let bob: ReturnType<typeof makeCaller>;
    let admin: ReturnType<typeof makeCaller>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-history-'));
      weft = await bootWeft({
        dataDir: dir,
        port: null,
        databaseUrl: db.url,
        pgSchema: testSchema('history'),
        log: { info: () => undefined, warn: () => undefined, error: console.error },
        sandboxes: false,
        worker: false,
      });
      // Connections by name in files; the secrets must never reach one.
      weft.design.upsertConnection({
        id: 'c-secret-id',
        workspaceId: 'default',
        kind: 'creatio',
        name: 'Our Creatio',
        settings: { baseUrl: 'http://127.0.0.1:9' },
        secrets: { password: 'do-not-export-me' },
      });
      weft.design.upsertConnection({
        id: 'q-secret-id',
        workspaceId: 'default',
        kind: 'quickbooks-online',
        name: 'Our QuickBooks',
        settings: { baseUrl: 'http://127.0.0.1:9', realmId: '1', clientId: 'x' },
        secrets: { clientSecret: 'do-not-export-me-either', refreshToken: 'r-123456' },
      });
      const store = weft.services.accounts.store;
      const person = (id: string, role: 'admin' | 'specialist' | 'analyst') => {
        store.createUser({ id, email: `${id}@example.com`, name: id, passwordHash: null });
        store.setRole(id, 'default', role);
        return makeCaller({ services: weft.services, actor: { userId: id, workspaceId: 'default' } });
      };
      ann = person('ann', 'specialist');
      bob = person('bob', 'analyst');
      admin = person('root', 'admin');
    });
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const audit = () => listAudit(weft.services.accounts.db, 'default', { limit: 50 });

    it('keeps who published each version, when, and the note; rolling back makes a new draft only', async () => {
      const { id } = await ann.flows.createFromTemplate({ templateId: TEMPLATE, name: 'History one' });
      await ann.flows.publish({ id, notes: 'First go' });
      const v1 = (await ann.flows.get({ id })).draft;
      const edited = structuredClone(v1);
      edited.nodes.find((n) => n.id === 'accounts')!.config.pageSize = 200;
      await ann.flows.save({ id, document: edited });
      await ann.flows.publish({ id, notes: 'Smaller pages' });

      const versions = await bob.flows.versions.list({ id });
      expect(versions.map((v) => [v.version, v.notes, v.publishedBy])).toEqual([
        [2, 'Smaller pages', 'ann@example.com'],
        [1, 'First go', 'ann@example.com'],
      ]);
      expect(Date.parse(versions[0].publishedAt)).toBeGreaterThan(Date.now() - 60_000);
      expect((await bob.flows.versions.get({ id, version: 1 })).nodes[0].config.pageSize).toBe(1000);

      const before = (await bob.flows.get({ id })).revision;
      const r = await bob.flows.versions.rollback({ id, version: 1 });
      expect(r.revision).toBe(before + 1);
      const after = await bob.flows.get({ id });
      expect(after.draft).toEqual(v1);
      expect(after.updatedBy).toBe('bob@example.com');
      // History is never rewritten: both versions stay, and the schedule's version is still 2.
      expect((await bob.flows.versions.list({ id })).map((v) => v.version)).toEqual([2, 1]);
      expect(after.publishedVersion).toBe(2);
      expect(audit()).toContainEqual(
        expect.objectContaining({ action: 'flow.rollback', subject: id, actor: 'bob@example.com' }),
      );
      await expect(bob.flows.versions.rollback({ id, version: 9 })).rejects.toThrow(/has no published version 9/);
    });

    it("refuses the second of two saves from the same revision, naming who changed it, and keeps the first's", async () => {
      const { id } = await ann.flows.createFromTemplate({ templateId: TEMPLATE, name: 'Two editors' });
      const opened = await ann.flows.get({ id });
      const mine = structuredClone(opened.draft);
      mine.nodes[0].title = 'Ann was here';
      const theirs = structuredClone(opened.draft);
      theirs.nodes[0].title = 'Bob was here';

      const saved = await ann.flows.save({ id, document: mine, baseRevision: opened.revision });
      expect(saved.revision).toBe(opened.revision + 1);
      await expect(bob.flows.save({ id, document: theirs, baseRevision: opened.revision })).rejects.toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/^This flow was changed by ann@example\.com at \d{4}-\d\d-\d\d \d\d:\d\d UTC/),
      });
      expect((await bob.flows.get({ id })).draft.nodes[0].title).toBe('Ann was here');
      // Bob, having reloaded, saves on top of Ann's.
      const again = await bob.flows.save({ id, document: theirs, baseRevision: saved.revision });
      expect(again.revision).toBe(saved.revision + 1);
      // Ann publishes only what she has seen: Bob's draft is not published from her stale editor.
      await expect(ann.flows.publish({ id, baseRevision: saved.revision })).rejects.toThrow(
        /^This flow was changed by bob@example\.com at /,
      );
      expect((await ann.flows.versions.list({ id })).length).toBe(0);
      await expect(ann.flows.publish({ id, baseRevision: again.revision })).resolves.toEqual({ version: 1 });
    });

    it('deletes a flow: its schedule stops, it leaves every list, the audit keeps it', async () => {
      const { id } = await ann.flows.createFromTemplate({ templateId: TEMPLATE, name: 'To delete' });
      await ann.flows.publish({ id });
      await admin.flows.setState({ id, state: 'started' });
      expect((await readSchedule(weft.queue.pool, id))?.enabled).toBe(true);

      expect(await bob.flows.versions.remove({ id })).toEqual({ name: 'To delete' });
      expect((await readSchedule(weft.queue.pool, id))?.enabled).toBe(false);
      expect((await bob.flows.list()).map((f) => f.id)).not.toContain(id);
      await expect(bob.flows.get({ id })).rejects.toThrow(/was not found/);
      // Its run history stays reachable by id for operators and the audit.
      await expect(admin.runs.list({ flowId: id })).resolves.toEqual([]);
      expect(audit()).toContainEqual(
        expect.objectContaining({ action: 'flow.delete', subject: id, detail: { name: 'To delete' } }),
      );
      await expect(bob.flows.versions.remove({ id })).rejects.toThrow(/was not found/);
    });

    it('exports a flow as a file, imports it as a new flow, and exports the same bytes again', async () => {
      const { id } = await ann.flows.createFromTemplate({ templateId: TEMPLATE, name: 'Round trip' });
      const first = await bob.flows.versions.exportFile({ id });
      expect(first.filename).toBe(`${id}.weft.json`);
      expect(first.text).toContain('"connection": "Our Creatio"');
      expect(first.text).not.toMatch(/secret-id|do-not-export-me|r-123456/);

      const imported = await bob.flows.versions.importFile({ text: first.text });
      expect(imported.problems).toEqual([]);
      expect(imported.id).not.toBe(id);
      expect(
        (await bob.flows.get({ id: imported.id! })).draft.nodes.find((n) => n.id === 'accounts')!.config,
      ).toMatchObject({ connection: 'c-secret-id' });
      expect((await bob.flows.versions.exportFile({ id: imported.id! })).text).toBe(first.text);
    });

    it('refuses a broken file whole, naming node and field, and saves nothing', async () => {
      const { id } = await ann.flows.createFromTemplate({ templateId: TEMPLATE, name: 'Broken' });
      const file = JSON.parse((await bob.flows.versions.exportFile({ id })).text);
      file.nodes.find((n: { id: string }) => n.id === 'map-customer').config.mappings[0].target = 7;
      const count = (await bob.flows.list()).length;
      const r = await bob.flows.versions.importFile({ text: JSON.stringify(file) });
      expect(r.id).toBeNull();
      expect(r.problems.map((p) => p.message).join('\n')).toMatch(/"map-customer".*config\.mappings\.0\.target/);
      expect((await bob.flows.list()).length).toBe(count);
    });
  });
}
