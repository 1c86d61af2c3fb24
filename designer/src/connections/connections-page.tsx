// Connections: the workspace's connections to Creatio and QuickBooks with where
// each stands, and for a QuickBooks Desktop company file the .qwc to add it to the
// Web Connector and its password (issue 5; admins only). The file never holds the
// password: the Web Connector asks for it.
import { useEffect, useState } from 'react';
import { api } from '../api/trpc-client';
import { AccountMenu } from '../account/account-menu';
import { useSession } from '../account/session';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { connectionDetails, connectionState, KIND_LABELS, saveText } from './connection-kinds';
import { DeleteConnectionDialog } from './delete-connection-dialog';
import { DesktopPasswordDialog } from './desktop-password-dialog';
import { QboConnectDialog } from './qbo-connect-dialog';
import './connections.css';

export function ConnectionsPage() {
  const toast = useToast();
  const list = useAsync(() => api.connections.list.query(), 'connections', 'load the connections');
  const isAdmin = useSession().me.workspace.role === 'admin';
  const [connecting, setConnecting] = useState<{ reconnect?: { id: string; name: string } } | null>(null);
  const [settingPassword, setSettingPassword] = useState<{ id: string; name: string } | null>(null);
  const [deleting, setDeleting] = useState<{ id: string; name: string; kind: string } | null>(null);
  // Back from QuickBooks: `#/connections?connected=<id>` (server/qbo-connect/qbo-callback.ts).
  const connected = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('connected');
  useEffect(() => {
    if (!connected || !list.data) return;
    const c = list.data.find((x) => x.id === connected);
    toast(c ? `QuickBooks Online connected: ${c.name} (company ${c.details.realmId ?? '?'}).` : 'QuickBooks Online connected.', 'success');
    window.history.replaceState(null, '', '#/connections');
  }, [connected, list.data, toast]);

  async function downloadQwc(id: string) {
    try {
      const file = await api.connections.qwc.query({ id, origin: window.location.origin });
      saveText(file.fileName, file.content, 'application/xml');
      toast(`Saved ${file.fileName}. Open it in the QuickBooks Web Connector (Add an application), then type this connection's Web Connector password there.`, 'info');
    } catch (e) {
      toast(plainError(e, 'make the Web Connector file'), 'error');
    }
  }

  const connections = list.data ?? [];
  return (
    <div className="home">
      <header className="app-header">
        <a className="brand" href="#/">Weft</a>
        <span className="brand-tag">Connections</span>
        <AccountMenu />
      </header>
      <main className="home-main">
        <section aria-labelledby="connections-heading" className="home-section">
          <div className="section-head">
            <h1 id="connections-heading">Connections</h1>
            <span>
              {isAdmin ? <><button type="button" className="button primary" onClick={() => setConnecting({})} data-testid="connect-qbo">Connect QuickBooks Online</button>{' '}</> : null}
              <button type="button" className="button" onClick={list.reload}>Refresh</button>
            </span>
          </div>
          {list.error ? <p role="alert" className="error-text">{list.error}</p> : null}
          {list.loading && !list.data ? <p className="muted">Loading connections…</p> : null}
          {list.data && connections.length === 0 ? <p className="muted">No connections yet.{isAdmin ? ' Connect QuickBooks Online above.' : ' Ask an admin of this workspace to add one.'}</p> : null}
          {!isAdmin && connections.length > 0 ? <p className="muted small" data-testid="connections-admin-note">Only an admin of this workspace can connect, download the Web Connector file or set its password.</p> : null}
          {connections.length > 0 ? (
            <table className="table" data-testid="connection-list">
              <thead>
                <tr><th scope="col">Connection</th><th scope="col">System</th><th scope="col">State</th><th scope="col">Details</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr>
              </thead>
              <tbody>
                {connections.map((c) => {
                  const state = connectionState(c, isAdmin);
                  return (
                  <tr key={c.id} data-testid={`connection-${c.id}`}>
                    <td>{c.name}<div className="muted small">{c.id}</div></td>
                    <td>{KIND_LABELS[c.kind] ?? c.kind}</td>
                    <td className="small" data-testid={`connection-state-${c.id}`}>
                      <span className={`pill ${state.ok ? 'pill-ok' : 'pill-warn'}`}>{state.label}</span>
                      {state.next ? <div className="muted">{state.next}</div> : null}
                    </td>
                    <td className="small">
                      {connectionDetails(c)}
                      {c.warning ? <div className="error-text" role="status" data-testid={`connection-warning-${c.id}`}>{c.warning}</div> : null}
                    </td>
                    <td>
                      <div className="connection-actions">
                        {c.kind === 'quickbooks-desktop' && isAdmin ? (
                          <>
                            <button type="button" className="button" onClick={() => void downloadQwc(c.id)} data-testid={`download-qwc-${c.id}`}>
                              Download .qwc file
                            </button>
                            <button type="button" className="button" onClick={() => setSettingPassword({ id: c.id, name: c.name })} data-testid={`set-qbd-password-${c.id}`}>
                              {'passwordSet' in c && c.passwordSet ? 'Change Web Connector password' : 'Set Web Connector password'}
                            </button>
                          </>
                        ) : null}
                        {c.kind === 'quickbooks-online' && isAdmin ? (
                          <button type="button" className="button" onClick={() => setConnecting({ reconnect: { id: c.id, name: c.name } })} data-testid={`reconnect-${c.id}`}>
                            Reconnect
                          </button>
                        ) : null}
                        {isAdmin ? (
                          <button type="button" className="button" onClick={() => setDeleting({ id: c.id, name: c.name, kind: c.kind })} data-testid={`delete-connection-${c.id}`}>
                            Delete
                          </button>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
        </section>
      </main>
      {connecting ? <QboConnectDialog reconnect={connecting.reconnect} onClose={() => setConnecting(null)} /> : null}
      {deleting ? <DeleteConnectionDialog connection={deleting} onClose={() => setDeleting(null)} onDeleted={list.reload} /> : null}
      {settingPassword ? <DesktopPasswordDialog connection={settingPassword} onClose={() => setSettingPassword(null)} onSaved={list.reload} /> : null}
    </div>
  );
}
