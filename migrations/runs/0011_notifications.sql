-- E-mail notifications (issue 16; seed §5.4 "Email Notification Mode"): who gets mail
-- per workspace, the mail waiting to be sent (retried, never blocking a run), and how
-- far the notifier has looked at finished runs.
CREATE TABLE weft_notify_settings (
  workspace_id     text PRIMARY KEY,
  use_admin_email  boolean NOT NULL DEFAULT true,   -- seed: "Use Admin e-mail for Notification"
  to_addresses     text[] NOT NULL DEFAULT '{}',
  cc               text[] NOT NULL DEFAULT '{}',
  bcc              text[] NOT NULL DEFAULT '{}',
  hosting          text[] NOT NULL DEFAULT '{}',    -- seed: "Hosting Provider Email Notification Addresses"
  daily_at         text NOT NULL DEFAULT '07:00',   -- local time of the daily report
  time_zone        text NOT NULL DEFAULT 'UTC',
  last_daily_for   date,                            -- the local day the last daily report covered
  updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE weft_mail_outbox (
  id               bigserial PRIMARY KEY,
  workspace_id     text NOT NULL,
  kind             text NOT NULL,                   -- run-alert | daily-report
  dedupe_key       text UNIQUE,                     -- a run's alert, a day's report: queued once
  recipients       jsonb NOT NULL,                  -- {"to":[],"cc":[],"bcc":[]}
  subject          text NOT NULL,
  html             text NOT NULL,
  body_text        text NOT NULL,
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz,
  given_up_at      timestamptz,
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX weft_mail_outbox_due ON weft_mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND given_up_at IS NULL;
CREATE INDEX weft_mail_outbox_ws ON weft_mail_outbox (workspace_id, id DESC);

CREATE TABLE weft_notify_cursor (
  id              integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  finished_after  timestamptz NOT NULL
);

CREATE INDEX weft_runs_finished ON weft_runs (finished_at) WHERE finished_at IS NOT NULL AND parent_run_id IS NULL;
