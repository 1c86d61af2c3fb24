// What a sink keeps of the target's answer on the record (`meta.saved`). A write-back node after the sink
// needs all of it (the number, line ids and amounts QuickBooks computed); with no node after it, only the
// echo memory reads it (engine/run/echo.ts), and only for the fields Weft owns but did not send: what the
// target holds there after the write, a default it filled or an older value a sparse update kept, so that reading
// it back later is not taken for a person's change. Only those fields are kept: every record's full answer
// would stay in memory until its page ends, for nothing.
import type { FlowRecord } from '../define-node';

/**
 * The fields Weft owns on the target but did not send with this write: those the mapping left empty, and those
 * an update left out because they are written only when creating (create-only.ts). The target holds whatever is
 * there, and the echo memory must know it: a person's later change of one of them is a change, not Weft's write.
 */
export function unsentFields(record: FlowRecord): string[] {
  const { emptied, leftOut } = record.meta;
  if (!leftOut) return emptied ?? [];
  return [...(emptied ?? []), ...Object.keys(leftOut)];
}

/** The top-level field of a path (`BillAddr.Line2` → `BillAddr`, `Line[].Qty` → `Line`): no regex, every record passes. */
function topOf(path: string): string {
  const dot = path.indexOf('.');
  const bracket = path.indexOf('[');
  const end = dot < 0 ? bracket : bracket < 0 ? dot : Math.min(dot, bracket);
  return end < 0 ? path : path.slice(0, end);
}

/**
 * The answer to keep: all of it when a node follows (`whole`), else its values of the unsent fields
 * (an empty object when the answer has none of them: the target holds nothing there), else nothing.
 */
export function keptAnswer(
  record: FlowRecord,
  answer: Record<string, unknown>,
  whole: boolean,
): Record<string, unknown> | undefined {
  if (whole) return answer;
  const { emptied, leftOut } = record.meta;
  const leftOutPaths = leftOut ? Object.keys(leftOut) : [];
  if (!emptied?.length && leftOutPaths.length === 0) return undefined;
  const kept: Record<string, unknown> = {};
  for (const path of emptied ?? []) {
    const f = topOf(path);
    if (Object.hasOwn(answer, f)) kept[f] = answer[f];
  }
  for (const path of leftOutPaths) {
    const f = topOf(path);
    if (Object.hasOwn(answer, f)) kept[f] = answer[f];
  }
  return kept;
}
