-- Seed §6 single-user mode: an operator stops every scheduled flow of a company file
-- before QuickBooks is put in single-user mode, then starts the same flows again.
-- A hold remembers which flows it stopped, so "start them again" starts those only.
CREATE TABLE weft_company_holds (
  workspace_id   text NOT NULL,
  connection_id  text NOT NULL,
  flow_ids       text[] NOT NULL,
  held_by        text NOT NULL,
  held_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workspace_id, connection_id)
);
