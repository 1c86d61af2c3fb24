// Query Starts (seed §6.3: where a flow's next run starts reading) as an operator
// edits them on the source node and on the monitor (issue 16): a date and time
// with a zone, never in the future, and a warning when it lies further back than
// the flow's schedule suggests — one run would then read a long backlog, and a
// catch-up bulk load may be the better way.
import type { FlowSettings } from '../../flow/flow-document';
import { upcomingDueTimes } from '../../flow/schedule-times';

/**
 * Every source's position starts with a date and time with a zone (Creatio's ModifiedOn,
 * QuickBooks' LastUpdatedTime / TimeModified), then optionally `|` and the ids already
 * read at that time (GUIDs, QuickBooks ids, comma-separated); anything else would fail
 * the flow's next run, so it is refused when typed.
 */
const QUERY_START = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?(?:Z|[+-]\d{2}:\d{2}))(?:\|[A-Za-z0-9,-]*)?$/;

/** A clock skew allowance: a Query Start typed "now" on a machine a little ahead is not "in the future". */
const SKEW_MS = 60_000;
const DAY = 86_400_000;

export interface QueryStartCheck {
  /** Why the value is refused; null when it can be saved. */
  problem: string | null;
  /** Saved, but worth a second look (an old date); null when none. */
  warning: string | null;
}

/** The instant a Query Start names, or NaN. */
export function queryStartTime(value: string): number {
  const m = QUERY_START.exec(value.trim());
  return m ? Date.parse(m[1].replace(/(\.\d{3})\d+/, '$1')) : NaN;
}

export function checkQueryStart(
  value: string,
  settings: Pick<FlowSettings, 'schedule' | 'sleepWindow' | 'timeZone'> | null,
  now: Date,
): QueryStartCheck {
  const at = queryStartTime(value);
  if (!Number.isFinite(at))
    return {
      problem:
        `"${value.slice(0, 60)}" is not a date and time with a zone. Type one like 2026-01-05T09:00:00Z ` +
        '(records changed after it are read again), or clear it.',
      warning: null,
    };
  if (at > now.getTime() + SKEW_MS)
    return {
      problem:
        `${new Date(at).toISOString()} is in the future: the next run would skip every record changed until then. ` +
        'Pick a time before now.',
      warning: null,
    };
  const gap = now.getTime() - at;
  const every = scheduleIntervalMs(settings, now);
  // Three missed runs (at least a day) before it is worth a word: a run a little late is normal.
  if (gap > Math.max(DAY, 3 * (every ?? DAY))) {
    return {
      problem: null,
      warning:
        `This flow has not run for ${describeGap(gap)}` +
        (every ? ` (its schedule runs it every ${describeGap(every)})` : '') +
        ': its next run reads everything changed since then in one go. ' +
        'For a long gap, a catch-up bulk load with a batch size is gentler on QuickBooks.',
    };
  }
  return { problem: null, warning: null };
}

/** The time between two runs of the schedule; null for a flow without one. */
export function scheduleIntervalMs(
  settings: Pick<FlowSettings, 'schedule' | 'sleepWindow' | 'timeZone'> | null,
  now: Date,
): number | null {
  if (!settings?.schedule) return null;
  try {
    const [a, b] = upcomingDueTimes(settings, now, 2);
    return a && b ? b.getTime() - a.getTime() : null;
  } catch {
    return null;
  }
}

/** 3 days, 5 hours, 20 minutes: the largest unit, as an operator says it. */
export function describeGap(ms: number): string {
  const units: [number, string][] = [
    [DAY, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
  ];
  for (const [size, name] of units) {
    const n = Math.floor(ms / size);
    if (n >= 1) return `${n} ${name}${n === 1 ? '' : 's'}`;
  }
  return 'less than a minute';
}
