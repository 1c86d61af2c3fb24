// `mapping.*` through the API, on a whole Weft whose connections are the Creatio and QuickBooks sandboxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import { bootGolden, type Golden } from '../../templates/test-golden';
import type { FlowDocument } from '../../flow/flow-document';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);

for (const db of testDatabases()) {
  describe(`mapping API on ${db.name}`, () => {
    let g: Golden;
    let api: ReturnType<typeof makeCaller>;
    let flowId: string;
    let doc: FlowDocument;
    beforeAll(async () => {
      g = await bootGolden(db.url, 'mapping');
      const store = g.weft.services.accounts.store;
      store.createUser({ id: 'viewer', email: 'viewer@example.com', name: 'Viewer', passwordHash: null });
      store.setRole('viewer', 'default', 'support');
      api = makeCaller({ services: g.weft.services, actor: { userId: 'viewer', workspaceId: 'default' } });
      const template = g.weft.services.design.getTemplate('creatio-accounts-to-qbo-customers')!;
      flowId = await g.weft.services.design.createFlow('default', template, 'creatio-accounts-to-qbo-customers');
      doc = (await g.weft.services.design.getFlow('default', flowId))!.draft;
    });
    afterAll(() => g?.close());

    /** The saved draft with the mapping's fields replaced (what the editor sends while the analyst types). */
    function withMappings(mappings: object[]): FlowDocument {
      const copy = structuredClone(doc);
      const map = copy.nodes.find((n) => n.id === 'map-customer')!;
      map.config = { ...map.config, mappings };
      return copy;
    }

    it('previews the first 20 accounts through the draft mapping, the record that breaks it with its error', async () => {
      const document = withMappings([
        // An analyst's guess that Notes holds a number: true of none, so the accounts with notes fail alone.
        { target: 'DisplayName', expression: 'Notes ? $number(Notes) : $uppercase(Name)', required: true },
        { target: 'PrimaryPhone.FreeFormNumber', source: 'Phone' },
      ]);
      const started = Date.now();
      const { rows, sourceProblem } = await api.mapping.preview({ flowId, document, nodeId: 'map-customer' });
      expect(sourceProblem).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(rows).toHaveLength(20);
      const mapped = rows.filter((r) => r.output);
      const broken = rows.filter((r) => r.error?.message.includes('the expression'));
      const filtered = rows.filter((r) => r.error?.message.includes('Active only'));
      // The seed's two accounts of one name stop at the binding, before the mapping: said so on their rows.
      const twins = rows.filter((r) =>
        r.error?.message.startsWith('Stopped at "Find the customer": Two source records'),
      );
      expect(mapped.length + broken.length + filtered.length + twins.length).toBe(20);
      expect(mapped.length).toBeGreaterThan(10);
      const one = mapped[0];
      expect(one.output).toEqual({
        DisplayName: String(one.input.Name).toUpperCase(),
        PrimaryPhone: { FreeFormNumber: one.input.Phone },
      });
      expect(broken.length).toBeGreaterThan(0);
      expect(broken[0].error).toEqual({
        field: 'DisplayName',
        message: expect.stringMatching(
          new RegExp(
            '^Account ".+": Field 1 \\(DisplayName\\): the expression ' +
              '`Notes \\? \\$number\\(Notes\\) : \\$uppercase\\(Name\\)` failed \\(at column \\d+\\): ' +
              'Unable to cast value to a number: "Key account',
          ),
        ),
      });
    });

    it('previews the filter (which pass) and the binding (what each would match) without binding anything', async () => {
      const filter = await api.mapping.preview({ flowId, nodeId: 'active', limit: 10 });
      expect(filter.rows.map((r) => r.passed)).toContain(false);
      expect(filter.rows.filter((r) => r.passed).length).toBeGreaterThan(5);
      const binding = await api.mapping.preview({ flowId, nodeId: 'bind-customers', limit: 20 });
      const kinds = new Set(binding.rows.map((r) => r.match?.kind));
      expect(kinds).toContain('new');
      expect(kinds).toContain('matched');
      expect(binding.rows.find((r) => r.match?.kind === 'matched')!.match!.detail).toMatch(/found by the match rule/);
      // Nothing was bound: the same preview again still finds them by the rule, not by a cross-reference.
      const again = await api.mapping.preview({ flowId, nodeId: 'bind-customers', limit: 20 });
      expect(again.rows.some((r) => r.match?.detail.includes('cross-reference'))).toBe(false);
    });

    it('lists the fields the mapping writes and reads, with required ones, lengths and sample fields', async () => {
      const { source, target } = await api.mapping.fields({ flowId, nodeId: 'map-customer' });
      expect(target).toMatchObject({ system: 'qbo', entity: 'Customer' });
      expect(target.fields).toContainEqual({ path: 'PrimaryPhone.FreeFormNumber', type: 'text', maxLength: 30 });
      expect(target.fields).toContainEqual(expect.objectContaining({ path: 'DisplayName', required: true }));
      expect(source).toMatchObject({ system: 'creatio', entity: 'Account' });
      expect(source.fields).toContainEqual(expect.objectContaining({ path: 'Phone', type: 'text' }));
      // Brought in by the source's $expand: only the records show it.
      expect(source.fields).toContainEqual(expect.objectContaining({ path: 'UsrActive.Name', fromSample: true }));
    });

    it('names a source field the Creatio object does not have, with the likely one, before saving', async () => {
      const document = withMappings([
        { target: 'DisplayName', source: 'Name', required: true },
        { target: 'PrimaryPhone.FreeFormNumber', source: 'Phnoe' },
        { target: 'Notes', expression: '$uppercase(Nots) & Web' },
      ]);
      const { problems } = await api.mapping.check({ flowId, document, nodeId: 'map-customer' });
      expect(problems.map((p) => p.message)).toEqual([
        'Field 2 (PrimaryPhone.FreeFormNumber): Source field Phnoe does not exist on Creatio Account — did you mean Phone?',
        'Field 3 (Notes): Source field Nots does not exist on Creatio Account (read by the expression of Notes) — did you mean Notes?',
      ]);
      expect(problems.map((p) => p.field)).toEqual([1, 2]);
      expect((await api.mapping.check({ flowId, nodeId: 'map-customer' })).problems).toEqual([]);
    });

    it('flags an unmapped required QuickBooks field and a syntax error in the flow check, by field', async () => {
      const document = withMappings([
        { target: 'CompanyName', source: 'Name' },
        { target: 'PrimaryPhone.FreeFormNumber', expression: 'Phone & (' },
      ]);
      const { problems } = await api.flows.validate({ document });
      expect(problems.map((p) => p.message)).toEqual([
        'Node "map-customer" (Mapping): Field 2 (PrimaryPhone.FreeFormNumber): the ' +
          'expression has a syntax error at column 9: Expected ")" before end of expression.',
        'Node "map-customer" (Mapping): QuickBooks Online Customer needs DisplayName, but no field of this mapping fills it: ' +
          'map a source field onto it, or give it a fixed value or an expression.',
      ]);
    });
  });
}
