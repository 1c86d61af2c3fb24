-- Issue 6: the cross-reference with narrow keys. Every binding repeated the target
-- company, target object, source connection and source object as text in its key
-- and in its by-target index, compared under the database's collation: a first load
-- spent ~25 µs of PostgreSQL per binding written and most of PostgreSQL's share of
-- the bench's CPU. The four now live once in weft_xref_pairs; a binding keeps the
-- pair's number and its two ids, compared byte for byte (COLLATE "C": they are
-- identifiers, never sorted for a person).
-- No foreign key on purpose: it would be one more check per binding written; the
-- rows of a pair are only ever deleted with it (server/boot.ts, sandbox resets).
CREATE TABLE weft_xref_pairs (
  id                 serial PRIMARY KEY,
  target_connection  text NOT NULL,
  target_entity      text NOT NULL,
  source_connection  text NOT NULL,
  source_entity      text NOT NULL,
  UNIQUE (target_connection, target_entity, source_connection, source_entity)
);

INSERT INTO weft_xref_pairs (target_connection, target_entity, source_connection, source_entity)
  SELECT DISTINCT target_connection, target_entity, source_connection, source_entity FROM weft_xref;

CREATE TABLE weft_xref_narrow (
  pair        integer NOT NULL,
  source_key  text COLLATE "C" NOT NULL,
  target_id   text COLLATE "C" NOT NULL,
  version     text,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT weft_xref_narrow_pkey PRIMARY KEY (pair, source_key)
);

INSERT INTO weft_xref_narrow (pair, source_key, target_id, version, updated_at)
  SELECT p.id, x.source_key, x.target_id, x.version, x.updated_at
    FROM weft_xref x JOIN weft_xref_pairs p USING (target_connection, target_entity, source_connection, source_entity);

DROP TABLE weft_xref;
ALTER TABLE weft_xref_narrow RENAME TO weft_xref;
ALTER TABLE weft_xref RENAME CONSTRAINT weft_xref_narrow_pkey TO weft_xref_pkey;
-- Reverse lookups (which source record is bound to this target record?), as 0004.
CREATE INDEX weft_xref_by_target ON weft_xref (pair, target_id);
-- As 0008: statistics refreshed often while a first load fills the table.
ALTER TABLE weft_xref SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000);
ANALYZE weft_xref;
