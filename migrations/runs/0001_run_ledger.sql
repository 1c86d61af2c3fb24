-- The run ledger: runs, per-node counters, failed records, bound records,
-- watermarks (the seed's "Query Starts") and schedules. pg-boss keeps its own schema.
CREATE TABLE weft_runs (
  id            uuid PRIMARY KEY,
  workspace_id  text NOT NULL,
  flow_id       text NOT NULL,
  flow_version  integer,               -- null = the saved draft at the time of the run
  document      jsonb NOT NULL,        -- exactly what ran: a job carries the flow it runs
  trigger       text NOT NULL,
  status        text NOT NULL,
  error         text,
  queued_at     timestamptz NOT NULL DEFAULT now(),
  started_at    timestamptz,
  finished_at   timestamptz,
  worker        text
);
CREATE INDEX weft_runs_flow ON weft_runs (flow_id, queued_at DESC);

CREATE TABLE weft_run_nodes (
  run_id     uuid NOT NULL REFERENCES weft_runs(id) ON DELETE CASCADE,
  node_id    text NOT NULL,
  position   integer NOT NULL,          -- plan order
  type       text NOT NULL,
  state      text NOT NULL DEFAULT 'idle',
  status     text,
  watermark  text,
  in_count   bigint NOT NULL DEFAULT 0,
  out_count  bigint NOT NULL DEFAULT 0,
  passed     bigint NOT NULL DEFAULT 0,
  filtered   bigint NOT NULL DEFAULT 0,
  created    bigint NOT NULL DEFAULT 0,
  updated    bigint NOT NULL DEFAULT 0,
  skipped    bigint NOT NULL DEFAULT 0,
  failed     bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (run_id, node_id)
);

CREATE TABLE weft_failures (
  id          bigserial PRIMARY KEY,
  run_id      uuid NOT NULL REFERENCES weft_runs(id) ON DELETE CASCADE,
  node_id     text NOT NULL,
  record_key  text NOT NULL,
  code        text NOT NULL,
  message     text NOT NULL,
  failure     jsonb NOT NULL,
  record      jsonb NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX weft_failures_run ON weft_failures (run_id, node_id, id);

-- Creatio Id <-> QuickBooks Id, per target company (connection) and entity.
CREATE TABLE weft_xref (
  target_connection  text NOT NULL,
  target_entity      text NOT NULL,
  source_connection  text NOT NULL,
  source_entity      text NOT NULL,
  source_key         text NOT NULL,
  target_id          text NOT NULL,
  version            text,
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (target_connection, target_entity, source_connection, source_entity, source_key)
);

CREATE TABLE weft_watermarks (
  flow_id     text NOT NULL,
  node_id     text NOT NULL,
  value       text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (flow_id, node_id)
);

-- A flow's schedule, kept beside the queue so a tick and its run commit together.
CREATE TABLE weft_schedules (
  flow_id       text PRIMARY KEY,
  workspace_id  text NOT NULL,
  flow_version  integer NOT NULL,
  document      jsonb NOT NULL,
  enabled       boolean NOT NULL,
  next_due_at   timestamptz,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
