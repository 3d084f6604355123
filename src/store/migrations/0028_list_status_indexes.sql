-- Issue 13, lists at 10,000,000 appeals (bench/RESULTS.md, 2026-12-02): two lists still read thousands of rows a page.
-- * A status with a category: each has its index (0023) and neither is narrow (a category's closed appeals are
--   most of the category), so the page walked one and tested the other on each appeal: 380-450 ms at 10M.
--   Both equalities, then the list's order: 3-4 ms.
-- * sort=due with a status: the due part walks the open appeals by deadline (appeals_current_due) and tests each
--   one's status, which it read from the table (71-91 ms at 10M); with the status in the index it is tested there
--   (6-15 ms). The index is partial (appeals with a deadline: the open ones), so it is small to build again.
-- A bulk load that stopped midway may have dropped appeals_current_due: its old definition is forgotten here, so
-- that the next Migrate does not build it again beside this one.
CREATE INDEX appeals_status_category_created ON appeals (status, category_id, created_at, id);
DELETE FROM bulk_suspended_indexes WHERE name = 'appeals_current_due';
DROP INDEX IF EXISTS appeals_current_due;
CREATE INDEX appeals_current_due ON appeals(current_due, created_at, street_id, region_id, lead_unit_id, category_id,
                                            channel, deputy_id, status) WHERE current_due IS NOT NULL;
