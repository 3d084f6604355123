-- Issue 13: the dashboard at ten million appeals (bench/RESULTS.md, 2026-12-02). A year's report by department
-- still summed ~8,000 month rows of the channels-and-deputies sums (0026): a month holds ~680 of them but only ~80
-- distinct (street, lead unit, category), the rest being the regions below the street. Every period now also keeps
-- those sums summed over the regions of each street, in the group whose region is -1 (store/rollup_repository.h
-- kAllRegions), read by the reports neither grouped by channel or deputy nor filtered below a street. Written from
-- here on by the same folds as the rest.
INSERT INTO appeal_rollups (span, first_day, street_id, region_id, lead_unit_id, category_id, channel, deputy_id,
                            total, dispatched, contacted, responded_on_time, replied, closed, closed_on_time,
                            called_back, resolved, satisfied, reopened, open, open_day_sum, repeats, supervised,
                            manually_supervised, cause_buck_passing, cause_late_or_perfunctory, cause_deputy_relayed,
                            cause_not_solved, cause_other)
SELECT span, first_day, street_id, -1, lead_unit_id, category_id, '*', -1,
       SUM(total), SUM(dispatched), SUM(contacted), SUM(responded_on_time), SUM(replied), SUM(closed),
       SUM(closed_on_time), SUM(called_back), SUM(resolved), SUM(satisfied), SUM(reopened), SUM(open),
       SUM(open_day_sum), SUM(repeats), SUM(supervised), SUM(manually_supervised), SUM(cause_buck_passing),
       SUM(cause_late_or_perfunctory), SUM(cause_deputy_relayed), SUM(cause_not_solved), SUM(cause_other)
FROM appeal_rollups
WHERE deputy_id = -1 AND region_id <> -1
GROUP BY span, first_day, street_id, lead_unit_id, category_id;
-- Those rows found without walking the rest of their period's (~6,000 a month): a year's report by department at
-- 10M, 18 -> 5 ms a call.
CREATE INDEX appeal_rollups_streets ON appeal_rollups(span, first_day) WHERE region_id = -1;
