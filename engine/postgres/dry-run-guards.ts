// Dry runs (issue 14): the sinks decide and send nothing (nodes/core/dry-run.ts); these
// guards make the run store refuse the two writes a node could still attempt — a
// cross-reference or a write acknowledgement — so a node that forgot its `dryRun`
// fails loudly instead of leaving a binding to a record that was never written.
import type { CrossReference, EffectLedger } from '../../nodes/define-node';
import { readWatermarks, runWatermarks, type Queryable, type UtilityOptions } from './run-store';

const REFUSED = 'A dry run records nothing: this node tried to save what it wrote. Report this to support.';

export function readOnlyXref(xref: CrossReference): CrossReference {
  return {
    lookup: (target, keys) => xref.lookup(target, keys),
    sourcesOf: (target, ids) => xref.sourcesOf(target, ids),
    bind: async () => {
      throw new Error(REFUSED);
    },
  };
}

export function readOnlyEffects(effects: EffectLedger): EffectLedger {
  return {
    acknowledged: (keys) => effects.acknowledged(keys),
    acknowledge: async (acks) => {
      if (acks.length) throw new Error(REFUSED);
    },
  };
}

/**
 * Where each source starts. A scheduled or manual run: the flow's Query Starts. A utility
 * run: its own progress (it never moves the flow's). A dry run: its own progress over the
 * flow's Query Starts, so it previews exactly what the next real run would read.
 */
export async function startingWatermarks(
  db: Queryable,
  run: { flowId: string; options: UtilityOptions | null; dryRun?: boolean },
  runId: string,
): Promise<Map<string, { value: string | null }>> {
  if (!run.options && !run.dryRun) return readWatermarks(db, run.flowId);
  const own = new Map([...(await runWatermarks(db, runId))].map(([k, value]) => [k, { value }]));
  if (run.options) return own;
  const marks = new Map<string, { value: string | null }>(await readWatermarks(db, run.flowId));
  for (const [k, v] of own) marks.set(k, v);
  return marks;
}
