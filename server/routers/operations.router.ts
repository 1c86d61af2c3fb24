// The flow manager's API (seed §6.1–6.3, engine issue 6): states as the old
// Integration Manager showed them, stop of a run or a flow, utility runs.
import { z } from 'zod';
import { FlowSettings } from '../../flow/flow-document';
import { scheduleFloorProblem, scheduleProblems, upcomingDueTimes } from '../../flow/schedule-times';
import { procedureFor, router } from '../trpc';

const id = z.string().min(1).max(100);
/** Run ids are UUIDs: anything else is named here, not left to PostgreSQL's "invalid input syntax" (issue 18). */
export const runId = z
  .string()
  .uuid('a run id looks like 3f2c1a9e-8b4d-4e1f-9a7c-2d5e6f708192; copy it from the runs list');
const isoTime = z
  .string()
  .refine(
    (s) => Number.isFinite(Date.parse(s)) && /[zZ]|[+-]\d\d:\d\d$/.test(s),
    'a date and time with a zone, e.g. 2026-01-01T00:00:00Z',
  );

function ops(ctx: { services: { operations?: import('../operations-service').OperationsService } }) {
  if (!ctx.services.operations) throw new Error('The flow manager is not available in this Weft.');
  return ctx.services.operations;
}

export const operationsRouter = router({
  /**
   * The next due times of a schedule (3 by default), as the scheduler computes them:
   * cron in the flow's time zone, DST and the sleep window applied. For the settings
   * preview; a schedule the scheduler cannot use comes back as `problem`.
   */
  nextRuns: procedureFor('view')
    .input(
      FlowSettings.pick({ schedule: true, sleepWindow: true, timeZone: true }).extend({
        count: z.number().int().min(1).max(20).default(3),
      }),
    )
    .query(({ input }) => {
      const problem = scheduleProblems(input)[0]?.message ?? scheduleFloorProblem(input.schedule);
      return {
        problem,
        times: problem ? [] : upcomingDueTimes(input, new Date(), input.count).map((d) => d.toISOString()),
      };
    }),
  /** Every flow: RUNNING, STARTED (waiting), STOPPING (finishing its run), STOPPED, or PAUSED by a utility run. */
  flowStates: procedureFor('view').query(({ ctx }) => ops(ctx).flowStates(ctx.actor!.workspaceId)),
  /** Stop the schedule; the current run finishes (STOPPING), or stops at its next page with `stopRunNow`. */
  stopFlow: procedureFor('flows.operate')
    .input(z.object({ flowId: id, stopRunNow: z.boolean().default(false) }))
    .mutation(({ ctx, input }) =>
      ops(ctx).stopFlow(ctx.actor!.workspaceId, input.flowId, { stopRunNow: input.stopRunNow }),
    ),
  /** Stop one run at its next page boundary, on whichever worker runs it. Nothing done is lost. */
  stopRun: procedureFor('flows.operate')
    .input(z.object({ runId }))
    .mutation(({ ctx, input }) => ops(ctx).stopRun(ctx.actor!.workspaceId, input.runId)),
  /**
   * A utility run (seed §6.1): binding (match only), bulk load by date range with a
   * batch size (DR), split into parallel slices (DRS), or a single run. Scheduled
   * flows on the same objects of the same company pause until it ends.
   */
  startUtility: procedureFor('flows.operate')
    .input(
      z
        .object({
          flowId: id,
          kind: z.enum(['binding', 'bulk-load', 'single']),
          from: isoTime.optional(),
          to: isoTime.optional(),
          batchSize: z.number().int().min(1).max(10_000).optional(),
          slices: z.number().int().min(1).max(64).default(1),
          /** A single run of one record: its QuickBooks Id / ListID / TxnID or Creatio Id. */
          record: z.string().trim().min(1).max(200).optional(),
        })
        .refine((i) => !i.record || i.kind === 'single', {
          message: 'Only a single run takes one record: choose "single", or leave the record out.',
          path: ['record'],
        })
        .refine((i) => !i.from || !i.to || Date.parse(i.from) <= Date.parse(i.to), {
          message: 'The date range ends before it starts: "from" must be on or before "to". Swap them and start again.',
          path: ['to'],
        }),
    )
    .mutation(({ ctx, input }) =>
      ops(ctx).startUtility(ctx.actor!.workspaceId, input.flowId, {
        kind: input.kind,
        range: input.from || input.to ? { from: input.from, to: input.to } : undefined,
        batchSize: input.batchSize,
        slices: input.slices,
        ...(input.record ? { records: [input.record] } : {}),
      }),
    ),
});
