// The seed's seven notification modes (§5.4), split into what each one asks for:
// a mail right after a run, and which daily report.
import type { FlowSettings } from '../../flow/flow-document';

export type NotifyMode = FlowSettings['notify'];

/** Which finished runs get a mail at once: connection failures only, or any error. */
export function alertsFor(mode: NotifyMode): 'connection-failures' | 'every-error' | null {
  if (mode === 'every-error') return 'every-error';
  if (mode.startsWith('connection-failures')) return 'connection-failures';
  return null;
}

/** Which daily report the flow is part of: every flow's counts, or only flows with errors. */
export function dailyReportFor(mode: NotifyMode): 'full' | 'errors' | null {
  if (mode === 'full-daily' || mode === 'connection-failures-and-full-daily') return 'full';
  if (mode === 'error-daily' || mode === 'connection-failures-and-error-daily') return 'errors';
  return null;
}
