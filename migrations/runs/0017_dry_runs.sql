-- Issue 14: a dry run reads and decides like a real run but writes nothing to any
-- system; its counters say what it would have done. Marked on the run so history,
-- the canvas and the CLI never take it for a real run.
ALTER TABLE weft_runs ADD COLUMN dry_run boolean NOT NULL DEFAULT false;
