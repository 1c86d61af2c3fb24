// Flow settings (seed §5.4: schedule, sleep window, time zone, stop policy,
// email notification mode) as a form, in the words of the old service's guide.
import { FlowSettings, NOTIFY_MODES } from '../../../flow/flow-document';

type Settings = FlowSettings;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
export type StopPolicy = Settings['stopPolicy'];

export const NOTIFY_LABELS: Record<NotifyMode, string> = {
  none: 'None',
  'connection-failures': 'Connection failures only',
  'every-error': 'After every error',
  'connection-failures-and-full-daily': 'Connection failures and a full daily report',
  'connection-failures-and-error-daily': 'Connection failures and a daily error report',
  'error-daily': 'Daily error report only',
  'full-daily': 'Full daily report only',
};

export const STOP_LABELS: Record<StopPolicy, string> = {
  never: 'Never',
  'connection-failure': 'After a connection failure',
  'every-error': 'After every error',
};

export interface ScheduleForm {
  mode: 'manual' | 'minutes' | 'custom';
  minutes: string;
  /** An interval in other units (`30s`, `2h`) or a cron expression, kept as written. */
  custom: string;
}

export function scheduleToForm(schedule: Settings['schedule']): ScheduleForm {
  if (schedule === null) return { mode: 'manual', minutes: '10', custom: '' };
  if ('every' in schedule) {
    const m = /^(\d+)m$/.exec(schedule.every);
    if (m) return { mode: 'minutes', minutes: m[1], custom: '' };
    return { mode: 'custom', minutes: '10', custom: schedule.every };
  }
  return { mode: 'custom', minutes: '10', custom: schedule.cron };
}

export function formToSchedule(form: ScheduleForm): Settings['schedule'] {
  if (form.mode === 'manual') return null;
  if (form.mode === 'minutes') return { every: `${Math.max(1, Math.floor(Number(form.minutes) || 0))}m` };
  const text = form.custom.trim();
  return /^\d+(ms|s|m|h)$/.test(text) ? { every: text } : { cron: text };
}

/** "Every 10 minutes", "By hand only", "Cron 0 * * * *". */
export function describeSchedule(schedule: Settings['schedule'] | undefined): string {
  if (!schedule) return 'By hand only';
  if ('cron' in schedule) return `Cron ${schedule.cron}`;
  const m = /^(\d+)(ms|s|m|h)$/.exec(schedule.every);
  if (!m) return schedule.every;
  const n = Number(m[1]);
  const unit = { ms: 'millisecond', s: 'second', m: 'minute', h: 'hour' }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return n === 1 ? `Every ${unit}` : `Every ${n} ${unit}s`;
}

/**
 * A due time for the schedule preview, in the flow's time zone: "Mon 10 Mar, 09:00",
 * with seconds when the schedule has them.
 */
export function formatDueTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const withSeconds = d.getUTCSeconds() !== 0;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      second: withSeconds ? '2-digit' : undefined,
      hourCycle: 'h23',
    }).format(d);
  } catch {
    return iso; // a time zone this browser does not know: the dialog says so already
  }
}

/** Problems of the settings in plain words (empty when they parse). */
export function settingsProblems(settings: unknown): string[] {
  const r = FlowSettings.safeParse(settings);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || 'settings'}: ${i.message}`);
}

/** `<input type="time" step="1">` may drop the seconds ("09:30"); the flow stores hh:mm:ss. */
export function normalizeTime(value: string): string {
  return /^\d\d:\d\d$/.test(value) ? `${value}:00` : value;
}
