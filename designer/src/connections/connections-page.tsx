// Connections (issue 13): the workspace's connections to Creatio and QuickBooks,
// where each stands, and for admins: add (a form drawn from the kind's definition,
// or QuickBooks Online's consent), edit, test, delete; for a QuickBooks Desktop
// company file the .qwc and its Web Connector password (issue 5). The .qwc never
// holds the password: the Web Connector asks for it.
import { PageHeader } from '../ui/page-header';
import { useEffect, useState } from 'react';
import { connectionRegistry } from '../../../nodes/connections';
import { useSession } from '../account/session';
import type { ConnectionSummary } from '../api/api-types';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { ConnectionDialog, type EditedConnection } from './connection-dialog';
import { saveText } from './connection-kinds';
import { ConnectionRow } from './connection-row';
import { DeleteConnectionDialog } from './delete-connection-dialog';
import { DesktopPasswordDialog } from './desktop-password-dialog';
import { QboConnectDialog } from './qbo-connect-dialog';
import './connections.css';

const KINDS = connectionRegistry.list();

export function ConnectionsPage() {
  const toast = useToast();
  const list = useAsync(() => api.connections.list.query(), 'connections', 'load the connections');
  const isAdmin = useSession().me.workspace.role === 'admin';
  const [connecting, setConnecting] = useState<{ reconnect?: { id: string; name: string } } | null>(null);
  const [form, setForm] = useState<{ kind: string; editing?: EditedConnection } | null>(null);
  const [settingPassword, setSettingPassword] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string; kind: string } | null>(null);
  const [adding, setAdding] = useState('');
  // Back from QuickBooks: `#/connections?connected=<id>` (server/qbo-connect/qbo-callback.ts).
  const connected = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('connected');
  useEffect(() => {
    if (!connected || !list.data) return;
    const c = list.data.find((x) => x.id === connected);
    toast(
      c
        ? `QuickBooks Online connected: ${c.name} (company ${c.details.realmId ?? '?'}).`
        : 'QuickBooks Online connected.',
      'success',
    );
    window.history.replaceState(null, '', '#/connections');
  }, [connected, list.data, toast]);

  async function downloadQwc(c: ConnectionSummary) {
    try {
      const file = await api.connections.qwc.query({ id: c.id, origin: window.location.origin });
      saveText(file.fileName, file.content, 'application/xml');
      toast(
        `Saved ${file.fileName}. Open it in the QuickBooks Web Connector (Add an application), then type this connection's Web Connector password there.`,
        'info',
      );
    } catch (e) {
      toast(plainError(e, 'make the Web Connector file'), 'error');
    }
  }

  /** A kind added through a consent opens it; the others open their form. */
  function add(kind: string) {
    setAdding('');
    if (connectionRegistry.get(kind)?.hooks?.oauthConsent) setConnecting({});
    else if (kind) setForm({ kind });
  }

  const connections = list.data ?? [];
  return (
    <div className="home">
      <PageHeader tag="Connections" />
      <main className="home-main">
        <section aria-labelledby="connections-heading" className="home-section">
          <div className="section-head">
            <h1 id="connections-heading">Connections</h1>
            <span className="connection-add">
              {isAdmin ? (
                <>
                  <label htmlFor="add-connection-kind" className="visually-hidden">
                    Add a connection to
                  </label>
                  <select
                    id="add-connection-kind"
                    value={adding}
                    onChange={(e) => add(e.target.value)}
                    data-testid="add-connection"
                  >
                    <option value="">Add connection…</option>
                    {KINDS.map((d) => (
                      <option key={d.kind} value={d.kind}>
                        {d.hooks?.oauthConsent?.action ?? d.label}
                      </option>
                    ))}
                  </select>{' '}
                </>
              ) : null}
              <button type="button" className="button" onClick={list.reload}>
                Refresh
              </button>
            </span>
          </div>
          {list.error ? (
            <p role="alert" className="error-text">
              {list.error}
            </p>
          ) : null}
          {list.loading && !list.data ? <p className="muted">Loading connections…</p> : null}
          {list.data && connections.length === 0 ? (
            <p className="muted">
              No connections yet.{isAdmin ? ' Add one above.' : ' Ask an admin of this workspace to add one.'}
            </p>
          ) : null}
          {!isAdmin && connections.length > 0 ? (
            <p className="muted small" data-testid="connections-admin-note">
              Only an admin of this workspace can add, test or change connections, or download the Web Connector file.
            </p>
          ) : null}
          {connections.length > 0 ? (
            <table className="table" data-testid="connection-list">
              <thead>
                <tr>
                  <th scope="col">Connection</th>
                  <th scope="col">System</th>
                  <th scope="col">State</th>
                  <th scope="col">Details</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {connections.map((c) => (
                  <ConnectionRow
                    key={c.id}
                    c={c}
                    isAdmin={isAdmin}
                    actions={{
                      edit: (x) => setForm({ kind: x.kind, editing: x }),
                      reconnect: (x) => setConnecting({ reconnect: { id: x.id, name: x.name } }),
                      setPassword: (x) => setSettingPassword({ id: x.id, name: x.name }),
                      downloadQwc: (x) => void downloadQwc(x),
                      remove: (x) => setDeleting({ id: x.id, name: x.name, kind: x.kind }),
                    }}
                  />
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </main>
      {connecting ? <QboConnectDialog reconnect={connecting.reconnect} onClose={() => setConnecting(null)} /> : null}
      {form ? (
        <ConnectionDialog kind={form.kind} editing={form.editing} onClose={() => setForm(null)} onSaved={list.reload} />
      ) : null}
      {deleting ? (
        <DeleteConnectionDialog connection={deleting} onClose={() => setDeleting(null)} onDeleted={list.reload} />
      ) : null}
      {settingPassword ? (
        <DesktopPasswordDialog
          connection={settingPassword}
          onClose={() => setSettingPassword(null)}
          onSaved={list.reload}
        />
      ) : null}
    </div>
  );
}
