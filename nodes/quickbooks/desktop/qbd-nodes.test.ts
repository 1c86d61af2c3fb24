// The Desktop nodes against the Web Connector simulator, end to end: node →
// outbox (real PostgreSQL) → QBWC SOAP service → simulator → company file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AWKWARD_NAMES, demoAccount } from '../../../sandbox/demo-data';
import { testDatabases, testSchema } from '../../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from '../../../server/qbwc/test-qbwc';
import type { FlowRecord, NodeContext, RecordResult, SourcePage } from '../../define-node';
import { memoryContext, type MemoryContext } from '../../testing/memory-node-context';
import { qbdBindingNode } from './qbd-binding.node';
import { qbdSinkNode } from './qbd-sink.node';
import { qbdSourceNode } from './qbd-source.node';

const CONN = LOGIN.connectionId;
const account = (i: number): FlowRecord => ({
  key: `acc-${i}`,
  data: { Name: demoAccount(i).name },
  meta: { source: { node: 'accounts', system: 'creatio', entity: 'Account', connection: 'creatio-sandbox' } },
});
const customer = (r: FlowRecord, data: Record<string, unknown>): FlowRecord => ({ ...r, data });

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop nodes through the Web Connector simulator on ${db.name}`, () => {
    let rig: QbwcRig;
    let ctx: MemoryContext & NodeContext;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbdn'), { sandbox: { seed: { accounts: 40, invoices: 12 } } });
      ctx = {
        ...memoryContext({ [CONN]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } } }),
        desktop: rig.outbox,
      };
      rig.sandbox.start(20);
    });
    afterEach(() => rig.close());

    async function process<C>(
      node: { config: { parse(x: unknown): C }; open?: unknown; process: unknown },
      config: Record<string, unknown>,
      batch: FlowRecord[],
    ): Promise<RecordResult[]> {
      const c = node.config.parse(config);
      const state = await (node.open as (x: NodeContext, c: C) => Promise<unknown>)(ctx, c);
      return (node.process as (x: NodeContext, c: C, s: unknown, b: FlowRecord[]) => Promise<RecordResult[]>)(
        ctx,
        c,
        state,
        batch,
      );
    }
    const bindAndWrite = async (batch: FlowRecord[]) => {
      const bound = await process(qbdBindingNode, { connection: CONN }, batch);
      const passed = bound
        .filter((r) => r.outcome === 'passed')
        .map((r) =>
          customer(r.record, {
            Name: r.record.data.Name,
            CompanyName: String(r.record.data.Name).slice(0, 41),
            Phone: '+1 555 0100',
            DataExt: { AccountID: r.record.key },
          }),
        );
      return { bound, written: await process(qbdSinkNode, { connection: CONN }, passed) };
    };

    it('a control character XML 1.0 cannot carry fails its record alone, naming the field (issue 18)', async () => {
      const bound = await process(qbdBindingNode, { connection: CONN }, [account(0), account(1)]);
      const batch = bound.map((r, i) =>
        customer(r.record, { Name: r.record.data.Name, Phone: i === 0 ? '+1 555\u000B0100' : '+1 555 0101' }),
      );
      const written = await process(qbdSinkNode, { connection: CONN }, batch);
      expect(written[0]).toMatchObject({
        outcome: 'failed',
        failure: { code: 'weft.qbd.xml-character', field: 'Phone' },
      });
      expect(written[0].failure!.message).toBe(
        `Customer "${demoAccount(0).name}" was not sent: the field "Phone" contains the control ` +
          `character U+000B, which QuickBooks Desktop cannot take (qbXML is XML 1.0).`,
      );
      expect(written[1].outcome).toBe('created');
      expect(rig.sandbox.file.customerByName(demoAccount(0).name)).toBeUndefined();
      // In the name the binding looks up, it fails alone there: the page's query still goes.
      const odd = customer(account(2), { Name: 'Bad\u0001Name' });
      const looked = await process(qbdBindingNode, { connection: CONN }, [odd, account(3)]);
      expect(looked[0]).toMatchObject({
        outcome: 'failed',
        failure: { code: 'weft.qbd.xml-character', field: 'Name' },
      });
      expect(looked[1].record.meta.binding?.matchedBy).toBe('match-rule');
    });

    it('binds by name, creates the rest, and a 52-character name fails alone with a clear reason', async () => {
      const { bound, written } = await bindAndWrite(Array.from({ length: 20 }, (_, i) => account(i)));
      expect(bound.filter((r) => r.record.meta.binding?.matchedBy === 'match-rule').map((r) => r.record.key)).toEqual([
        'acc-3',
        'acc-13',
      ]);
      const failed = [...bound, ...written].filter((r) => r.outcome === 'failed');
      const long = written.find((r) => r.record.key === 'acc-8')!;
      expect(long.failure).toMatchObject({ code: 'qbd.3070' });
      expect(long.failure!.message).toContain('too long');
      expect(long.failure!.action).toContain('Shorten');
      expect(
        failed.filter((r) => r.failure!.code !== 'weft.binding.duplicate-source').map((r) => r.record.key),
      ).toEqual(['acc-8']);
      expect(
        written
          .filter((r) => r.outcome === 'updated')
          .map((r) => r.record.key)
          .sort(),
      ).toEqual(['acc-13', 'acc-3']);
      for (const name of AWKWARD_NAMES.filter((n) => [...n].length <= 41))
        expect(rig.sandbox.file.customerByName(name)?.name).toBe(name);
      // AccountID custom field: DataExtAdd on created customers; on updated ones Mod, then Add when it had no value.
      for (const key of ['acc-0', 'acc-3'])
        expect(
          rig.sandbox.file.dataExt(
            '0',
            'AccountID',
            written.find((r) => r.record.key === key)!.record.meta.binding!.targetId!,
          ),
        ).toBe(key);
      expect(ctx.statuses.some((s) => s?.startsWith('waiting for Web Connector'))).toBe(true);
      // A rerun binds through the cross-reference and updates; nothing is created twice.
      const before = rig.sandbox.file.customerCount();
      const again = await bindAndWrite([account(0), account(1)]);
      expect(again.bound.map((r) => r.record.meta.binding?.matchedBy)).toEqual(['cross-reference', 'cross-reference']);
      expect(again.written.map((r) => r.outcome)).toEqual(['updated', 'updated']);
      expect(rig.sandbox.file.customerCount()).toBe(before);
    });

    it('re-queries and retries a Mod whose EditSequence went stale (3200)', async () => {
      const c = rig.sandbox.file.customerByName(demoAccount(3).name)!;
      const rec = account(3);
      rec.meta.binding = {
        system: 'quickbooks-desktop',
        entity: 'Customer',
        targetId: c.listId,
        version: '1',
        matchedBy: 'cross-reference',
      };
      const [r] = await process(qbdSinkNode, { connection: CONN }, [customer(rec, { Phone: '555-0123' })]);
      expect(r.outcome).toBe('updated');
      expect(rig.sandbox.file.customer(c.listId)!.fields.Phone).toBe('555-0123');
      expect(rig.sandbox.file.customer(c.listId)!.name).toBe('Café Déjà Vu Crème');
    });

    it('a session lost after QuickBooks saved an Add: found by its name and bound, not failed or saved again', async () => {
      rig.sandbox.faults.inject({ kind: 'drop-mid-session' });
      const [r] = await process(qbdSinkNode, { connection: CONN }, [
        customer(account(100), { Name: 'Dropped & Resent' }),
      ]);
      expect(r.outcome).toBe('created');
      expect(rig.sandbox.connector!.log.some((s) => s.end === 'dropped')).toBe(true);
      expect(rig.sandbox.file.customers().filter((c) => c.name === 'Dropped & Resent')).toHaveLength(1);
      expect(r.record.meta.binding?.targetId).toBe(rig.sandbox.file.customerByName('Dropped & Resent')!.listId);
      expect(rig.sandbox.file.writes.get(r.record.meta.binding!.targetId!)).toBe(1);
    });

    it('a session lost after QuickBooks saved a Mod: found saved (EditSequence moved, values held), not saved again', async () => {
      const [made] = await process(qbdSinkNode, { connection: CONN }, [customer(account(102), { Name: 'Lost Mod' })]);
      const id = made.record.meta.binding!.targetId!;
      const saves = rig.sandbox.file.writes.get(id)!;
      rig.sandbox.faults.inject({ kind: 'drop-mid-session', onlyIf: /<CustomerModRq/ });
      const bound = customer(account(102), { Name: 'Lost Mod', Phone: '555-0102' });
      bound.meta.binding = { ...made.record.meta.binding!, version: made.record.meta.binding!.version };
      const [r] = await process(qbdSinkNode, { connection: CONN }, [bound]);
      expect(r.outcome).toBe('updated');
      expect(rig.sandbox.connector!.log.some((s) => s.end === 'dropped')).toBe(true);
      expect(rig.sandbox.file.customer(id)!.fields.Phone).toBe('555-0102');
      expect(rig.sandbox.file.writes.get(id)).toBe(saves + 1);
      expect(r.record.meta.binding?.version).toBe(rig.sandbox.file.customer(id)!.editSequence);
    });

    it('waits through a modal dialog, single-user mode, QuickBooks not running and a malformed answer, telling the operator', async () => {
      for (const kind of ['modal-dialog', 'single-user-mode', 'not-running', 'malformed-response'] as const)
        rig.sandbox.faults.inject({ kind });
      const [r] = await process(qbdSinkNode, { connection: CONN }, [
        customer(account(101), { Name: 'Patient Customer' }),
      ]);
      expect(r.outcome).toBe('created');
      expect(ctx.statuses.some((s) => /^paused: .*dialog box open/.test(s ?? ''))).toBe(true);
      expect(rig.sandbox.connector!.log.map((s) => s.end)).toEqual(
        expect.arrayContaining(['error', 'connection-error']),
      );
      expect(rig.sandbox.file.customers().filter((c) => c.name === 'Patient Customer')).toHaveLength(1);
    });

    it('reads invoices page by page with an iterator, then only what changed (watermark)', async () => {
      const read = async (watermark: string | null) => {
        const c = qbdSourceNode.config.parse({ connection: CONN, pageSize: 5 });
        const client = await qbdSourceNode.open!(ctx, c);
        const pages: SourcePage[] = [];
        for await (const p of qbdSourceNode.read(ctx, c, client, watermark)) pages.push(p);
        return pages;
      };
      const first = await read(null);
      expect(first.map((p) => p.records.length)).toEqual([5, 5, 2]);
      expect(first.slice(0, 2).map((p) => p.watermark)).toEqual([null, null]);
      const all = first.flatMap((p) => p.records);
      expect(new Set(all.map((r) => r.key)).size).toBe(12);
      expect(all[0].data).toMatchObject({
        RefNumber: '1001',
        CustomerRef: { FullName: expect.any(String) },
        Subtotal: expect.any(Number),
        IsPaid: true,
        Lines: [expect.objectContaining({ Amount: expect.any(Number) })],
      });
      expect(all[0].data.Memo).toContain('<fragile> & "handle with care"');
      const mark = first[2].watermark!;
      // QuickBooks' wall-clock digits, without its offset; the records of the last hour by id@time#EditSequence.
      expect(mark).toMatch(/^2026-01-05T\d{2}:\d{2}:\d{2}\|([\w-]+@2026-01-05T\d{2}:\d{2}:\d{2}#\d+,?)+$/);
      expect((await read(mark)).flatMap((p) => p.records)).toEqual([]);
      rig.sandbox.file.now = () => Date.UTC(2026, 2, 1);
      rig.sandbox.file.touchInvoice(all[4].key, { memo: 'Paid — merci & thanks' });
      const changed = (await read(mark)).flatMap((p) => p.records);
      expect(changed.map((r) => [r.key, r.data.Memo])).toEqual([[all[4].key, 'Paid — merci & thanks']]);
    });

    it('restarts an iterator lost with its session, without reading a record twice', async () => {
      rig.sandbox.faults.inject({ kind: 'drop-mid-session', skip: 1 });
      const c = qbdSourceNode.config.parse({ connection: CONN, pageSize: 4 });
      const client = await qbdSourceNode.open!(ctx, c);
      const keys: string[] = [];
      // The drop hits the Continue's set: QuickBooks moved the iterator, the answer never came, the iterator died with the session.
      for await (const p of qbdSourceNode.read(ctx, c, client, null)) keys.push(...p.records.map((r) => r.key));
      expect(keys).toHaveLength(12);
      expect(new Set(keys).size).toBe(12);
      const continues = await rig.pool.query(
        `SELECT response->>'statusCode' AS code FROM weft_desktop_requests WHERE request->'iterator'->>'iterator' = 'Continue' ORDER BY id`,
      );
      expect(continues.rows.map((r) => r.code)).toContain('3120');
    });
  });
}
