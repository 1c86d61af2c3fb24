// Flow settings: when it runs (schedule, sleep window, time zone), when the
// schedule stops itself, and who gets emailed. The old service's §5.4 options.
import { useMemo, useState } from 'react';
import { NOTIFY_MODES, type FlowSettings } from '../../../engine/graph/flow-document';
import { formToSchedule, normalizeTime, NOTIFY_LABELS, scheduleToForm, settingsProblems, STOP_LABELS, type ScheduleForm } from '../lib/settings-form';
import { Modal } from '../ui/modal';

interface Props {
  settings: FlowSettings;
  onSave: (s: FlowSettings) => void;
  onClose: () => void;
}

function timeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['UTC', 'America/New_York', 'America/Chicago', 'America/Denver', 'America/Los_Angeles'];
}

export function SettingsDialog({ settings, onSave, onClose }: Props) {
  const [schedule, setSchedule] = useState<ScheduleForm>(() => scheduleToForm(settings.schedule));
  const [sleepOn, setSleepOn] = useState(settings.sleepWindow !== null);
  const [sleep, setSleep] = useState(settings.sleepWindow ?? { start: '22:00:00', end: '06:00:00' });
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [stopPolicy, setStopPolicy] = useState(settings.stopPolicy);
  const [notify, setNotify] = useState(settings.notify);
  const zones = useMemo(timeZones, []);

  const next: FlowSettings = { schedule: formToSchedule(schedule), sleepWindow: sleepOn ? sleep : null, timeZone, stopPolicy, notify };
  const problems = settingsProblems(next);
  const zoneKnown = zones.includes(timeZone);

  return (
    <Modal
      title="Flow settings"
      onClose={onClose}
      testId="settings-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="button primary" disabled={problems.length > 0} onClick={() => onSave(next)} data-testid="settings-apply">
            Apply
          </button>
        </>
      }
    >
      <fieldset>
        <legend>Schedule</legend>
        <label className="radio">
          <input type="radio" name="schedule" checked={schedule.mode === 'manual'} onChange={() => setSchedule({ ...schedule, mode: 'manual' })} />
          Only when someone presses Run
        </label>
        <label className="radio">
          <input type="radio" name="schedule" checked={schedule.mode === 'minutes'} onChange={() => setSchedule({ ...schedule, mode: 'minutes' })} />
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
        {schedule.mode === 'custom' && (
          <label className="radio">
            <input type="radio" name="schedule" checked readOnly />
            Custom (interval like 30s or 2h, or a cron expression)
            <input type="text" aria-label="Custom schedule" value={schedule.custom} onChange={(e) => setSchedule({ ...schedule, custom: e.target.value })} />
          </label>
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
            <input type="time" step={1} disabled={!sleepOn} value={sleep.start} onChange={(e) => setSleep({ ...sleep, start: normalizeTime(e.target.value) })} />
          </label>
          <label>
            End <input type="time" step={1} disabled={!sleepOn} value={sleep.end} onChange={(e) => setSleep({ ...sleep, end: normalizeTime(e.target.value) })} />
          </label>
        </div>
        <p className="field-help">Runs due inside the window wait until it ends. Times are hh:mm:ss in the flow's time zone.</p>
      </fieldset>
      <div className="field">
        <label htmlFor="tz" className="field-label">
          Time zone
        </label>
        <input id="tz" type="text" list="tz-list" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} aria-invalid={!zoneKnown || undefined} />
        <datalist id="tz-list">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
        {!zoneKnown && <p className="field-problem">This browser does not know the time zone “{timeZone}”. Pick one from the list.</p>}
      </div>
      <div className="field">
        <label htmlFor="stop-policy" className="field-label">
          Stop the schedule
        </label>
        <select id="stop-policy" value={stopPolicy} onChange={(e) => setStopPolicy(e.target.value as FlowSettings['stopPolicy'])}>
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
      </div>
      {problems.map((p) => (
        <p key={p} className="field-problem" role="alert">
          {p}
        </p>
      ))}
    </Modal>
  );
}
