-- Issue 6: a first bulk load fills weft_xref from nothing. Until PostgreSQL has
-- statistics for it, the planner cannot tell its two indexes apart and answers
-- the cross-reference lookups by reading every binding of the company (measured:
-- 14–23 ms per page at 80k bindings instead of well under 1 ms). The engine
-- refreshes them itself while it binds (engine/postgres/xref-store.ts); this keeps
-- autovacuum's own refresh frequent as well (at 2% changed rows instead of 10%).
ALTER TABLE weft_xref SET (autovacuum_analyze_scale_factor = 0.02, autovacuum_analyze_threshold = 1000);
