// Issue 18 (high): a flow's field path such as `__proto__.polluted` once let a run write onto
// Object.prototype of the whole server. Refused by every node schema that takes a path (save,
// import, publish, start and the worker all go through validateFlow), and the path writer is
// safe by itself. Whole Weft, real PostgreSQL and sandboxes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPath, writePath } from '../nodes/core/field-path';
import { testDatabases, testSchema } from '../scripts/test-databases';
import { bootWeft, type Weft } from './boot';
import { appRouter } from './router';
import { createCallerFactory } from './trpc';

const WS = 'default';
const makeCaller = createCallerFactory(appRouter);
type Doc = { nodes: { id: string; config: Record<string, unknown> }[] };
const polluted = () => (({}) as Record<string, unknown>).polluted;

describe('field paths never reach a prototype', () => {
  it('the path writer refuses forbidden segments and walks own fields only', () => {
    for (const path of ['__proto__.polluted', 'constructor.prototype.polluted', 'a.__proto__.polluted']) {
      expect(() => writePath({}, path, 'yes')).toThrow(/cannot be part of a field path/);
    }
    expect(polluted()).toBeUndefined();
    // An object reached only through the prototype chain is not written into: a new own one is made.
    const shared = { x: 1 };
    const record = Object.create({ Inherited: shared }) as Record<string, unknown>;
    writePath(record, 'Inherited.x', 2);
    expect(shared.x).toBe(1);
    expect(Object.hasOwn(record, 'Inherited')).toBe(true);
    expect(readPath({}, 'toString')).toBeUndefined();
    expect(readPath(record, 'Inherited.x')).toBe(2);
  });
});

for (const db of testDatabases()) {
  describe(`a flow with a path into a prototype, on ${db.name}`, () => {
    let weft: Weft;
    let dir: string;
    let api: ReturnType<typeof makeCaller>;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'weft-proto-'));
      weft = await bootWeft({
        dataDir: dir,
        port: 0,
        databaseUrl: db.url,
        pgSchema: testSchema('proto'),
        log: { info: () => undefined, warn: () => undefined, error: console.error },
      });
      weft.services.accounts.store.createUser({
        id: 'analyst',
        email: 'analyst@example.com',
        name: 'Analyst',
        passwordHash: null,
      });
      weft.services.accounts.store.setRole('analyst', WS, 'admin');
      api = makeCaller({ services: weft.services, actor: { userId: 'analyst', workspaceId: WS } });
    }, 120_000);
    afterAll(async () => {
      await weft?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is refused on save and import, naming the node and the field, and cannot be started', async () => {
      const { id } = await api.flows.createFromTemplate({
        templateId: 'creatio-accounts-to-qbo-customers',
        name: 'Proto',
      });
      const doc = (await api.flows.get({ id })).draft as unknown as Doc;
      const map = doc.nodes.find((n) => n.id === 'map-customer')!;
      (map.config.mappings as { target: string }[])[0].target = '__proto__.polluted';
      const saved = await api.flows.save({ id, document: doc as never });
      expect(saved.problems.map((p) => p.message)).toEqual([
        'Node "map-customer" (Mapping): "__proto__" cannot be part of a field path: it names the inner workings of ' +
          "JavaScript objects, not a field. Use the field's own name at config.mappings.0.target.",
        // The field it replaced is required by QuickBooks (issue 14: unmapped required fields are problems).
        'Node "map-customer" (Mapping): QuickBooks Online Customer needs DisplayName, but no field of this mapping ' +
          'fills it: map a source field onto it, or give it a fixed value or an expression.',
      ]);
      await expect(api.runs.start({ flowId: id })).rejects.toThrow(
        /cannot run yet: .*"__proto__" cannot be part of a field path/,
      );

      // The lookup node's `into`, the filter's field and a template placeholder, through import.
      const { draft } = await api.flows.get({
        id: (await api.flows.createFromTemplate({ templateId: 'creatio-contacts-to-qbo-customers' })).id,
      });
      const other = draft as unknown as Doc;
      other.nodes.find((n) => n.id === 'company')!.config.into = 'constructor.prototype.polluted';
      (other.nodes.find((n) => n.id === 'with-company')!.config.rules as { field: string }[])[0].field = 'prototype';
      const mapping = other.nodes.find((n) => n.id === 'map-customer')!.config.mappings as {
        source?: string;
        value?: string;
      }[];
      mapping[0] = { ...mapping[0], source: undefined, value: '{{__proto__.x}}' };
      const imported = await api.flows.importDocument({ id: 'proto-import', document: other as never });
      expect(imported.problems.map((p) => [p.nodeId, p.path])).toEqual([
        ['with-company', 'config.rules.0.field'],
        ['company', 'config.into'],
        // A version 1 template placeholder is an expression once upgraded (issue 14): refused there.
        ['map-customer', 'config.mappings.0.expression'],
      ]);
      expect(polluted()).toBeUndefined();
    });

    it('is refused by the engine too (a version saved before the check), and nothing is polluted', async () => {
      const { id } = await api.flows.createFromTemplate({
        templateId: 'creatio-accounts-to-qbo-customers',
        name: 'Proto engine',
      });
      const doc = (await api.flows.get({ id })).draft as unknown as Doc;
      (doc.nodes.find((n) => n.id === 'map-customer')!.config.mappings as { target: string }[])[2].target =
        'constructor.prototype.polluted';
      await weft.services.design.saveFlow(WS, id, doc as never);
      // Straight to the queue, past the API's check: the worker validates what it runs.
      const { runId } = await weft.services.runs.startRun(WS, id, { trigger: 'manual' });
      let run = await weft.services.runs.getRun(WS, runId);
      for (
        const until = Date.now() + 60_000;
        run && ['queued', 'running'].includes(run.status) && Date.now() < until;
      ) {
        await new Promise((r) => setTimeout(r, 200));
        run = await weft.services.runs.getRun(WS, runId);
      }
      expect(run?.status).toBe('failed');
      expect(run?.error).toMatch(/map-customer.*"constructor" cannot be part of a field path/);
      expect(polluted()).toBeUndefined();
      // Sign-in (which broke for everyone when Object.prototype was written) still works.
      expect((await fetch(`${weft.url}/healthz`)).status).toBe(200);
    }, 90_000);
  });
}
