// The seed's seven modes (§5.4), each asking for the alerts and the report it names.
import { expect, it } from 'vitest';
import { NOTIFY_MODES } from '../../flow/flow-document';
import { alertsFor, dailyReportFor } from './notify-modes';
import { needsAlert, type FinishedRunRow } from './run-alerts';

const run = (notify: FinishedRunRow['notify'], status: string, connectionFailedRecords = false): FinishedRunRow => ({
  id: 'r',
  workspaceId: 'w',
  flowId: 'f',
  flowName: 'F',
  notify,
  status,
  error: null,
  finishedAt: new Date(),
  connectionFailedRecords,
});

it('maps every mode to its alerts and daily report', () => {
  expect(Object.fromEntries(NOTIFY_MODES.map((m) => [m, [alertsFor(m), dailyReportFor(m)]]))).toEqual({
    none: [null, null],
    'connection-failures': ['connection-failures', null],
    'every-error': ['every-error', null],
    'connection-failures-and-full-daily': ['connection-failures', 'full'],
    'connection-failures-and-error-daily': ['connection-failures', 'errors'],
    'error-daily': [null, 'errors'],
    'full-daily': [null, 'full'],
  });
});

it('alerts on the runs each mode names, and never on a clean run', () => {
  expect(needsAlert(run('none', 'failed'))).toBe(false);
  expect(needsAlert(run('connection-failures', 'completed-with-errors'))).toBe(false);
  expect(needsAlert(run('connection-failures', 'completed-with-errors', true))).toBe(true);
  expect(needsAlert(run('connection-failures', 'failed'))).toBe(true);
  expect(needsAlert(run('every-error', 'completed-with-errors'))).toBe(true);
  expect(needsAlert(run('every-error', 'succeeded'))).toBe(false);
  expect(needsAlert(run('full-daily', 'failed'))).toBe(false);
});
