// The preview of a QuickBooks Desktop source (issue 14): while the Web Connector runs,
// the preview's query goes through the outbox and the records are fresh; when it has not
// called for a while, the preview shows the records last read from the company file and
// says so with their date; with nothing read yet, it says what to do. Never a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../scripts/test-databases';
import type { Golden } from '../../templates/test-golden';
import { bootQbdGolden } from '../../templates/test-qbd-golden';
import type { FlowDocument } from '../../flow/flow-document';
import { appRouter } from '../router';
import { createCallerFactory } from '../trpc';

const makeCaller = createCallerFactory(appRouter);
const db = testDatabases()[0];
const FLOW = 'qbd-invoices-to-creatio-opportunities';

describe('the preview of a QuickBooks Desktop source', () => {
  let g: Golden;
  let api: ReturnType<typeof makeCaller>;
  let flowId: string;
  let doc: FlowDocument;
  const pool = () => g.weft.queue.pool;
  beforeAll(async () => {
    g = await bootQbdGolden(db.url, 'qbd_preview');
    const store = g.weft.services.accounts.store;
    store.createUser({ id: 'analyst', email: 'analyst@example.com', name: 'Analyst', passwordHash: null });
    store.setRole('analyst', 'default', 'support');
    api = makeCaller({ services: g.weft.services, actor: { userId: 'analyst', workspaceId: 'default' } });
    flowId = await g.weft.services.design.createFlow('default', g.weft.services.design.getTemplate(FLOW)!, FLOW);
    doc = (await g.weft.services.design.getFlow('default', flowId))!.draft;
  });
  afterAll(() => g?.close());

  const writes = async () =>
    Number(
      (
        await pool().query(
          `SELECT count(*) AS n FROM weft_desktop_requests WHERE request->>'type' NOT IN ('Query', 'HostQuery')`,
        )
      ).rows[0].n,
    );

  it('reads fresh invoices through the Web Connector while it runs', async () => {
    // The simulator's first call after boot: from then on the Web Connector counts as running.
    for (let i = 0; i < 100; i++) {
      const { rows } = await pool().query(`SELECT 1 FROM weft_desktop_files WHERE last_session_at IS NOT NULL`);
      if (rows.length) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { rows, sourceProblem, sourceNote } = await api.mapping.preview({ flowId, nodeId: 'map-opportunity' });
    expect(sourceProblem).toBeUndefined();
    expect(sourceNote).toBeUndefined();
    expect(rows).toHaveLength(20);
    expect(rows[0].input).toMatchObject({ TxnID: expect.any(String), RefNumber: expect.any(String) });
    expect(await writes()).toBe(0);
  });

  it('shows the invoices last read, with their date, when the Web Connector is not running', async () => {
    await g.weft.sandboxes!.qbd.stop();
    await pool().query(`UPDATE weft_desktop_files SET last_session_at = now() - interval '2 hours'`);
    const started = Date.now();
    const { rows, sourceProblem, sourceNote } = await api.mapping.preview({ flowId, nodeId: 'map-opportunity' });
    expect(Date.now() - started).toBeLessThan(5_000); // no waiting for a Web Connector that is not there
    expect(sourceProblem).toBeUndefined();
    expect(rows).toHaveLength(20);
    expect(rows[0].input).toMatchObject({ TxnID: expect.any(String) });
    expect(sourceNote).toMatch(
      /^QuickBooks Desktop answers only when the Web Connector runs — showing the last 20 records read on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\.$/,
    );
    // Nothing waits in the outbox for the next session.
    const pending = await pool().query(`SELECT count(*) AS n FROM weft_desktop_requests WHERE state = 'pending'`);
    expect(Number(pending.rows[0].n)).toBe(0);
  });

  it('says what to do when nothing of that kind was ever read from the company file', async () => {
    const vendors = structuredClone(doc);
    const source = vendors.nodes.find((n) => n.id === 'invoices')!;
    source.config = { ...source.config, entity: 'Vendor' };
    const { rows, sourceProblem } = await api.mapping.preview({ flowId, document: vendors, nodeId: 'invoices' });
    expect(rows).toEqual([]);
    expect(sourceProblem).toBe(
      'QuickBooks Desktop answers only when the Web Connector runs, and no Vendor records have been read from this ' +
        'company file yet. Run the flow once while the Web Connector runs, then preview again.',
    );
  });
});
