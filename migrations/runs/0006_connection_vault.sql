-- Issues 6 and 4: the connection vault. A `weft worker` on another machine shares
-- only PostgreSQL with the server, so it resolves connections here, not from the
-- server's SQLite design store. The server copies every connection in (create,
-- change, delete, and all of them at boot); workers keep QuickBooks' rotating
-- tokens here, one refresh at a time across every process (SELECT … FOR UPDATE).
-- Secrets are stored only as ciphertext, sealed exactly as in the design store
-- (AES-256-GCM, server/design/secrets.ts): workers need the same key.
CREATE TABLE weft_connection_vault (
  workspace_id   text NOT NULL,
  connection_id  text NOT NULL,
  kind           text NOT NULL,
  name           text NOT NULL,
  -- What a person may see (base URL, realm id, client id): as the design store keeps it.
  settings       jsonb NOT NULL DEFAULT '{}',
  -- Passwords, client secrets: sealed.
  secrets        text NOT NULL,
  -- Live token state {refreshToken, accessToken, accessTokenExpiresAt, refreshTokenExpiresAt}: sealed; null when the kind has none.
  tokens         text,
  -- +1 at every save of the token state (a reconnect, a refresh): tells a worker another one refreshed first.
  token_version  integer NOT NULL DEFAULT 0,
  -- Not secret, for the Connections screen's "reconnect before" warning.
  refresh_token_expires_at timestamptz,
  -- SHA-256 of the refresh tokens this row has held (newest last, a few dozen): a copy from the design
  -- store carrying one of them is older than the vault and must not overwrite its tokens.
  known_refresh  text[] NOT NULL DEFAULT '{}',
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, connection_id)
);
