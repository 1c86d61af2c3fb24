import { expect, test } from 'vitest';
import { NOTIFY_MODES } from '../../../flow/flow-document';
import {
  describeSchedule,
  formatDueTime,
  formToSchedule,
  NOTIFY_LABELS,
  normalizeTime,
  scheduleToForm,
  settingsProblems,
} from './settings-form';

test('every mode of notification has a readable label', () => {
  expect(NOTIFY_MODES.map((m) => NOTIFY_LABELS[m]).every((l) => typeof l === 'string' && l.length > 3)).toBe(true);
});

test('schedules round-trip through the form', () => {
  for (const s of [null, { every: '10m' }, { every: '30s' }, { cron: '0 * * * *' }] as const) {
    expect(formToSchedule(scheduleToForm(s))).toEqual(s);
  }
  expect(formToSchedule({ mode: 'minutes', minutes: '0', custom: '' })).toEqual({ every: '1m' });
});

test('schedules in words', () => {
  expect(describeSchedule({ every: '10m' })).toBe('Every 10 minutes');
  expect(describeSchedule({ every: '1h' })).toBe('Every hour');
  expect(describeSchedule(null)).toBe('By hand only');
});

test('times keep their seconds and bad settings are explained', () => {
  expect(normalizeTime('09:30')).toBe('09:30:00');
  expect(normalizeTime('09:30:15')).toBe('09:30:15');
  expect(settingsProblems({ sleepWindow: { start: '25:00:00', end: '01:00:00' } })[0]).toMatch(/hh:mm:ss/);
  expect(settingsProblems({})).toEqual([]);
});

test("next runs are shown in the flow's time zone, with seconds only when the schedule has them", () => {
  expect(formatDueTime('2025-03-10T13:00:00.000Z', 'America/New_York')).toBe('Mon 10 Mar, 09:00');
  expect(formatDueTime('2025-03-10T13:00:05.000Z', 'UTC')).toBe('Mon 10 Mar, 13:00:05');
  expect(formToSchedule({ mode: 'custom', minutes: '10', custom: ' 0 9 * * 1-5 ' })).toEqual({ cron: '0 9 * * 1-5' });
});
