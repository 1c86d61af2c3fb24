// QuickBooks Desktop times across daylight saving, end to end: engine (watermark, overlap, date
// range and its slices) → Desktop source → outbox (real PostgreSQL) → QBWC → Web Connector
// simulator → a company file on a New York machine. QuickBooks stamps local wall-clock time with
// EST's offset all year and reads FromModifiedDate as local time (reference C3; quickbooks-sync
// #19, #28, #33). No record may be skipped or read twice, whichever hour it was saved in.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validateFlow } from '../../../flow/validate-flow';
import { MemoryRecorder } from '../../../engine/record/memory-recorder';
import { runFlow, type RunOptions } from '../../../engine/run/run-flow';
import { splitRange } from '../../../engine/run/run-window';
import { testDatabases, testSchema } from '../../../scripts/test-databases';
import { LOGIN, qbwcRig, type QbwcRig } from '../../../server/qbwc/test-qbwc';
import { defineNode, type FlowRecord, type NodeContext } from '../../define-node';
import { createRegistry } from '../../registry';
import { memoryContext } from '../../testing/memory-node-context';
import { qbdSourceNode } from './qbd-source.node';

const CONN = LOGIN.connectionId;
const utc = (s: string) => Date.parse(`${s}Z`);

for (const db of testDatabases()) {
  describe(`QuickBooks Desktop times across daylight saving on ${db.name}`, () => {
    let rig: QbwcRig;
    beforeEach(async () => {
      rig = await qbwcRig(db.url, testSchema('qbdst'), { sandbox: { seed: false } });
      rig.sandbox.start(20);
    });
    afterEach(() => rig.close());

    /** Saves customer `name` at a UTC instant (a new one, or a change of an existing one). */
    function save(name: string, at: string): void {
      const f = rig.sandbox.file;
      const cur = f.customerByName(name);
      if (cur) f.saveCustomer({ ...cur, timeModified: utc(at), editSequence: f.nextEditSequence(cur.editSequence) });
      else f.addCustomer({ name, fields: {}, at: utc(at) });
    }

    /** One run of "read customers → note them" through the engine; returns what was read and the new watermark. */
    async function run(
      watermark: string | null,
      options: RunOptions = {},
    ): Promise<{ read: string[]; mark: string | null }> {
      const read: string[] = [];
      const sink = defineNode({
        type: 't.note',
        version: 1,
        title: 'Note',
        category: 'sink',
        description: '',
        inputs: [{ name: 'in', label: 'i' }],
        outputs: [],
        config: z.strictObject({}),
        defaults: {},
        ui: { icon: 'n', color: '#000' },
        async process(_ctx, _c, _s, batch: FlowRecord[]) {
          read.push(...batch.map((r) => `${String(r.data.Name)} ${r.data.TimeModified as string}`));
          return batch.map((record) => ({ record, outcome: 'created' as const }));
        },
      });
      const v = validateFlow(
        {
          schema: 'weft.flow/1',
          name: 'dst',
          settings: { overlap: '30s' },
          nodes: [
            {
              id: 'src',
              type: qbdSourceNode.type,
              version: 1,
              position: { x: 0, y: 0 },
              config: { connection: CONN, entity: 'Customer', pageSize: 2 },
            },
            { id: 'note', type: 't.note', version: 1, position: { x: 0, y: 0 }, config: {} },
          ],
          edges: [{ from: 'src:out', to: 'note:in' }],
        },
        createRegistry([qbdSourceNode, sink]),
      );
      if (!v.ok) throw new Error(JSON.stringify(v.problems));
      const recorder = new MemoryRecorder();
      const signal = new AbortController().signal;
      const base = {
        ...memoryContext({ [CONN]: { kind: 'quickbooks-desktop', settings: { userName: LOGIN.userName } } }),
        desktop: rig.outbox,
      };
      const outcome = await runFlow(v.flow, {
        recorder,
        signal,
        watermark: async () => watermark,
        options,
        contextFor: (nodeId) =>
          ({ ...base, nodeId, runId: `r-${Math.random()}`, flowId: 'dst', signal }) as unknown as NodeContext,
      });
      expect(outcome.error).toBeNull();
      return { read: read.sort(), mark: recorder.watermarks.get('src') ?? watermark };
    }

    it('incremental runs across the fall-back hour read every change once, though its wall clock runs back', async () => {
      // New York falls back on 2026-11-01: 02:00 EDT (06:00Z) becomes 01:00 EST, so 01:00–02:00 comes twice.
      save('Before', '2026-11-01T04:30:00'); // 00:30 EDT
      save('Alpha', '2026-11-01T05:40:00'); //  01:40 EDT, first pass
      let r = await run(null);
      expect(r.read).toEqual(['Alpha 2026-11-01T01:40:00-05:00', 'Before 2026-11-01T00:30:00-05:00']);
      save('Bravo', '2026-11-01T06:10:00'); //  01:10 EST: earlier on the wall clock than Alpha, saved later
      save('Charlie', '2026-11-01T06:50:00'); // 01:50 EST
      save('Alpha', '2026-11-01T06:20:00'); //  Alpha changed again at 01:20 EST
      r = await run(r.mark);
      expect(r.read).toEqual([
        'Alpha 2026-11-01T01:20:00-05:00',
        'Bravo 2026-11-01T01:10:00-05:00',
        'Charlie 2026-11-01T01:50:00-05:00',
      ]);
      save('Delta', '2026-11-01T07:30:00'); //  02:30 EST
      r = await run(r.mark);
      expect(r.read).toEqual(['Delta 2026-11-01T02:30:00-05:00']);
      expect((await run(r.mark)).read).toEqual([]);
    }, 60_000);

    it('incremental runs across the spring-forward gap, where the offset QuickBooks writes stays -05:00', async () => {
      // 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT.
      save('Echo', '2026-03-08T06:59:00'); // 01:59 EST
      let r = await run(null);
      expect(r.read).toEqual(['Echo 2026-03-08T01:59:00-05:00']);
      save('Foxtrot', '2026-03-08T07:01:00'); // 03:01 EDT, written as -05:00 (QuickBooks' offset ignores DST)
      save('Golf', '2026-07-01T14:00:00'); //    10:00 EDT in summer
      r = await run(r.mark);
      expect(r.read).toEqual(['Foxtrot 2026-03-08T03:01:00-05:00', 'Golf 2026-07-01T10:00:00-05:00']);
      expect((await run(r.mark)).read).toEqual([]);
    }, 60_000);

    it('a customer saved again within the second Weft read it in is read again (its EditSequence changed)', async () => {
      save('Hotel', '2026-07-01T14:00:00');
      let r = await run(null);
      expect(r.read).toEqual(['Hotel 2026-07-01T10:00:00-05:00']);
      // The same TimeModified (whole seconds): only the EditSequence tells this save from the one read.
      save('Hotel', '2026-07-01T14:00:00');
      r = await run(r.mark);
      expect(r.read).toEqual(['Hotel 2026-07-01T10:00:00-05:00']);
      expect((await run(r.mark)).read).toEqual([]);
      // A mark written before EditSequences were kept (`id@time`) still counts the save it names as read.
      const id = rig.sandbox.file.customerByName('Hotel')!.listId;
      expect((await run(`2026-07-01T10:00:00|${id}@2026-07-01T10:00:00`)).read).toEqual([]);
    }, 60_000);

    it('a date-range run and its slices across the fall-back read each record inside once, in the company clock', async () => {
      save('Before', '2026-11-01T03:59:00'); // 23:59 EDT on Oct 31: outside
      save('Alpha', '2026-11-01T05:40:00'); //  01:40 EDT
      save('Bravo', '2026-11-01T06:10:00'); //  01:10 EST
      save('Charlie', '2026-11-01T06:50:00'); // 01:50 EST
      save('Delta', '2026-11-01T07:30:00'); //  02:30 EST
      save('Echo', '2026-11-01T08:00:00'); //   03:00 EST: the range's end, outside
      // Names sort Alpha…Echo, so QuickBooks' iterator (by name) gives a record past the end on the
      // first page: reading must go on, as iterator order is not time order.
      const range = { from: '2026-11-01T00:00:00Z', to: '2026-11-01T03:00:00Z' }; // read in the company file's clock
      const inside = [
        'Alpha 2026-11-01T01:40:00-05:00',
        'Bravo 2026-11-01T01:10:00-05:00',
        'Charlie 2026-11-01T01:50:00-05:00',
        'Delta 2026-11-01T02:30:00-05:00',
      ];
      expect((await run(null, { range })).read).toEqual(inside);
      const slices = splitRange(range, 3);
      const read: string[] = [];
      for (const slice of slices) read.push(...(await run(null, { range: slice })).read);
      expect(read.sort()).toEqual(inside);
    }, 90_000);
  });
}
