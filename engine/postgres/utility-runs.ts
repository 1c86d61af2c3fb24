// Utility runs (seed §6.1, §6.3): binding, bulk load by date range (DR) with a
// batch size, split into parallel slices (DRS), and single runs. The seed makes
// operators stop the scheduled flows by hand before a utility flow, set their
// Query Starts, and restart them after; here starting a utility run does it:
// the scheduled flows touching the same objects of the same company are paused
// (their current run finishes its page and stops), and resumed when it ends
// (run-finish.ts), continuing from the end of the bulk load's date range.
import { randomUUID } from 'node:crypto';
import type { NodeRegistry } from '../../nodes/registry';
import type { FlowDocument } from '../../flow/flow-document';
import { flowFootprint, footprintsOverlap } from '../../flow/flow-footprint';
import { splitRange } from '../run/run-window';
import { requestStop } from './run-lease';
import { insertRun, type UtilityOptions } from './run-store';
import { RUN_QUEUE, SLICE_QUEUE, type RunQueue } from './run-queue';

export class UtilityConflictError extends Error {}

export interface UtilityStart {
  workspaceId: string;
  flowId: string;
  flowVersion: number | null;
  document: FlowDocument;
  options: UtilityOptions;
}

export async function startUtilityRun(
  queue: RunQueue,
  registry: NodeRegistry,
  u: UtilityStart,
): Promise<{ runId: string; slices: string[]; paused: string[] }> {
  const mine = flowFootprint(u.document, registry);
  const runId = randomUUID();
  const slices = u.options.slices && u.options.slices > 1 ? u.options.slices : 1;
  if (slices > 1 && !(u.options.range?.from && u.options.range?.to))
    throw new UtilityConflictError('A split bulk load (DRS) needs a date range with a start and an end.');
  return queue.transaction(async (client) => {
    // Seed §6.3: "only one bulk load flow should be run at a time" on the same data.
    const active = await client.query(
      `SELECT id, flow_id, document FROM weft_runs WHERE workspace_id = $1 AND options ` +
        `IS NOT NULL AND parent_run_id IS NULL AND status IN ('queued','running')`,
      [u.workspaceId],
    );
    const clash = active.rows.find((r) => footprintsOverlap(mine, flowFootprint(r.document, registry)));
    if (clash)
      throw new UtilityConflictError(
        `Utility run ${clash.id} of flow "${clash.flow_id}" is still working on the same objects of the same company. Wait for it to finish, or stop it first.`,
      );

    const scheduled = await client.query(
      `SELECT flow_id, document FROM weft_schedules WHERE workspace_id = $1 AND enabled AND flow_id <> $2 FOR UPDATE`,
      [u.workspaceId, u.flowId],
    );
    const paused = scheduled.rows
      .filter((s) => footprintsOverlap(mine, flowFootprint(s.document, registry)))
      .map((s) => s.flow_id as string);
    if (paused.length) {
      await client.query(
        `UPDATE weft_schedules SET enabled = false, next_due_at = NULL, paused_by = $2, pause_reason = $3, updated_at = now() WHERE flow_id = ANY($1)`,
        [
          paused,
          runId,
          `Paused while utility run ${runId} of flow "${u.flowId}" works on the same objects of the same company; resumes by itself when it ends.`,
        ],
      );
      const running = await client.query(
        `SELECT id FROM weft_runs WHERE flow_id = ANY($1) AND status IN ('queued','running') AND options IS NULL`,
        [paused],
      );
      if (running.rows.length)
        await requestStop(
          client,
          running.rows.map((r) => r.id),
        );
    }

    const base = {
      workspaceId: u.workspaceId,
      flowId: u.flowId,
      flowVersion: u.flowVersion,
      document: u.document,
      trigger: 'utility' as const,
      connections: mine.connections,
    };
    // The flows it paused stay on the run: its progress screen shows them paused, then resumed (issue 16).
    await insertRun(client, { ...base, id: runId, options: { ...u.options, slices, paused } });
    const db = { executeSql: (t: string, v?: unknown[]) => client.query(t, v) };
    const sliceIds: string[] = [];
    if (slices > 1) {
      // The parent only gathers its slices; any worker takes any slice.
      await client.query(`UPDATE weft_runs SET status = 'running', started_at = now() WHERE id = $1`, [runId]);
      for (const range of splitRange({ from: u.options.range!.from!, to: u.options.range!.to! }, slices)) {
        const id = randomUUID();
        await insertRun(client, {
          ...base,
          id,
          parentRunId: runId,
          options: { kind: u.options.kind, range, batchSize: u.options.batchSize },
        });
        await queue.boss.send(SLICE_QUEUE, { runId: id }, { db });
        sliceIds.push(id);
      }
    } else {
      const job = await queue.boss.send(RUN_QUEUE, { runId }, { singletonKey: u.flowId, db });
      if (!job)
        throw new UtilityConflictError(
          'A run of this flow is already waiting to start; start the utility run after it.',
        );
    }
    return { runId, slices: sliceIds, paused };
  });
}
