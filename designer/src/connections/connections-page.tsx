// Connections: the workspace's connections to Creatio and QuickBooks, and for a
// QuickBooks Desktop company file the .qwc to add it to the Web Connector
// (issue 5). The file never holds the password: the Web Connector asks for it.
import { api } from '../api/trpc-client';
import { AccountMenu } from '../account/account-menu';
import { plainError } from '../lib/plain-error';
import { useToast } from '../ui/toast';
import { useAsync } from '../ui/use-async';
import { KIND_LABELS, saveText } from './connection-kinds';

export function ConnectionsPage() {
  const toast = useToast();
  const list = useAsync(() => api.connections.list.query(), 'connections', 'load the connections');

  async function downloadQwc(id: string) {
    try {
      const file = await api.connections.qwc.query({ id, origin: window.location.origin });
      saveText(file.fileName, file.content, 'application/xml');
      toast('Open the file in the QuickBooks Web Connector, then type this connection\'s password there.', 'info');
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
            <button type="button" className="button" onClick={list.reload}>Refresh</button>
          </div>
          {list.error ? <p role="alert" className="error-text">{list.error}</p> : null}
          {list.loading && !list.data ? <p className="muted">Loading connections…</p> : null}
          {list.data && connections.length === 0 ? <p className="muted">No connections yet.</p> : null}
          {connections.length > 0 ? (
            <table className="table" data-testid="connection-list">
              <thead>
                <tr><th scope="col">Connection</th><th scope="col">System</th><th scope="col">Details</th><th scope="col" /></tr>
              </thead>
              <tbody>
                {connections.map((c) => (
                  <tr key={c.id} data-testid={`connection-${c.id}`}>
                    <td>{c.name}<div className="muted small">{c.id}</div></td>
                    <td>{KIND_LABELS[c.kind] ?? c.kind}</td>
                    <td className="small">{c.kind === 'quickbooks-desktop' ? `Web Connector user: ${c.details.userName ?? '—'}` : (c.details.baseUrl ?? '')}</td>
                    <td>
                      {c.kind === 'quickbooks-desktop' ? (
                        <button type="button" className="button" onClick={() => void downloadQwc(c.id)} data-testid={`download-qwc-${c.id}`}>
                          Download .qwc for the Web Connector
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </main>
    </div>
  );
}
