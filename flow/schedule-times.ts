// When a scheduled flow is next due (issue 6): "every N" intervals, cron
// expressions in the flow's time zone, and the sleep window. Pure functions, so
// the scheduler (engine/postgres/schedules.ts), the flow check (validate-flow.ts)
// and the settings preview all compute the same times.
//
// Cron times come from cron-parser (luxon inside), which is DST-correct the way
// operators expect: a wall time skipped by spring-forward ("30 2 * * *" in New
// York) runs once, shifted by the gap (03:30); a wall time repeated by fall-back
// runs once, the first time; hourly and finer patterns follow real time.
import cronParser from 'cron-parser';
import { intervalMs, type FlowSettings } from './flow-document';

type Settings = Pick<FlowSettings, 'schedule' | 'sleepWindow' | 'timeZone'>;

// Fields in cron-parser's order; a 5-field expression has no seconds.
const FIELDS = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12 },
  { name: 'day of week', min: 0, max: 7 },
] as const;

/** What is wrong with a cron expression, in plain words naming the field; null when it is fine. */
export function cronProblem(text: string): string | null {
  const parts = text.trim().split(/\s+/).filter(Boolean);
  if (parts.length < 5 || parts.length > 6) {
    return (
      `it has ${parts.length} field${parts.length === 1 ? '' : 's'}; a cron expression ` +
      `has 5 (minute hour day-of-month month day-of-week) or 6 (a seconds field first)`
    );
  }
  const fields = parts.length === 6 ? FIELDS : FIELDS.slice(1);
  // cron-parser's errors do not say which field: try each field alone first.
  for (let i = 0; i < parts.length; i++) {
    const probe = parts.map((p, j) => (j === i ? p : '*')).join(' ');
    try {
      cronParser.parseExpression(probe);
    } catch (e) {
      return fieldProblem(fields[i], parts[i], (e as Error).message);
    }
  }
  try {
    cronParser.parseExpression(parts.join(' ')).next();
  } catch (e) {
    const m = (e as Error).message;
    if (/explicit day of month/i.test(m))
      return `day of month ${parts[parts.length - 3]} never occurs in month ${parts[parts.length - 2]}`;
    return m;
  }
  return null;
}

function fieldProblem(f: (typeof FIELDS)[number], value: string, message: string): string {
  const range = `${f.min}–${f.max}`;
  let m: RegExpExecArray | null;
  if ((m = /got value (\S+) expected range/.exec(message))) return `${f.name} ${m[1]} is out of range ${range}`;
  if ((m = /got range (\S+) expected range/.exec(message))) return `${f.name} range ${m[1]} is out of range ${range}`;
  if (/Invalid characters/.test(message))
    return `${f.name} "${value}" is not a number, a range (1-5), a list (1,15) or a step (*/5)`;
  if (/Invalid range/.test(message)) return `${f.name} range "${value}" must go from low to high`;
  if (/Invalid repeat|cannot repeat/.test(message))
    return `${f.name} step in "${value}" must be a whole number from 1 to ${f.max}`;
  return `${f.name} "${value}": ${message}`;
}

/** An unknown time zone, in plain words; null when the runtime knows it. */
export function timeZoneProblem(timeZone: string): string | null {
  try {
    formatter(timeZone);
    return null;
  } catch {
    return `"${timeZone}" is not a time zone Weft knows; use an IANA name such as America/New_York or Europe/London`;
  }
}

/** The first cron time strictly after `after`, in `timeZone`. */
export function nextCronTime(cron: string, timeZone: string, after: Date): Date {
  return cronParser.parseExpression(cron.trim(), { tz: timeZone, currentDate: after }).next().toDate();
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const secondsOfDay = (hms: string) =>
  hms
    .split(':')
    .map(Number)
    .reduce((a, b) => a * 60 + b, 0);

/** If `at` is inside the flow's sleep window (wall clock of its time zone), when the window ends; else null. */
export function sleepWindowEnd(settings: Pick<FlowSettings, 'sleepWindow' | 'timeZone'>, at: Date): Date | null {
  const w = settings.sleepWindow;
  if (!w) return null;
  const t = secondsOfDay(formatter(settings.timeZone).format(at));
  const start = secondsOfDay(w.start);
  const end = secondsOfDay(w.end);
  const inside = start <= end ? t >= start && t < end : t >= start || t < end; // a window may span midnight
  if (!inside) return null;
  // The next time the wall clock shows the end: DST-correct (a night with a changed clock is 23 or 25 hours).
  const [h, m, s] = w.end.split(':').map(Number);
  return nextCronTime(`${s} ${m} ${h} * * *`, settings.timeZone, new Date(at.getTime() - 1));
}

/**
 * When the flow is next due after the run due at `dueAt`, handled at `now`.
 * Slots missed while Weft was down are skipped, not run in a burst; a time
 * inside the sleep window moves to the window's end. null = no schedule.
 */
export function nextDueAfter(settings: Settings, dueAt: Date, now: Date): Date | null {
  const s = settings.schedule;
  if (!s) return null;
  let next: Date;
  if ('every' in s) {
    // Next due = this due + interval (not finish + interval).
    const every = intervalMs(s.every);
    next = new Date(dueAt.getTime() + every);
    if (next.getTime() <= now.getTime()) next = new Date(now.getTime() + every);
  } else {
    // A tick may fire a little early (up to 1 s): never hand out the same slot twice.
    next = nextCronTime(s.cron, settings.timeZone, new Date(Math.max(dueAt.getTime(), now.getTime())));
  }
  return sleepWindowEnd(settings, next) ?? next;
}

/** The next `count` times the flow would run if started now (the start itself runs at once). */
export function upcomingDueTimes(settings: Settings, now: Date, count = 3): Date[] {
  const out: Date[] = [];
  let at = now;
  while (out.length < count) {
    const next = nextDueAfter(settings, at, at);
    if (!next) break;
    out.push(next);
    at = next;
  }
  return out;
}

/**
 * A flow's schedule runs it at most once a minute (issue 18): "every 0ms" or a cron
 * with a seconds field ("* * * * * *") queued runs back to back, each reading the
 * source systems again. Checked where people set schedules (save, publish, the
 * preview), not by the engine, which runs whatever version it is handed.
 */
export const MIN_SCHEDULE_MS = 60_000;

export function scheduleFloorProblem(schedule: FlowSettings['schedule']): string | null {
  if (!schedule) return null;
  if ('every' in schedule) {
    if (intervalMs(schedule.every) >= MIN_SCHEDULE_MS) return null;
    return `Schedule "every ${schedule.every}": Weft runs a flow at most once a minute. Use 1m or more in the flow settings.`;
  }
  const parts = schedule.cron.trim().split(/\s+/);
  // Five fields have no seconds: at most once a minute. A sixth (first) field of seconds must name one second.
  if (parts.length !== 6 || /^\d{1,2}$/.test(parts[0])) return null;
  return (
    `Schedule "${schedule.cron}" runs more than once a minute (its first field is seconds); Weft ` +
    `runs a flow at most once a minute. Put one second in the first field (e.g. 0 ${parts.slice(1).join(' ')}) ` +
    `or use a 5-field cron.`
  );
}

/** Problems of the schedule settings for validate-flow: the setting's path and a plain message. */
export function scheduleProblems(settings: Settings): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const zone = timeZoneProblem(settings.timeZone);
  if (zone) problems.push({ path: 'settings.timeZone', message: `Time zone: ${zone}. Pick one in the flow settings.` });
  const s = settings.schedule;
  if (s && 'cron' in s) {
    const why = cronProblem(s.cron);
    if (why)
      problems.push({
        path: 'settings.schedule.cron',
        message: `Schedule "${s.cron}": ${why}. Correct it in the flow settings.`,
      });
  }
  return problems;
}
