// What a sink keeps of the target's answer on the record (`meta.saved`). A write-back node after the sink
// needs all of it (the number, line ids and amounts QuickBooks computed); with no node after it, only the
// echo memory reads it (engine/run/echo.ts), and only for the fields the mapping left empty: what the target
// holds there after the write, a default it filled or an older value a sparse update kept, so that reading
// it back later is not taken for a person's change. Only those fields are kept: every record's full answer
// would stay in memory until its page ends, for nothing.
import type { FlowRecord } from '../define-node';

/** The top-level field of each path the mapping left empty (`BillAddr.Line2` → `BillAddr`, `Line[].Qty` → `Line`). */
function emptiedTopFields(record: FlowRecord): string[] {
  return [...new Set((record.meta.emptied ?? []).map((p) => p.split(/[.[]/)[0]))];
}

/**
 * The answer to keep: all of it when a node follows (`whole`), else its values of the fields left empty
 * (an empty object when the answer has none of them: the target holds nothing there), else nothing.
 */
export function keptAnswer(
  record: FlowRecord,
  answer: Record<string, unknown>,
  whole: boolean,
): Record<string, unknown> | undefined {
  if (whole) return answer;
  const fields = emptiedTopFields(record);
  if (fields.length === 0) return undefined;
  return Object.fromEntries(fields.filter((f) => Object.hasOwn(answer, f)).map((f) => [f, answer[f]]));
}
