// Flow settings: when it runs (schedule, sleep window, time zone), when the
// schedule stops itself, and who gets emailed. The old service's §5.4 options.
import { useEffect, useMemo, useState } from 'react';
import { NOTIFY_MODES, type FlowSettings } from '../../../flow/flow-document';
import { api } from '../api/trpc-client';
import {
  formatDueTime,
  formToSchedule,
  normalizeTime,
  NOTIFY_LABELS,
  scheduleToForm,
  settingsProblems,
  STOP_LABELS,
  type ScheduleForm,
} from '../lib/settings-form';
import { CancelAnd, Modal } from '../ui/modal';

interface Props {
  settings: FlowSettings;
  onSave: (s: FlowSettings) => void;
  onClose: () => void;
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return (
    intl.supportedValuesOf?.('timeZone') ?? [
      'UTC',
      'America/New_York',
      'America/Chicago',
      'America/Denver',
      'America/Los_Angeles',
    ]
  );
}

export function SettingsDialog({ settings, onSave, onClose }: Props) {
  const [schedule, setSchedule] = useState<ScheduleForm>(() => scheduleToForm(settings.schedule));
  const [sleepOn, setSleepOn] = useState(settings.sleepWindow !== null);
  const [sleep, setSleep] = useState(settings.sleepWindow ?? { start: '22:00:00', end: '06:00:00' });
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [stopPolicy, setStopPolicy] = useState(settings.stopPolicy);
  const [notify, setNotify] = useState(settings.notify);
  const zones = useMemo(timeZones, []);

  // Settings this dialog does not show (the Query Starts overlap, the solution's choices) are kept.
  const next: FlowSettings = {
    ...settings,
    schedule: formToSchedule(schedule),
    sleepWindow: sleepOn ? sleep : null,
    timeZone,
    stopPolicy,
    notify,
  };
  const problems = settingsProblems(next);
  const zoneKnown = zones.includes(timeZone);
  const preview = useNextRuns(next, problems.length === 0);

  return (
    <Modal
      title="Flow settings"
      onClose={onClose}
      testId="settings-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          actions={[
            {
              label: 'Apply',
              onClick: () => onSave(next),
              testId: 'settings-apply',
              disabled: problems.length > 0 || preview.problem !== null,
            },
          ]}
        />
      }
    >
      <fieldset>
        <legend>Schedule</legend>
        <label className="radio">
          <input
            type="radio"
            name="schedule"
            checked={schedule.mode === 'manual'}
            onChange={() => setSchedule({ ...schedule, mode: 'manual' })}
          />
          Only when someone presses Run
        </label>
        <label className="radio">
          <input
            type="radio"
            name="schedule"
            checked={schedule.mode === 'minutes'}
            onChange={() => setSchedule({ ...schedule, mode: 'minutes' })}
          />
          Every
          <input
            type="number"
            min={1}
            step={1}
            className="narrow"
            aria-label="Minutes between runs"
            value={schedule.minutes}
            onChange={(e) => setSchedule({ ...schedule, mode: 'minutes', minutes: e.target.value })}
          />
          minutes
        </label>
        <label className="radio">
          <input
            type="radio"
            name="schedule"
            checked={schedule.mode === 'custom'}
            onChange={() => setSchedule({ ...schedule, mode: 'custom' })}
          />
          Every interval (30s, 2h) or on a cron schedule
          <input
            type="text"
            aria-label="Custom schedule"
            placeholder="0 9 * * 1-5"
            value={schedule.custom}
            onChange={(e) => setSchedule({ ...schedule, mode: 'custom', custom: e.target.value })}
          />
        </label>
        <p className="field-help">
          Cron: minute hour day-of-month month day-of-week (a seconds field may come first), in the flow's time zone. “0
          9 * * 1-5” is 9:00 on weekdays.
        </p>
        {preview.problem ? (
          <p className="field-problem" role="alert" data-testid="next-runs-problem">
            {preview.problem}
          </p>
        ) : (
          preview.times.length > 0 && (
            <p className="field-help" data-testid="next-runs">
              Next runs after Start: {preview.times.map((t) => formatDueTime(t, timeZone)).join(' · ')}
            </p>
          )
        )}
      </fieldset>
      <fieldset>
        <legend>Sleep window</legend>
        <label className="radio">
          <input type="checkbox" checked={sleepOn} onChange={(e) => setSleepOn(e.target.checked)} />
          Pause scheduled runs between
        </label>
        <div className="row">
          <label>
            Start{' '}
            <input
              type="time"
              step={1}
              disabled={!sleepOn}
              value={sleep.start}
              onChange={(e) => setSleep({ ...sleep, start: normalizeTime(e.target.value) })}
            />
          </label>
          <label>
            End{' '}
            <input
              type="time"
              step={1}
              disabled={!sleepOn}
              value={sleep.end}
              onChange={(e) => setSleep({ ...sleep, end: normalizeTime(e.target.value) })}
            />
          </label>
        </div>
        <p className="field-help">
          Runs due inside the window wait until it ends. Times are hh:mm:ss in the flow's time zone.
        </p>
      </fieldset>
      <div className="field">
        <label htmlFor="tz" className="field-label">
          Time zone
        </label>
        <input
          id="tz"
          type="text"
          list="tz-list"
          value={timeZone}
          onChange={(e) => setTimeZone(e.target.value)}
          aria-invalid={!zoneKnown || undefined}
        />
        <datalist id="tz-list">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {!zoneKnown && (
          <p className="field-problem">
            This browser does not know the time zone “{timeZone}”. Pick one from the list.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="stop-policy" className="field-label">
          Stop the schedule
        </label>
        <select
          id="stop-policy"
          value={stopPolicy}
          onChange={(e) => setStopPolicy(e.target.value as FlowSettings['stopPolicy'])}
        >
          {(Object.keys(STOP_LABELS) as FlowSettings['stopPolicy'][]).map((k) => (
            <option key={k} value={k}>
              {STOP_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="notify" className="field-label">
          Email notifications
        </label>
        <select id="notify" value={notify} onChange={(e) => setNotify(e.target.value as FlowSettings['notify'])}>
          {NOTIFY_MODES.map((m) => (
            <option key={m} value={m}>
              {NOTIFY_LABELS[m]}
            </option>
          ))}
        </select>
        <small className="muted">
          Who receives them is set on the workspace's <a href="#/notifications">Notifications</a> page (admins).
        </small>
      </div>
      {problems.map((p) => (
        <p key={p} className="field-problem" role="alert">
          {p}
        </p>
      ))}
    </Modal>
  );
}

/** The scheduler's own next due times (server side: cron, time zone, DST, sleep window), refreshed as the settings change. */
function useNextRuns(settings: FlowSettings, valid: boolean): { times: string[]; problem: string | null } {
  const [result, setResult] = useState<{ times: string[]; problem: string | null }>({ times: [], problem: null });
  const key = JSON.stringify([settings.schedule, settings.sleepWindow, settings.timeZone]);
  useEffect(() => {
    if (!valid || !settings.schedule) {
      setResult({ times: [], problem: null });
      return;
    }
    let live = true;
    // Wait for the typing to pause before asking.
    const t = setTimeout(() => {
      api.operations.nextRuns
        .query({ schedule: settings.schedule, sleepWindow: settings.sleepWindow, timeZone: settings.timeZone })
        .then((r) => live && setResult(r))
        .catch(() => live && setResult({ times: [], problem: null }));
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [key, valid]); // `key` stands for the settings object, new on every render
  return result;
}
