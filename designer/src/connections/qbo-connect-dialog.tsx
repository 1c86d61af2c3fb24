// "Connect QuickBooks Online" (issue 4): the admin names the connection, picks
// where the company lives and types the Intuit app's client id and secret
// (write-only: sent once, never shown again). Weft answers with Intuit's sign-in
// address and the browser goes there; Intuit sends it back to Weft, which saves
// the connection and returns to this screen.
import { useState, type ReactNode } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import { CancelAnd, Modal } from '../ui/modal';

type Env = 'sandbox-local' | 'sandbox' | 'production' | 'custom';

const ENV_LABELS: Record<Env, string> = {
  'sandbox-local': "Weft's built-in sandbox (demo company)",
  sandbox: 'Intuit sandbox company (developer account)',
  production: 'A real QuickBooks Online company',
  custom: 'Other addresses (advanced)',
};

export function QboConnectDialog({
  reconnect,
  onClose,
}: {
  reconnect?: { id: string; name: string };
  onClose: () => void;
}) {
  const [name, setName] = useState(reconnect?.name ?? '');
  const [env, setEnv] = useState<Env>('sandbox-local');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [urls, setUrls] = useState({ authorizeUrl: '', tokenUrl: '', apiBaseUrl: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const redirectUri = `${window.location.origin}/oauth/qbo/callback`;

  async function connect() {
    setBusy(true);
    setError(null);
    try {
      const { authorizeUrl } = await api.connections.startQboConnect.mutate({
        name,
        environment: env === 'custom' ? urls : env,
        ...(env === 'sandbox-local' ? {} : { clientId, clientSecret }),
        origin: window.location.origin,
        ...(reconnect ? { connectionId: reconnect.id } : {}),
      });
      setClientSecret('');
      window.location.assign(authorizeUrl);
    } catch (e) {
      setError(plainError(e, 'start the QuickBooks connect'));
      setBusy(false);
    }
  }

  const field = (id: string, label: string, input: ReactNode, help?: string) => (
    <div className="field" key={id}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {input}
      {help ? <p className="field-help">{help}</p> : null}
    </div>
  );
  return (
    <Modal
      title={reconnect ? `Reconnect ${reconnect.name}` : 'Connect QuickBooks Online'}
      onClose={onClose}
      testId="qbo-connect-dialog"
      footer={
        <CancelAnd
          onCancel={onClose}
          busy={busy}
          actions={[
            {
              label: 'Continue to QuickBooks',
              busyLabel: 'Opening QuickBooks…',
              onClick: () => void connect(),
              testId: 'qbo-connect-go',
              disabled: !name.trim(),
            },
          ]}
        />
      }
    >
      {field(
        'qbo-name',
        'Name',
        <input
          id="qbo-name"
          type="text"
          value={name}
          maxLength={120}
          onChange={(e) => setName(e.target.value)}
          data-testid="qbo-connect-name"
        />,
        'For example the company it connects to.',
      )}
      {field(
        'qbo-env',
        'Where the company is',
        <select id="qbo-env" value={env} onChange={(e) => setEnv(e.target.value as Env)} data-testid="qbo-connect-env">
          {(Object.keys(ENV_LABELS) as Env[]).map((k) => (
            <option key={k} value={k}>
              {ENV_LABELS[k]}
            </option>
          ))}
        </select>,
      )}
      {env === 'custom'
        ? (['authorizeUrl', 'tokenUrl', 'apiBaseUrl'] as const).map((k) =>
            field(
              `qbo-${k}`,
              { authorizeUrl: 'Sign-in (authorize) address', tokenUrl: 'Token address', apiBaseUrl: 'API address' }[k],
              <input
                id={`qbo-${k}`}
                type="text"
                value={urls[k]}
                onChange={(e) => setUrls({ ...urls, [k]: e.target.value })}
                placeholder="https://"
              />,
            ),
          )
        : null}
      {env === 'sandbox-local' ? (
        <p className="muted small">The built-in sandbox approves at once; no Intuit account is needed.</p>
      ) : (
        <>
          {field(
            'qbo-client-id',
            'Client id',
            <input
              id="qbo-client-id"
              type="text"
              autoComplete="off"
              value={clientId}
              onChange={(e) => setClientId(e.target.value)}
              data-testid="qbo-connect-client-id"
            />,
          )}
          {field(
            'qbo-client-secret',
            'Client secret',
            <input
              id="qbo-client-secret"
              type="password"
              autoComplete="new-password"
              value={clientSecret}
              onChange={(e) => setClientSecret(e.target.value)}
              data-testid="qbo-connect-client-secret"
            />,
            `Stored encrypted; never shown again. In your Intuit app, add this redirect URI: ${redirectUri}`,
          )}
        </>
      )}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </Modal>
  );
}
