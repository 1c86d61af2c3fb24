-- Issue 4: QuickBooks Online's limits (500 requests/min, 10 at once, 120 batch
-- calls/min) are per company, whatever number of Weft workers write to it. Each
-- worker process that is sending to a company keeps a row here (seen_at every few
-- seconds); its governor then takes 1/N of each limit, N = the live rows for that
-- company. A killed worker's row goes stale and stops counting.
CREATE TABLE weft_governor_members (
  company_key text NOT NULL,
  member_id   text NOT NULL,
  seen_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (company_key, member_id)
);
