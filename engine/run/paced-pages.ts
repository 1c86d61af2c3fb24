// Pages sized to a rate-limited sink (issue 19: many companies on few workers). A sink whose
// target allows only so many writes a second (QuickBooks Online: 40 batch calls of 30 a minute
// per company, 20 records a second) writes a page of 1,000 records in 50 s; with the pages read
// ahead for the nodes between, a run held up to 8 of them waiting at its governor. When a node after
// the source declares its pace, the source reads pages of about PAGE_SECONDS of writing and the run
// holds about HELD_SECONDS of them (at least 2 pages): the sink is kept busy, and a long run waiting
// at its company's limits holds about a minute of records, not eight pages.
// Why not smaller pages: the sink cuts its batches per page, and a page's last batch is partly empty
// (more so after a filter), while Intuit counts every batch call the same. The bench's 50 companies at
// Intuit's limits (1 worker) wrote at ≥ 95% of their ceiling with pages of 30 s (600 records) in 50 of
// 50 companies; with 15 s, 45 of 50 (worker peak 256 → 224 MB); with 5 s, none (184 MB).
// Page boundaries depend only on the flow and the connection's limits, so a run taken over after
// a crash cuts the same pages and the same batches (the same request ids) as the one before.
import type { AnyNodeDefinition } from '../../nodes/define-node';

/** Seconds of writing per page read, and held in flight per run, at the slowest declared pace. */
export const PAGE_SECONDS = 30;
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
