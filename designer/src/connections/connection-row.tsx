// One connection in the list: where it stands, its details, and what an admin can
// do with it — every action offered from the kind's definition (a Web Connector
// hook gives the .qwc and its password, an OAuth consent hook gives Reconnect).
import { useState } from 'react';
import { connectionRegistry } from '../../../nodes/connections';
import { api } from '../api/trpc-client';
import type { ConnectionSummary } from '../api/api-types';
import { plainError } from '../lib/plain-error';
import { connectionDetails, connectionState, kindLabel } from './connection-kinds';

export interface RowActions {
  edit(c: ConnectionSummary): void;
  reconnect(c: ConnectionSummary): void;
  setPassword(c: ConnectionSummary): void;
  downloadQwc(c: ConnectionSummary): void;
  remove(c: ConnectionSummary): void;
}

export function ConnectionRow({
  c,
  isAdmin,
  actions,
}: {
  c: ConnectionSummary;
  isAdmin: boolean;
  actions: RowActions;
}) {
  const state = connectionState(c, isAdmin);
  const hooks = connectionRegistry.get(c.kind)?.hooks;
  const [test, setTest] = useState<{ ok: boolean; message: string } | 'running' | null>(null);

  async function runTest() {
    setTest('running');
    try {
      setTest(await api.connections.test.mutate({ id: c.id }));
    } catch (e) {
      setTest({ ok: false, message: plainError(e, 'test the connection') });
    }
  }

  const button = (label: string, testId: string, onClick: () => void) => (
    <button type="button" className="button" onClick={onClick} data-testid={`${testId}-${c.id}`}>
      {label}
    </button>
  );
  return (
    <tr data-testid={`connection-${c.id}`}>
      <td>
        {c.name}
        <div className="muted small">{c.id}</div>
      </td>
      <td>{kindLabel(c.kind)}</td>
      <td className="small" data-testid={`connection-state-${c.id}`}>
        <span className={`pill ${state.ok ? 'pill-ok' : 'pill-warn'}`}>{state.label}</span>
        {state.next ? <div className="muted">{state.next}</div> : null}
        {test === 'running' ? (
          <div className="muted" role="status">
            Testing…
          </div>
        ) : null}
        {test && test !== 'running' ? (
          <div
            className={test.ok ? 'test-ok' : 'error-text'}
            role="status"
            data-testid={`connection-test-result-${c.id}`}
            data-ok={test.ok}
          >
            {test.ok ? '✓ ' : '✗ '}
            {test.message}
          </div>
        ) : null}
      </td>
      <td className="small">
        {connectionDetails(c)}
        {c.warning ? (
          <div className="error-text" role="status" data-testid={`connection-warning-${c.id}`}>
            {c.warning}
          </div>
        ) : null}
      </td>
      <td>
        {isAdmin ? (
          <div className="connection-actions">
            <button
              type="button"
              className="button"
              disabled={test === 'running'}
              onClick={() => void runTest()}
              data-testid={`test-connection-${c.id}`}
            >
              Test
            </button>
            {hooks?.oauthConsent
              ? button('Reconnect', 'reconnect', () => actions.reconnect(c))
              : button('Edit', 'edit-connection', () => actions.edit(c))}
            {hooks?.webConnector ? (
              <>
                {button('Download .qwc file', 'download-qwc', () => actions.downloadQwc(c))}
                {button(
                  c.secretsSet.includes(hooks.webConnector.passwordSecret)
                    ? 'Change Web Connector password'
                    : 'Set Web Connector password',
                  'set-qbd-password',
                  () => actions.setPassword(c),
                )}
              </>
            ) : null}
            {button('Delete', 'delete-connection', () => actions.remove(c))}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
