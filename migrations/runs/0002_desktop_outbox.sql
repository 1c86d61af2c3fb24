-- QuickBooks Desktop (issue 5): the durable per-company-file outbox that the
-- QuickBooks Web Connector empties when it polls Weft, its sessions, and the
-- company file's pause flag (a modal dialog, single-user mode…).
CREATE TABLE weft_desktop_requests (
  id             bigserial PRIMARY KEY,           -- also the qbXML requestID while it is carried
  connection_id  text NOT NULL,
  request_key    text NOT NULL,                   -- idempotency: one row per key, answered once
  request        jsonb NOT NULL,                  -- the request as JSON, built into qbXML per session version
  state          text NOT NULL DEFAULT 'pending', -- pending | sent | done | failed | cancelled
  solo           boolean NOT NULL DEFAULT false,  -- sent alone after its set hit a parse error (0x80040400)
  ticket         text,                            -- session that carries it now
  attempts       integer NOT NULL DEFAULT 0,
  response       jsonb,
  hresult        text,
  message        text,
  created_at     timestamptz NOT NULL DEFAULT now(),
  sent_at        timestamptz,
  done_at        timestamptz,
  UNIQUE (connection_id, request_key)
);
CREATE INDEX weft_desktop_requests_pending ON weft_desktop_requests (connection_id, id) WHERE state = 'pending';
CREATE INDEX weft_desktop_requests_ticket ON weft_desktop_requests (ticket) WHERE state = 'sent';

CREATE TABLE weft_desktop_sessions (
  ticket         text PRIMARY KEY,
  connection_id  text NOT NULL,
  company_file   text,
  qbxml_version  text,
  country        text,
  host           jsonb,
  answered       integer NOT NULL DEFAULT 0,
  last_error     text,
  noop           boolean NOT NULL DEFAULT false,
  started_at     timestamptz NOT NULL DEFAULT now(),
  last_seen_at   timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz
);
CREATE INDEX weft_desktop_sessions_open ON weft_desktop_sessions (connection_id) WHERE closed_at IS NULL;

CREATE TABLE weft_desktop_files (
  connection_id    text PRIMARY KEY,
  paused_reason    text,                 -- plain words for the operator; null = not paused
  paused_hresult   text,
  paused_at        timestamptz,
  last_session_at  timestamptz,
  qbxml_version    text,
  country          text,
  product          text
);
