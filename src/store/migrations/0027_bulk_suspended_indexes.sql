-- Issue 13, bulk loads: the secondary indexes a load into a small database dropped, to build them once at its end
-- (store/bulk_indexes.h). A load that stops midway leaves its rows here, and the next Migrate builds them again.
-- Bookkeeping of the schema, like schema_migrations: no street_id (a Citus reference table, not sharded).
CREATE TABLE bulk_suspended_indexes (
  name TEXT PRIMARY KEY,
  table_name TEXT NOT NULL,
  definition TEXT NOT NULL,
  suspended_at BIGINT NOT NULL
);
