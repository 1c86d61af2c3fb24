// The operators' monitor at #/monitor (issue 16; the old flow manager and monitor):
// every flow of the workspace, live, with filters; start, stop, run now; and for a
// company file, the seed's single-user-mode procedure (stop all its scheduled flows,
// then start the same flows again).
import { PageHeader } from '../ui/page-header';
import { useMemo, useState } from 'react';
import { useSession } from '../account/session';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { Modal } from '../ui/modal';
import { CatchUpDialog } from '../history/catch-up-dialog';
import { QueryStartsEditor } from '../history/query-starts-editor';
import { CompanyFiles } from './company-files';
import { MonitorRowView, STATE_WORDS } from './monitor-row';
import { useMonitor, type MonitorRow } from './use-monitor';
import './monitor.css';

const ALL = '';

export function MonitorPage() {
  const { view, connection } = useMonitor();
  const { me } = useSession();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [file, setFile] = useState(ALL);
  const [object, setObject] = useState(ALL);
  const [state, setState] = useState(ALL);
  const [dialog, setDialog] = useState<{ kind: 'query-starts' | 'catch-up'; flowId: string } | null>(null);
  // Same roles as the server's `flows.operate` (server/auth/roles.ts); the server checks again on each call.
  const canOperate = me.workspace.role === 'admin' || me.workspace.role === 'operator';

  const rows = view?.rows ?? [];
  const files = useMemo(
    () =>
      uniqueBy(
        rows.flatMap((r) => r.companyFiles),
        (c) => c.id,
      ),
    [rows],
  );
  const objects = useMemo(() => [...new Set(rows.flatMap((r) => r.objects))].sort(), [rows]);
  const shown = rows.filter(
    (r) =>
      (!file || r.companyFiles.some((c) => c.id === file)) &&
      (!object || r.objects.includes(object)) &&
      (!state || r.state === state),
  );

  async function act(what: string, f: () => Promise<unknown>, done?: string) {
    setBusy(true);
    try {
      await f();
      if (done) toast(done);
    } catch (e) {
      toast(plainError(e, what), 'error');
    } finally {
      setBusy(false);
    }
  }

  const setFlowState = (r: MonitorRow, s: 'started' | 'stopped') =>
    act(`${s === 'started' ? 'start' : 'stop'} "${r.name}"`, () =>
      api.flows.setState.mutate({ id: r.flowId, state: s }),
    );
  const runNow = (r: MonitorRow) =>
    act(`run "${r.name}"`, () => api.runs.start.mutate({ flowId: r.flowId }), `"${r.name}" is queued to run now.`);

  return (
    <div className="home">
      <PageHeader tag="Monitor">
        <span className={`live-dot ${connection}`} data-testid="monitor-connection">
          {connection === 'live' ? 'Live' : connection === 'reconnecting' ? 'Reconnecting…' : 'Connecting…'}
        </span>
      </PageHeader>
      <main className="monitor-main">
        <div className="monitor-filters">
          <h1>Monitor</h1>
          <label>
            Company file{' '}
            <select value={file} onChange={(e) => setFile(e.target.value)} data-testid="filter-file">
              <option value={ALL}>All</option>
              {files.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label>
            Object{' '}
            <select value={object} onChange={(e) => setObject(e.target.value)} data-testid="filter-object">
              <option value={ALL}>All</option>
              {objects.map((o) => (
                <option key={o} value={o}>
                  {o}
                </option>
              ))}
            </select>
          </label>
          <label>
            State{' '}
            <select value={state} onChange={(e) => setState(e.target.value)} data-testid="filter-state">
              <option value={ALL}>All</option>
              {Object.keys(STATE_WORDS).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <span className="muted small">{view ? `${shown.length} of ${rows.length} flows` : 'Loading…'}</span>
        </div>
        {view && (
          <CompanyFiles
            files={file ? files.filter((f) => f.id === file) : files}
            rows={rows}
            holds={view.holds}
            busy={busy}
            canOperate={canOperate}
            act={act}
          />
        )}
        <table className="table monitor-table" data-testid="monitor-table">
          <thead>
            <tr>
              <th>State</th>
              <th>Flow</th>
              <th>Company files</th>
              <th>Schedule</th>
              <th>Query Starts</th>
              <th>Last run</th>
              <th>Next run</th>
              <th>Rate</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <MonitorRowView
                key={r.flowId}
                row={r}
                busy={busy}
                canOperate={canOperate}
                onState={(s) => void setFlowState(r, s)}
                onRunNow={() => void runNow(r)}
                onEditQueryStarts={() => setDialog({ kind: 'query-starts', flowId: r.flowId })}
                onCatchUp={() => setDialog({ kind: 'catch-up', flowId: r.flowId })}
              />
            ))}
          </tbody>
        </table>
        {view && rows.length === 0 && (
          <p className="muted">No flows yet. Start one from a template on the home page.</p>
        )}
      </main>
      {dialog && (
        <RowDialog
          dialog={dialog}
          row={rows.find((r) => r.flowId === dialog.flowId)}
          close={() => setDialog(null)}
          canOperate={canOperate}
        />
      )}
    </div>
  );
}

/** Issue 16: a row's Query Starts editor or its catch-up, over the monitor. */
function RowDialog(props: {
  dialog: { kind: 'query-starts' | 'catch-up'; flowId: string };
  row: MonitorRow | undefined;
  canOperate: boolean;
  close(): void;
}) {
  const { dialog, row, close } = props;
  if (!row) return null;
  if (dialog.kind === 'catch-up')
    return <CatchUpDialog flowId={row.flowId} name={row.name} canOperate={props.canOperate} onClose={close} />;
  return (
    <Modal
      title={`Query Starts of “${row.name}”`}
      onClose={close}
      testId="query-starts-dialog"
      footer={
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      }
    >
      {row.queryStarts.map((q) => (
        <QueryStartsEditor
          key={q.nodeId}
          flowId={row.flowId}
          nodeId={q.nodeId}
          value={q.value}
          canEdit={props.canOperate}
        />
      ))}
    </Modal>
  );
}

function uniqueBy<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const i of items) if (!seen.has(key(i))) seen.set(key(i), i);
  return [...seen.values()];
}
