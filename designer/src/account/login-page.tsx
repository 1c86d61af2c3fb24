// The sign-in page. The server answers in plain words (wrong password, locked
// account, too many attempts); the session itself lands in an httpOnly cookie.
import { useState, type FormEvent } from 'react';
import { api } from '../api/trpc-client';
import { plainError } from '../lib/plain-error';
import type { Me } from '../api/api-types';
import './account.css';

export function LoginPage({ notice, onSignedIn }: { notice: string | null; onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.auth.login.mutate({ email, password });
      if (me) onSignedIn(me);
      else setError('You are signed in, but not a member of any workspace. Ask an admin to add you.');
    } catch (err) {
      setError(plainError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="login">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-heading" data-testid="login-form">
        <p className="brand">Weft</p>
        <h1 id="login-heading">Sign in</h1>
        {notice && (
          <p className="login-notice" role="status" data-testid="login-notice">
            {notice}
          </p>
        )}
        <label className="field-label" htmlFor="login-email">
          Email
        </label>
        <input
          id="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          data-testid="login-email"
        />
        <label className="field-label" htmlFor="login-password">
          Password
        </label>
        <input
          id="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="login-password"
        />
        {error && (
          <p className="error-text" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy} data-testid="login-submit">
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted small">
          On the first start, Weft printed the first admin's email and password in its console.
        </p>
      </form>
    </main>
  );
}
