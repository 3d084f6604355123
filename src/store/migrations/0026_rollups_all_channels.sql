-- Issue 13: the dashboard at ten million appeals. A month holds ~5,400 rollup groups, mostly because each street,
-- unit and category is split by channel (8) and deputy; a year's report by department summed ~65,000 rows (about
-- 0.15 s on SQLite). Every period now also keeps its counts summed over channels and deputies, in the group whose
-- channel is '*' and deputy -1 (store/rollup_repository.h kAllChannels, kAllDeputies): ~740 rows a month, read by
-- every report that is not grouped by channel or deputy. Written from here on by the same folds as the rest.
INSERT INTO appeal_rollups (span, first_day, street_id, region_id, lead_unit_id, category_id, channel, deputy_id,
                            total, dispatched, contacted, responded_on_time, replied, closed, closed_on_time,
                            called_back, resolved, satisfied, reopened, open, open_day_sum, repeats, supervised,
                            manually_supervised, cause_buck_passing, cause_late_or_perfunctory, cause_deputy_relayed,
                            cause_not_solved, cause_other)
SELECT span, first_day, street_id, region_id, lead_unit_id, category_id, '*', -1,
       SUM(total), SUM(dispatched), SUM(contacted), SUM(responded_on_time), SUM(replied), SUM(closed),
       SUM(closed_on_time), SUM(called_back), SUM(resolved), SUM(satisfied), SUM(reopened), SUM(open),
       SUM(open_day_sum), SUM(repeats), SUM(supervised), SUM(manually_supervised), SUM(cause_buck_passing),
       SUM(cause_late_or_perfunctory), SUM(cause_deputy_relayed), SUM(cause_not_solved), SUM(cause_other)
FROM appeal_rollups
WHERE deputy_id <> -1
GROUP BY span, first_day, street_id, region_id, lead_unit_id, category_id;
