// The rules of following a case, as tables: contact methods, the in-person explanation the explain route
// waits for, and the 二传手 (relayed only) count at its edges.
#include "core/deputy_following.h"

#include <gtest/gtest.h>

#include <vector>

namespace minsheng {
namespace {

TEST(DeputyFollowing, ContactMethods) {
  struct Row {
    std::string_view method;
    bool known;
    std::string_view label;
  };
  const std::vector<Row> rows = {{"face_to_face", true, "当面"}, {"phone", true, "电话"},
                                 {"visit", true, "上门走访"},    {"email", false, "email"},
                                 {"", false, ""},                {"Phone", false, "Phone"}};
  for (const Row& r : rows) {
    EXPECT_EQ(IsDeputyContactMethod(r.method), r.known) << r.method;
    EXPECT_EQ(DeputyContactMethodLabel(r.method), r.label) << r.method;
  }
}

TEST(DeputyFollowing, ExplanationNeedsTheNamedDeputyInPersonAfterTheExplain) {
  constexpr std::int64_t kDeputy = 7;
  constexpr Timestamp kExplained = 1000;
  struct Row {
    const char* what;
    std::vector<DeputyContactFact> contacts;
    bool explained;
  };
  const std::vector<Row> rows = {
      {"nothing yet", {}, false},
      {"face to face after", {{kDeputy, "face_to_face", 1500}}, true},
      {"phone at the very instant", {{kDeputy, "phone", kExplained}}, true},
      {"phone one second before", {{kDeputy, "phone", kExplained - 1}}, false},
      {"a visit does not explain", {{kDeputy, "visit", 1500}}, false},
      {"another deputy's call", {{8, "phone", 1500}}, false},
      {"a visit, then a call", {{kDeputy, "visit", 1200}, {kDeputy, "phone", 1300}}, true},
      {"an old call and another deputy's", {{kDeputy, "phone", 10}, {9, "face_to_face", 2000}}, false},
  };
  for (const Row& r : rows) EXPECT_EQ(DeputyHasExplained(kDeputy, kExplained, r.contacts), r.explained) << r.what;
}

TEST(DeputyFollowing, RelayedOnlyAtItsEdges) {
  struct Row {
    const char* what;
    FollowedAppealFact appeal;
    bool relayed;
  };
  const std::vector<Row> rows = {
      {"no reply yet, no contact", {false, false, false}, false},
      {"no reply yet, a contact", {false, false, true}, false},
      {"replied, never contacted before it", {true, true, false}, true},
      {"replied, contacted before", {true, true, true}, false},
      {"open again after a reply, not contacted before it", {false, true, false}, true},
  };
  for (const Row& r : rows) EXPECT_EQ(RelayedOnly(r.appeal), r.relayed) << r.what;
}

TEST(DeputyFollowing, FiguresCountEachAppealOnce) {
  const std::vector<FollowedAppealFact> followed = {
      {true, true, true},    // closed, contacted before the reply
      {true, true, false},   // closed, relayed only
      {false, true, false},  // replied, contacted only after: relayed only
      {false, false, false}  // still open
  };
  const DeputyCaseFigures f = CountDeputyCaseFigures(followed, 5);
  EXPECT_EQ(f.followed, 4);
  EXPECT_EQ(f.followed_to_close, 2);
  EXPECT_EQ(f.relayed_only, 2);
  EXPECT_EQ(f.personal_contacts, 5);
  EXPECT_EQ(CountDeputyCaseFigures({}, 0).followed, 0);
}

}  // namespace
}  // namespace minsheng
