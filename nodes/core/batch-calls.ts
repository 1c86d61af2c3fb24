// A sink's batch calls, cut over a page's writes in page order, with the part-filled last call of a
// page handed to the next page of its commit unit (engine/run/page-turns.ts), which fills it: a
// rate-limited target counts every call the same, however few records it holds (issue 19).
//
// Exactly once across a crash: calls are cut over positions, one per writable record in page order,
// acknowledged or not (null: not sent now, e.g. acknowledged before a crash). A run taken over starts
// again at the first page of a unit and meets the same records, so it cuts the same calls; a call
// whose answer was lost goes out again with the same records, and so with the same request id, and
// the calls already acknowledged send nothing. A part handed on is never handed further (it goes out
// with the next page's first records, or alone), so at most one page of a run waits for the next.
import type { FlowRecord, PageTurn, RecordResult } from '../define-node';

/** One position of a call: the job to send there (null when its record is not sent now), and its call's answer. */
interface Slot<J> {
  job: J | null;
  /** Set once the call holding this position was answered: the job's result, or the call's error. */
  answer?: Settled;
}

type Settled = { ok: true; value: RecordResult } | { ok: false; error: unknown };

/** What a page hands the next one: the positions of its part-filled last call, and word once that call is answered. */
interface Carry<J> {
  slots: Slot<J>[];
  answered: Promise<void>;
  answer(): void;
}

function carryOf<J>(slots: Slot<J>[]): Carry<J> {
  let answer!: () => void;
  const answered = new Promise<void>((r) => (answer = r));
  return { slots, answered, answer };
}

/**
 * Writes a page's jobs in calls of `size` positions and returns their results, in page order of the jobs.
 * `send` writes one call's jobs and answers one result per job, in order. A promise per call, not per
 * position (issue 19: one per record was 100,000 promises and awaits a 100,000-record run).
 */
export async function writeInBatchCalls<J extends { record: FlowRecord }>(
  positions: (J | null)[],
  size: number,
  turn: PageTurn | undefined,
  send: (jobs: J[]) => Promise<RecordResult[]>,
): Promise<RecordResult[]> {
  const own: Slot<J>[] = positions.map((job) => ({ job }));
  const carried = turn ? ((await turn.take()) as Carry<J> | undefined) : undefined;
  const all = carried ? [...carried.slots, ...own] : own;
  // The call holding the page before's positions tells that page once it is answered.
  const call = (slots: Slot<J>[]) => {
    const sent = sendCall(slots, send);
    if (carried && slots[0] === all[0]) void sent.then(carried.answer);
    return sent;
  };
  const calls: Promise<void>[] = [];
  const full = Math.floor(all.length / size) * size;
  for (let i = 0; i < full; i += size) calls.push(call(all.slice(i, i + size)));
  const rest = all.slice(full);
  if (rest.length > 0) {
    // A part that still holds the page before's positions goes out now: it is never handed twice.
    const next = turn && full >= (carried?.slots.length ?? 0) ? await turn.following : 'none';
    if (next === 'next') {
      const carry = carryOf(rest);
      turn!.hand(carry, (v) => void call((v as Carry<J>).slots).then((v as Carry<J>).answer));
      calls.push(carry.answered);
    } else calls.push(call(rest));
  }
  turn?.hand(undefined); // nothing handed on (a no-op when the part was)
  await Promise.all(calls);
  const out: RecordResult[] = [];
  for (const s of own) {
    if (!s.job) continue;
    const settled = s.answer!;
    if (!settled.ok) throw settled.error; // as the page's own call would have thrown
    out.push(settled.value);
  }
  return out;
}

/** One batch call over its positions; every position with a job gets its answer, whatever happens. */
async function sendCall<J>(slots: Slot<J>[], send: (jobs: J[]) => Promise<RecordResult[]>): Promise<void> {
  const sent = slots.filter((s) => s.job !== null);
  if (sent.length === 0) return;
  try {
    const results = await send(sent.map((s) => s.job!));
    sent.forEach((s, i) => (s.answer = { ok: true, value: results[i] }));
  } catch (error) {
    for (const s of sent) s.answer = { ok: false, error };
  }
}
