// Pages sized to a rate-limited sink (issue 19: many companies on few workers). A sink whose
// target allows only so many writes a second (QuickBooks Online: 40 batch calls of 30 a minute
// per company, 20 records a second) writes a page of 1,000 records in 50 s; with the pages read
// ahead for the nodes between, a run held thousands of records waiting at its governor, and 200
// such runs a worker's memory several times over. When a node after the source declares its
// pace, the source reads pages of about PAGE_SECONDS of writing and the run holds about
// HELD_SECONDS of them: the sink is kept busy, and a waiting run holds seconds of records.
// Page boundaries depend only on the flow and the connection's limits, so a run taken over after
// a crash cuts the same pages and the same batches (the same request ids) as the one before.
import type { AnyNodeDefinition } from '../../nodes/define-node';

/** Seconds of writing per page read, and held in flight per run, at the slowest declared pace. */
export const PAGE_SECONDS = 10;
export const HELD_SECONDS = 30;
/** No page smaller than this: a page's fixed costs (ledger commit, lookups) stay small against its records. */
export const MIN_PACED_PAGE = 50;

interface Planned {
  def: AnyNodeDefinition;
  config: unknown;
  id: string;
}

/** The slowest pace (records a second) declared by the nodes after a source, or null when none is paced. */
export function slowestPace(downstream: Planned[], states: Map<string, unknown>): number | null {
  let slowest: number | null = null;
  for (const n of downstream) {
    if (n.def.category === 'source' || !n.def.pace) continue;
    const pace = n.def.pace(n.config as never, states.get(n.id) as never);
    if (pace !== null && pace > 0 && (slowest === null || pace < slowest)) slowest = pace;
  }
  return slowest;
}

/**
 * The source's settings with a page size cut to the pace (sources name it `pageSize`; one without
 * that setting reads as it is configured), and how many pages the run may hold in flight.
 */
export function pacedReading(
  sourceConfig: unknown,
  pace: number | null,
  maxInFlight: number,
): { config: unknown; maxInFlight: number } {
  const cfg = sourceConfig as { pageSize?: unknown } | null;
  if (pace === null || !cfg || typeof cfg.pageSize !== 'number') return { config: sourceConfig, maxInFlight };
  const pageSize = Math.min(cfg.pageSize, Math.max(MIN_PACED_PAGE, Math.round(pace * PAGE_SECONDS)));
  const held = Math.max(2, Math.ceil((pace * HELD_SECONDS) / pageSize));
  return { config: { ...cfg, pageSize }, maxInFlight: Math.min(maxInFlight, held) };
}
