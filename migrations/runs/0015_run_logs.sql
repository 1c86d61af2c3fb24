-- Issue 16 (operators): each run's structured log, searchable and filtered by node
-- and level on the run history screen. Written in batches by the worker's run log
-- (engine/postgres/run-log.ts), capped per run; the last line says when it was capped.
CREATE TABLE weft_run_logs (
  run_id   uuid NOT NULL REFERENCES weft_runs(id) ON DELETE CASCADE,
  seq      integer NOT NULL,                -- line number within the run, from 1
  at       timestamptz NOT NULL,
  level    text NOT NULL,                   -- info | warn | error
  node_id  text,                            -- null = the run itself
  message  text NOT NULL,
  fields   jsonb,
  PRIMARY KEY (run_id, seq)
);
-- The history lists runs newest first by their start, paged by (started time, id).
CREATE INDEX weft_runs_history ON weft_runs (workspace_id, flow_id, (COALESCE(started_at, queued_at)) DESC, id DESC)
  WHERE parent_run_id IS NULL;
