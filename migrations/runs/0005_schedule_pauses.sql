-- Issues 5 and 6: a schedule may be paused by a utility run (its run id) or by a
-- QuickBooks Desktop company file QuickBooks cannot answer for (`company-file:<connection>`),
-- with the reason operators read. The connections a scheduled flow touches are kept
-- with it, so a paused company file finds its flows without the node registry.
ALTER TABLE weft_schedules ALTER COLUMN paused_by TYPE text;
ALTER TABLE weft_schedules ADD COLUMN pause_reason text;
ALTER TABLE weft_schedules ADD COLUMN connections text[] NOT NULL DEFAULT '{}';
-- Schedules started before this migration: their connections, read from the flow
-- they run (every node names its connection in `config.connection`, the one field
-- with the designer's connection widget), so a paused company file pauses them too
-- without waiting for the flow to be started again.
UPDATE weft_schedules s SET connections = ARRAY(
  SELECT DISTINCT n->'config'->>'connection' FROM jsonb_array_elements(s.document->'nodes') n
   WHERE n->'config'->>'connection' IS NOT NULL ORDER BY 1)
 WHERE s.connections = '{}';
