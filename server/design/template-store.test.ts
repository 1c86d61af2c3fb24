// Templates in the design store (issue 15), on a real SQLite file: the shipped files
// at their versions, a specialist's new version seen only by their workspace, and a flow
// made from an older version taking the newer by the three-way merge with the analyst's pick.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FlowDocument } from '../../flow/flow-document';
import { validateFlow } from '../../flow/validate-flow';
import { registry } from '../../nodes';
import { createTemplateService } from '../template-service';
import { loadTemplates } from '../templates';
import { DesignStore } from './design-store';
import { SecretBox } from './secrets';
import { latestVersions, publishTemplate, seedBuiltIns, templateDocument, visibleVersions } from './template-store';
import { auditLog } from './design.table';

const ROOT = join(__dirname, '../..');
const T = 'creatio-accounts-to-qbo-customers';
type Line = { target: string; source?: string; maxLength?: number };
const line = (d: FlowDocument, target: string) =>
  (d.nodes.find((n) => n.id === 'map-customer')!.config.mappings as Line[]).find((m) => m.target === target)!;

describe('template store and updates', () => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-templates-'));
  const store = DesignStore.open(
    join(dir, 'design.db'),
    SecretBox.withKeys([randomBytes(32)]),
    join(ROOT, 'migrations/design'),
  );
  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  store.ensureWorkspace('default', 'Default');
  store.ensureWorkspace('other', 'Other');
  const shipped = loadTemplates(join(ROOT, 'templates'), registry);
  const seed = () =>
    seedBuiltIns(
      store,
      shipped.list().map((t) => ({ ...t, title: t.name, doc: shipped.get(t.id)! })),
    );
  seed();
  const service = createTemplateService(store, registry, 'ann@x.test');

  it('keeps the shipped templates, each at its shipped version, once however often Weft starts', () => {
    const older = store.createFlow('default', shipped.get(T)!, T, 'bo@x.test');
    seed();
    expect(store.getFlow('default', older)!.templateVersion).toBe(1); // made before versions: from version 1
    const list = service.list('default');
    expect(list).toHaveLength(shipped.list().length);
    const t = list.find((x) => x.id === T)!;
    // Version 2 added the contact and address options; version 1 stays for the flows made from it.
    expect(t).toMatchObject({ version: 2, builtIn: true, direction: 'Creatio → QuickBooks Online' });
    expect(list.find((x) => x.id === 'creatio-contacts-to-qbo-customers')!.version).toBe(1);
    expect(t.needs).toEqual(['Creatio', 'QuickBooks Online']);
    expect(service.get(T)).toEqual(shipped.get(T));
  });

  it('publishes a new version seen by its workspace only, and a flow from v2 merges it', () => {
    const v1 = service.get(T)!;
    const flowId = store.createFlow('default', v1, T, 'bo@x.test', undefined, 2);
    const local = structuredClone(v1);
    line(local, 'Notes').source = 'Web';
    store.saveFlow('default', flowId, local, 'bo@x.test');

    const v2 = structuredClone(v1);
    line(v2, 'Notes').source = 'Phone';
    line(v2, 'CompanyName').maxLength = 41;
    const fields = { title: 'Accounts v2', objects: ['Account'], direction: 'Creatio → QuickBooks Online' };
    const r = publishTemplate(
      store,
      'default',
      'ann@x.test',
      T,
      { ...fields, description: '', releaseNote: 'Shorter' },
      v2,
    );
    expect(r).toEqual({ id: T, version: 3 });
    expect(latestVersions(store, 'other').find((t) => t.id === T)!.version).toBe(2);
    expect(templateDocument(store, 'other', T, 3)).toBeNull();
    seed(); // a restart does not touch version 3
    expect(service.list('default').find((t) => t.id === T)).toMatchObject({ version: 3, releaseNote: 'Shorter' });

    const flow = () => store.getFlow('default', flowId)!;
    expect(service.updateFor('default', flow())).toEqual({ version: 3, releaseNote: 'Shorter' });
    const preview = service.preview('default', flow());
    expect(preview).toMatchObject({ from: 2, to: 3, releaseNote: 'Shorter' });
    expect(preview.conflicts.map((c) => [c.where, c.ours, c.theirs])).toEqual([
      ['step "Account → Customer", mapping to Notes: source', 'Web', 'Phone'],
    ]);
    expect(preview.applied.map((a) => a.where)).toEqual([
      'step "Account → Customer", mapping to CompanyName: maxLength',
    ]);

    service.apply('default', flow(), { [preview.conflicts[0].id]: 'theirs' });
    expect(line(flow().draft, 'Notes').source).toBe('Phone');
    expect(line(flow().draft, 'CompanyName').maxLength).toBe(41);
    expect(flow().templateVersion).toBe(3);
    expect(service.updateFor('default', flow())).toBeNull();
    const actions = store.db
      .select()
      .from(auditLog)
      .all()
      .map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['template.publish', 'flow.template-update']));
  });

  it('offers a flow made from shipped version 1 the contact and address options of version 2, keeping its changes', () => {
    const v1 = JSON.parse(readFileSync(join(ROOT, 'templates/history', `${T}.v1.json`), 'utf8')) as FlowDocument;
    const mine = structuredClone(v1);
    line(mine, 'Notes').source = 'Web';
    const flowId = store.createFlow('other', mine, T, 'bo@x.test', undefined, 1);
    const flow = () => store.getFlow('other', flowId)!;
    expect(validateFlow(flow().draft, registry).ok).toBe(true); // version 1 keeps running as it was

    expect(service.updateFor('other', flow())).toMatchObject({ version: 2 });
    expect(service.updateFor('other', flow())!.releaseNote).toContain('Contact and address options');
    const preview = service.preview('other', flow());
    expect(preview).toMatchObject({ from: 1, to: 2, conflicts: [] });
    service.apply('other', flow(), {});
    const draft = flow().draft;
    expect(draft.nodes.find((n) => n.id === 'options')?.type).toBe('core.party-options');
    expect(draft.edges).toEqual(
      expect.arrayContaining([
        { from: 'bind-customers:out', to: 'options:in' },
        { from: 'options:out', to: 'map-customer:in' },
      ]),
    );
    expect(draft.edges).not.toContainEqual({ from: 'bind-customers:out', to: 'map-customer:in' });
    expect(line(draft, 'Notes').source).toBe('Web');
    expect(line(draft, 'BillAddr.Line1').source).toBe('BillingAddress.Street');
    expect(validateFlow(draft, registry).ok).toBe(true);
    expect(flow().templateVersion).toBe(2);
  });

  it('keeps a version a workspace published itself when Weft later ships a version of the same number', () => {
    const id = 'creatio-contacts-to-qbo-customers';
    const doc = service.get(id)!;
    const fields = { title: 'Ours', objects: ['Contact'], direction: 'Creatio → QuickBooks Online', description: '' };
    const ours = structuredClone(doc);
    ours.nodes[0].title = 'Our contacts';
    expect(publishTemplate(store, 'other', 'cy@x.test', id, { ...fields, releaseNote: 'Ours' }, ours)).toEqual({
      id,
      version: 2,
    });
    const shipped2 = structuredClone(doc);
    shipped2.nodes[0].title = 'Shipped version 2';
    const t = shipped.list().find((x) => x.id === id)!;
    seedBuiltIns(store, [{ ...t, title: t.name, releaseNote: 'Two', earlier: [doc], doc: shipped2 }]);

    expect(visibleVersions(store, 'other', id).map((v) => [v.version, v.releaseNote])).toEqual([
      [2, 'Ours'],
      [1, ''],
    ]);
    expect(templateDocument(store, 'other', id)!.document.nodes[0].title).toBe('Our contacts');
    expect(templateDocument(store, 'default', id)!.document.nodes[0].title).toBe('Shipped version 2');
    seed(); // back to the shipped files
  });

  it("publishes a flow as a new template with connection slots, not the workspace's connections", () => {
    const doc = structuredClone(service.get(T)!);
    store.upsertConnection({
      id: 'crm',
      workspaceId: 'other',
      kind: 'creatio',
      name: 'CRM',
      settings: {},
      secrets: {},
    });
    doc.nodes[0].config.connection = 'crm';
    const flowId = store.createFlow('other', doc, null, 'cy@x.test');
    const r = service.publish('other', store.getFlow('other', flowId)!, null, {
      title: 'Our accounts',
      objects: ['Account', 'Customer'],
      direction: 'Creatio → QuickBooks Online',
      description: 'Ours',
      releaseNote: 'First',
    });
    expect(r.version).toBe(1);
    expect(service.get(r.id, 'other')!.nodes[0].config.connection).toBe('@creatio');
    expect(service.get(r.id, 'default')).toBeNull();
    expect(store.getFlow('other', flowId)).toMatchObject({ templateId: r.id, templateVersion: 1 });
  });
});
