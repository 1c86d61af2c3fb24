// Pages sized to a rate-limited sink (issue 19: many companies on few workers). A sink whose
// target allows only so many writes a second (QuickBooks Online: 40 batch calls of 30 a minute
// per company, 20 records a second) writes a page of 1,000 records in 50 s; with the pages read
// ahead for the nodes between, a run held up to 8 of them waiting at its governor. When a node after
// the source declares its pace, the source reads pages of about PAGE_SECONDS of writing and the run
// holds about HELD_SECONDS of them (at least 2 pages): a long run waiting at its company's limits
// holds seconds of records, not thousands.
// Small pages and full batch calls: a page's last batch call is part-filled (more so after a filter),
// and Intuit counts every call the same. So pages commit in units of about UNIT_SECONDS of writing,
// and within a unit a sink hands its page's part-filled last call to the next page (page-turns.ts),
// which fills it. A run taken over after a crash starts again at a unit's first page: unit and page
// boundaries depend only on the flow and the connection's limits, so it cuts the same pages and the
// same batch calls (the same request ids) as the run before.
// Measured with the bench's companies at Intuit's limits (1 worker): pages of 30 s each committed alone
// wrote at ≥ 95% of the ceiling in 50 of 50 companies, with 15 s in 45, with 5 s in none (their
// part-filled calls); units of 5 s pages are in the issue 19 note.
import type { AnyNodeDefinition } from '../../nodes/define-node';

/** Seconds of writing per page read, held in flight per run, and committed together, at the slowest declared pace. */
export const PAGE_SECONDS = 5;
export const HELD_SECONDS = 15;
export const UNIT_SECONDS = 30;
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
 * that setting reads as it is configured), how many pages the run may hold in flight, and how many
 * pages commit together (1: each page alone, as in a run whose pages were not cut).
 */
export function pacedReading(
  sourceConfig: unknown,
  pace: number | null,
  maxInFlight: number,
): { config: unknown; maxInFlight: number; unitPages: number } {
  const cfg = sourceConfig as { pageSize?: unknown } | null;
  if (pace === null || !cfg || typeof cfg.pageSize !== 'number')
    return { config: sourceConfig, maxInFlight, unitPages: 1 };
  const pageSize = Math.min(cfg.pageSize, Math.max(MIN_PACED_PAGE, Math.round(pace * PAGE_SECONDS)));
  if (pageSize === cfg.pageSize) return { config: sourceConfig, maxInFlight, unitPages: 1 };
  const held = Math.max(2, Math.ceil((pace * HELD_SECONDS) / pageSize));
  const unitPages = Math.max(1, Math.round((pace * UNIT_SECONDS) / pageSize));
  return { config: { ...cfg, pageSize }, maxInFlight: Math.min(maxInFlight, held), unitPages };
}
