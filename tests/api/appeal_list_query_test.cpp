// GET /api/v1/appeals: every query parameter read into the filter, and every refusal naming its parameter,
// as one table.
#include "api/appeal_list_query.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "api/router.h"

namespace minsheng::api {
namespace {

constexpr Timestamp kNow = 1794967200;  // 2026-11-18T10:00:00+08:00
constexpr Timestamp kDay = 86400;

Request RequestFor(const std::string& query) {
  Request req;
  req.method = "GET";
  req.target = "/api/v1/appeals" + (query.empty() ? "" : "?" + query);
  ParseTarget(req.target, req.path, req.query);
  return req;
}

app::Actor Deputy() {
  app::Actor a;
  a.user_id = 42;
  a.role = Role::kDeputy;
  return a;
}

using Check = std::function<void(const store::AppealFilter&)>;

TEST(AppealListQuery, ReadsEveryParameter) {
  struct Row {
    std::string query;
    Check check;
  };
  const std::vector<Row> rows = {
      {"", [](const auto& f) {
         EXPECT_EQ(f.page, 1);
         EXPECT_EQ(f.page_size, 20);
         EXPECT_FALSE(f.status);
         EXPECT_FALSE(f.deputy_id);
         EXPECT_FALSE(f.overdue_at);
         EXPECT_EQ(f.order, store::AppealFilter::Order::kNewest);
         EXPECT_FALSE(f.with_last_reply);
       }},
      {"page=3&page_size=50", [](const auto& f) { EXPECT_EQ(f.page, 3); EXPECT_EQ(f.page_size, 50); }},
      {"status=in_progress", [](const auto& f) { EXPECT_EQ(f.status, "in_progress"); }},
      {"status=", [](const auto& f) { EXPECT_FALSE(f.status); }},
      {"department_id=4&region_id=9&category_id=2", [](const auto& f) {
         EXPECT_EQ(f.department_id, 4);
         EXPECT_EQ(f.region_id, 9);
         EXPECT_EQ(f.category_id, 2);
       }},
      {"department_id=0", [](const auto& f) { EXPECT_FALSE(f.department_id); }},
      {"channel=phone", [](const auto& f) { EXPECT_EQ(f.channel, "phone"); }},
      {"overdue=true", [](const auto& f) { EXPECT_EQ(f.overdue_at, kNow); }},
      {"overdue=1", [](const auto& f) { EXPECT_EQ(f.overdue_at, kNow); }},
      {"overdue=false", [](const auto& f) { EXPECT_FALSE(f.overdue_at); }},
      {"from=2026-11-01&to=2026-11-02", [](const auto& f) {
         ASSERT_TRUE(f.from && f.to);
         EXPECT_EQ(*f.to - *f.from, 2 * kDay);  // `to` is inclusive
       }},
      {"q=%E8%B7%AF%E7%81%AF", [](const auto& f) {
         EXPECT_EQ(f.query, "路灯");
         EXPECT_FALSE(f.query_code);
         EXPECT_FALSE(f.query_id);
       }},
      // A receipt code (any case, spaces around) or an id may be meant exactly, beside the substring.
      {"q=+abcd2345wxyz+", [](const auto& f) {
         EXPECT_EQ(f.query, "abcd2345wxyz");
         EXPECT_EQ(f.query_code, "ABCD2345WXYZ");
         EXPECT_FALSE(f.query_id);
       }},
      {"q=ABCD2345WXY0", [](const auto& f) { EXPECT_FALSE(f.query_code); }},  // 0 is not in the alphabet
      {"q=ABCD2345WXY", [](const auto& f) { EXPECT_FALSE(f.query_code); }},   // 11 characters
      {"q=1024", [](const auto& f) {
         EXPECT_EQ(f.query, "1024");
         EXPECT_EQ(f.query_id, 1024);
         EXPECT_FALSE(f.query_code);
       }},
      {"q=1234567890123456", [](const auto& f) { EXPECT_FALSE(f.query_id); }},
      {"q=%20%20", [](const auto& f) { EXPECT_FALSE(f.query); }},
      {"sort=due", [](const auto& f) { EXPECT_EQ(f.order, store::AppealFilter::Order::kDue); }},
      {"sort=newest", [](const auto& f) { EXPECT_EQ(f.order, store::AppealFilter::Order::kNewest); }},
      {"with=last_reply", [](const auto& f) { EXPECT_TRUE(f.with_last_reply); }},
      {"deputy_id=me", [](const auto& f) { EXPECT_EQ(f.deputy_id, 42); }},
      {"deputy_id=17", [](const auto& f) { EXPECT_EQ(f.deputy_id, 17); }},
      {"deputy_id=", [](const auto& f) { EXPECT_FALSE(f.deputy_id); }},
      // Issue 12: the dashboard's drill-down.
      {"lead_unit_id=7", [](const auto& f) {
         EXPECT_EQ(f.lead_unit_id, 7);
         EXPECT_FALSE(f.department_id);
       }},
      {"cause=buck_passing", [](const auto& f) { EXPECT_EQ(f.cause, "buck_passing"); }},
      {"cause=", [](const auto& f) { EXPECT_FALSE(f.cause); }},
      {"satisfaction=dissatisfied", [](const auto& f) { EXPECT_EQ(f.satisfaction, "dissatisfied"); }},
      {"satisfaction=basically_satisfied", [](const auto& f) { EXPECT_EQ(f.satisfaction, "basically_satisfied"); }},
      {"supervised=auto", [](const auto& f) { EXPECT_EQ(f.supervised, "auto"); }},
      {"supervised=manual", [](const auto& f) { EXPECT_EQ(f.supervised, "manual"); }},
      {"supervised=", [](const auto& f) { EXPECT_FALSE(f.supervised); }},
      {"repeat=true", [](const auto& f) { EXPECT_TRUE(f.repeats_only); }},
      {"repeat=false", [](const auto& f) { EXPECT_FALSE(f.repeats_only); }},
      {"first_asked=me", [](const auto& f) { EXPECT_EQ(f.created_by, 42); }},
      {"awaiting=review", [](const auto& f) { EXPECT_EQ(f.awaiting, "review"); }},
      // Issue 13: keyset pages, after the previous page's next_cursor.
      {"", [](const auto& f) { EXPECT_FALSE(f.after); }},
      {"cursor=", [](const auto& f) { EXPECT_FALSE(f.after); }},
      {"cursor=n.1794967200.123", [](const auto& f) {
         EXPECT_EQ(f.after, (store::AppealCursor{.due = std::nullopt, .created_at = 1794967200, .id = 123}));
       }},
      {"cursor=n.1794967200.123&page=7", [](const auto& f) { EXPECT_EQ(f.after->id, 123); }},  // page unused
      {"sort=due&cursor=d.1795000000.1794967200.9", [](const auto& f) {
         EXPECT_EQ(f.after, (store::AppealCursor{.due = 1795000000, .created_at = 1794967200, .id = 9}));
       }},
      {"sort=due&cursor=d.-.1794967200.9", [](const auto& f) {
         EXPECT_EQ(f.after, (store::AppealCursor{.due = std::nullopt, .created_at = 1794967200, .id = 9}));
       }},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.query);
    auto f = ParseAppealListQuery(RequestFor(r.query), Deputy(), kNow);
    ASSERT_TRUE(f.has_value()) << f.error().message;
    r.check(*f);
  }
}

TEST(AppealListQuery, RefusesBadValuesNamingTheParameter) {
  struct Row {
    std::string query;
    std::string field;
  };
  const std::vector<Row> rows = {
      {"status=lost", "status"},
      {"channel=pigeon", "channel"},
      {"sort=oldest", "sort"},
      {"with=everything", "with"},
      {"deputy_id=you", "deputy_id"},
      {"deputy_id=-3", "deputy_id"},
      {"department_id=x", "department_id"},
      {"page_size=101", "page_size"},
      {"page=0", "page"},
      {"from=2026-13-01", "from"},
      {"to=2026-11-31", "to"},
      // Issue 12.
      {"lead_unit_id=x", "lead_unit_id"},
      {"lead_unit_id=-1", "lead_unit_id"},
      {"cause=rudeness", "cause"},
      {"satisfaction=happy", "satisfaction"},
      {"supervised=yes", "supervised"},
      {"repeat=maybe", "repeat"},
      {"first_asked=you", "first_asked"},
      {"awaiting=money", "awaiting"},
      // Issue 13: a cursor must be one this server gave out, for the same sort.
      {"cursor=xyz", "cursor"},
      {"cursor=n.1794967200", "cursor"},
      {"cursor=n.1794967200.0", "cursor"},
      {"cursor=n.1794967200.12x", "cursor"},
      {"cursor=n.17949a7200.12", "cursor"},
      {"cursor=n.1794967200.12.5", "cursor"},
      {"cursor=d.-.1794967200.9", "cursor"},                   // a due cursor for the newest-first order
      {"sort=due&cursor=n.1794967200.9", "cursor"},            // and the other way round
      {"sort=due&cursor=d.soon.1794967200.9", "cursor"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.query);
    auto f = ParseAppealListQuery(RequestFor(r.query), Deputy(), kNow);
    ASSERT_FALSE(f.has_value());
    EXPECT_EQ(f.error().kind, ErrorKind::kInvalid);
    EXPECT_EQ(f.error().field, r.field);
    EXPECT_FALSE(f.error().code.empty());
    EXPECT_FALSE(f.error().message.empty());
  }
}

// Issue 13: every cursor a page gives out reads back as the same key, for its own order only.
TEST(AppealListQuery, CursorsReadBackAsTheyWereWritten) {
  using Order = store::AppealFilter::Order;
  struct Row {
    store::AppealCursor cursor;
    Order order;
    std::string text;
  };
  const std::vector<Row> rows = {
      {{.due = std::nullopt, .created_at = 1794967200, .id = 1}, Order::kNewest, "n.1794967200.1"},
      {{.due = 1795000000, .created_at = 1794967200, .id = 42}, Order::kDue, "d.1795000000.1794967200.42"},
      {{.due = std::nullopt, .created_at = 0, .id = 9007199254740993}, Order::kDue, "d.-.0.9007199254740993"},
  };
  for (const Row& r : rows) {
    SCOPED_TRACE(r.text);
    EXPECT_EQ(EncodeAppealCursor(r.cursor, r.order), r.text);
    EXPECT_EQ(DecodeAppealCursor(r.text, r.order), r.cursor);
    EXPECT_FALSE(DecodeAppealCursor(r.text, r.order == Order::kDue ? Order::kNewest : Order::kDue));
  }
}

}  // namespace
}  // namespace minsheng::api
