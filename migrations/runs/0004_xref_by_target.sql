-- Reverse lookups (which source record is bound to this target record?) used by
-- core.reference-lookup when a link was made by the flow in the other direction,
-- e.g. a QuickBooks Desktop invoice's customer → the Creatio account bound to it.
-- Without this index each lookup scans every binding of the workspace.
CREATE INDEX IF NOT EXISTS weft_xref_by_target ON weft_xref (target_connection, target_entity, target_id);
