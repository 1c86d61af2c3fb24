// Seed §6 (single-user mode): before QuickBooks is switched to single-user mode,
// every scheduled flow of that company file is stopped; afterwards the same flows
// are started again. One button each, per company file.
import { api } from '../api/trpc-client';
import { formatTime } from '../lib/run-status';
import type { MonitorRow, MonitorView } from './use-monitor';

interface Props {
  files: MonitorRow['companyFiles'];
  rows: MonitorRow[];
  holds: MonitorView['holds'];
  busy: boolean;
  canOperate: boolean;
  act(what: string, f: () => Promise<unknown>, done?: string): Promise<void>;
}

export function CompanyFiles({ files, rows, holds, busy, canOperate, act }: Props) {
  if (!canOperate || files.length === 0) return null;
  return (
    <section className="company-files" aria-label="Company files">
      {files.map((c) => {
        const hold = holds.find((h) => h.connectionId === c.id);
        const scheduled = rows.filter((r) => r.companyFiles.some((x) => x.id === c.id) && r.state !== 'STOPPED').length;
        return (
          <div key={c.id} className="company-file" data-testid={`company-file-${c.id}`}>
            <strong>{c.name}</strong>
            {hold ? (
              <>
                <span className="muted small">
                  {hold.flowIds.length} flow{hold.flowIds.length === 1 ? '' : 's'} stopped by {hold.heldBy},{' '}
                  {formatTime(hold.heldAt)}
                </span>
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  onClick={() =>
                    void act(
                      `start the flows of ${c.name}`,
                      () => api.monitor.startCompanyFile.mutate({ connectionId: c.id }),
                      `The flows of ${c.name} are started again.`,
                    )
                  }
                >
                  Start them again
                </button>
              </>
            ) : (
              <button
                type="button"
                className="button small"
                disabled={busy || scheduled === 0}
                onClick={() =>
                  void act(
                    `stop the flows of ${c.name}`,
                    () => api.monitor.stopCompanyFile.mutate({ connectionId: c.id }),
                    `Every scheduled flow of ${c.name} is stopped. Start them again here when you are done.`,
                  )
                }
                data-testid={`stop-file-${c.id}`}
              >
                Stop its {scheduled} scheduled flow{scheduled === 1 ? '' : 's'}
              </button>
            )}
          </div>
        );
      })}
    </section>
  );
}
