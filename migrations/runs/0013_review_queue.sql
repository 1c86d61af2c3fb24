-- Issue 14: the review queue. A binding that finds several look-alike candidates, or a
-- name whose phone or address differs, parks the record here (outcome 'review') instead
-- of failing it or guessing. Support picks a candidate, "create new" or "skip"; the
-- choice is kept (a pick also as a cross-reference) and the record is replayed through
-- the rest of its flow by a review run.
CREATE TABLE weft_review (
  id                 bigserial PRIMARY KEY,
  workspace_id       text NOT NULL,
  flow_id            text NOT NULL,
  run_id             uuid NOT NULL,
  node_id            text NOT NULL,
  record_key         text NOT NULL,
  -- the binding's cross-reference group: where a pick is bound, where "create new"/"skip" are read
  target_connection  text NOT NULL,
  target_entity      text NOT NULL,
  source_connection  text NOT NULL,
  source_entity      text NOT NULL,
  request            jsonb NOT NULL,        -- message, record facts, candidates
  record             jsonb NOT NULL,        -- the record as it reached the binding node
  status             text NOT NULL DEFAULT 'open',  -- open | picked | create-new | skip
  chosen_id          text,
  decided_by         text,
  decided_at         timestamptz,
  replay_run_id      uuid,                  -- the review run that took the record on
  parked_at          timestamptz NOT NULL DEFAULT now()
);
-- One open case per record and binding: a record parked again by a later run replaces its case.
CREATE UNIQUE INDEX weft_review_open ON weft_review (flow_id, node_id, record_key) WHERE status = 'open';
CREATE INDEX weft_review_list ON weft_review (workspace_id, status, id);
-- The binding reads decisions by its cross-reference group and source key.
CREATE INDEX weft_review_decided ON weft_review
  (target_connection, target_entity, source_connection, source_entity, record_key) WHERE status <> 'open';

ALTER TABLE weft_run_nodes ADD COLUMN review bigint NOT NULL DEFAULT 0;
