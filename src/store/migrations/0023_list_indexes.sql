-- Issue 13, lists at 10,000,000 appeals: every filter of GET /appeals answers a page by walking one index in
-- the list's order (newest first: created_at then id; id is named so that PostgreSQL needs no sort, and so that
-- region_id can follow it in appeals_street_created) and stops after page_size rows, and counts at most
-- --list-count-cap + 1 entries of the same index (store/appeal_repository.cpp, ListAppeals). Chosen from
-- EXPLAIN QUERY PLAN on a 10M SQLite database and EXPLAIN ANALYZE on a 1M PostgreSQL one (bench/lists_bigdb.sh,
-- bench/list_bench.cpp); each is one more B-tree that every intake writes, so there are as few as serve:
--
-- | filter or scope                          | index                                                        |
-- |------------------------------------------|--------------------------------------------------------------|
-- | none (district-wide staff), from/to      | appeals_created (0001)                                       |
-- | status                                   | appeals_status_created                                       |
-- | category_id                              | appeals_category_created                                     |
-- | channel                                  | appeals_channel_created                                      |
-- | lead_unit_id                             | appeals_lead_unit (0001)                                     |
-- | region_id, a coordinator's region scope  | appeals_street_created: a street is its street_id; a community or grid the street, the region read from the index |
-- | department_id, a handler's unit scope    | appeals_created walked, each probed in dispatches_unit (0001) |
-- | deputy_id; a deputy's scope              | appeals_deputy (0009) and appeals_created_by (the OR of a deputy's scope; first_asked=me) |
-- | overdue; sort=due (its due part)         | appeals_current_due (0022, partial: only appeals with a deadline); the rest of sort=due walks appeals_created oldest first |
--
-- Several filters together use the most selective of these and test the others on the rows it gives.
CREATE INDEX appeals_status_created ON appeals (status, created_at, id);
CREATE INDEX appeals_category_created ON appeals (category_id, created_at, id);
CREATE INDEX appeals_channel_created ON appeals (channel, created_at, id);
CREATE INDEX appeals_street_created ON appeals (street_id, created_at, id, region_id);
CREATE INDEX appeals_created_by ON appeals (created_by, created_at, id);
