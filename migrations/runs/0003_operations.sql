-- Issue 6: crash recovery, operator stop, utility flows, echo suppression.
-- A run is leased by the worker executing it: it refreshes heartbeat_at; a run
-- whose heartbeat is stale belongs to a dead worker and is taken over.
ALTER TABLE weft_runs ADD COLUMN heartbeat_at   timestamptz;
-- Operator's "stop run", seen by whichever process runs it (polled with the heartbeat).
ALTER TABLE weft_runs ADD COLUMN stop_requested boolean NOT NULL DEFAULT false;
ALTER TABLE weft_runs ADD COLUMN resumes        integer NOT NULL DEFAULT 0;
-- The company files / sites the run touches (seed §5: multiple company files).
ALTER TABLE weft_runs ADD COLUMN connections    text[] NOT NULL DEFAULT '{}';
-- Utility runs (seed §6.1): kind, date range, batch size, slices; a slice points at its utility run.
ALTER TABLE weft_runs ADD COLUMN options        jsonb;
ALTER TABLE weft_runs ADD COLUMN parent_run_id  uuid REFERENCES weft_runs(id) ON DELETE CASCADE;
CREATE INDEX weft_runs_active ON weft_runs (status) WHERE status IN ('queued', 'running');
CREATE INDEX weft_runs_parent ON weft_runs (parent_run_id) WHERE parent_run_id IS NOT NULL;

-- Why a schedule stopped by itself (stop policy), and which utility run paused it.
ALTER TABLE weft_schedules ADD COLUMN stop_reason text;
ALTER TABLE weft_schedules ADD COLUMN paused_by   uuid;

-- What Weft itself wrote, so the reverse flow of a bi-directional pair skips it.
CREATE TABLE weft_echoes (
  connection  text NOT NULL,
  entity      text NOT NULL,
  key         text NOT NULL,
  fields      text[] NOT NULL,
  digest      text NOT NULL,
  written_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (connection, entity, key)
);
