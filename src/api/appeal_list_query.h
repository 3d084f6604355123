// The query of GET /api/v1/appeals read into a store::AppealFilter: one function, so that every
// parameter's parsing and refusals are tested as a table (tests/api/appeal_list_query_test.cpp).
#pragma once

#include "api/http_types.h"
#include "app/actor.h"
#include "core/clock.h"
#include "core/error.h"
#include "store/appeal_repository.h"

namespace minsheng::api {

// status, department_id, region_id, category_id, channel, overdue (true|1: past the reply deadline at
// `now`), from/to (dates), q, sort (newest|due), with (last_reply), page/page_size, and deputy_id (`me`:
// the caller; or a user id); issue 12: awaiting, first_asked, repeat, and for the dashboard's drill-down
// lead_unit_id, cause (core/dissatisfaction.h) and satisfaction (the latest callback's). Any bad value → kInvalid naming its parameter. The caller's scope is added
// by the use case, not here. Issue 13: cursor (a page's next_cursor, for the same sort) → filter.after.
Result<store::AppealFilter> ParseAppealListQuery(const Request& req, const app::Actor& actor, Timestamp now);

// Issue 13, keyset pages: the opaque `next_cursor` of a page for `order` ("n.<created_at>.<id>" newest first,
// "d.<due or ->.<created_at>.<id>" by deadline; clients pass it back unread), and its reading: nullopt when
// `text` is not a cursor of that order.
std::string EncodeAppealCursor(const store::AppealCursor& cursor, store::AppealFilter::Order order);
std::optional<store::AppealCursor> DecodeAppealCursor(std::string_view text, store::AppealFilter::Order order);

}  // namespace minsheng::api
