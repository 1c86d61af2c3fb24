-- Failed records as a work queue across runs (issue 16, Support): one row per flow, node and
-- source record key. A record that failed stays open until support fixes, retries or ignores it,
-- or it succeeds at that node on a later read; later runs and a watermark moving past it never
-- hide it (before, a run's failures were a property of that run: the two duplicate-name accounts
-- of a first run vanished from view after the next run and were never synced).
CREATE TABLE weft_failure_queue (
  id             bigserial UNIQUE,
  workspace_id   text NOT NULL,
  flow_id        text NOT NULL,
  node_id        text NOT NULL,
  record_key     text NOT NULL,
  -- open | retrying | fixed (a retry or later read got it through) | ignored
  state          text NOT NULL DEFAULT 'open',
  code           text NOT NULL,
  field          text,
  message        text NOT NULL,
  failure        jsonb NOT NULL,
  record         jsonb NOT NULL,
  first_run_id   uuid NOT NULL,
  last_run_id    uuid NOT NULL,
  failures       integer NOT NULL DEFAULT 1,
  first_failed_at timestamptz NOT NULL DEFAULT now(),
  last_failed_at timestamptz NOT NULL DEFAULT now(),
  closed_at      timestamptz,
  closed_by      text,
  note           text,
  PRIMARY KEY (flow_id, node_id, record_key)
);
-- The drawer pages open records of one node by id (keyset), filtered by state and code.
CREATE INDEX weft_failure_queue_node ON weft_failure_queue (flow_id, node_id, state, id);

-- Who changed what in a failed record before retrying it: the before and after of each field.
CREATE TABLE weft_failure_edits (
  id          bigserial PRIMARY KEY,
  queue_id    bigint NOT NULL REFERENCES weft_failure_queue(id) ON DELETE CASCADE,
  actor       text NOT NULL,
  before      jsonb NOT NULL,
  after       jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX weft_failure_edits_queue ON weft_failure_edits (queue_id, id);
