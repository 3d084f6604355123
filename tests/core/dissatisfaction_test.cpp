#include "core/dissatisfaction.h"

#include <gtest/gtest.h>

namespace minsheng {
namespace {

using C = DissatisfactionCause;

struct CauseCase {
  const char* name;
  std::vector<std::string> names;
  bool dissatisfied;
  std::vector<C> causes;  // expected when `code` is empty
  std::string code;       // the error's code, on field "causes"
};

TEST(DissatisfactionTest, ParsesTheCodedCausesOfACallback) {
  const CauseCase cases[] = {
      {"two causes", {"buck_passing", "late_or_perfunctory"}, true, {C::kBuckPassing, C::kLateOrPerfunctory}, ""},
      {"every cause", {"buck_passing", "late_or_perfunctory", "deputy_relayed", "not_solved", "other"}, true,
       {C::kBuckPassing, C::kLateOrPerfunctory, C::kDeputyRelayed, C::kNotSolved, C::kOther}, ""},
      {"none given: the reason is the cause", {}, true, {C::kOther}, ""},
      {"satisfied: none", {}, false, {}, ""},
      {"satisfied with a cause", {"not_solved"}, false, {}, "invalid_value"},
      {"unknown", {"rude"}, true, {}, "invalid_value"},
      {"named twice", {"not_solved", "not_solved"}, true, {}, "invalid_value"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseCauses(c.names, c.dissatisfied);
    if (c.code.empty()) {
      ASSERT_TRUE(parsed.has_value()) << c.name;
      EXPECT_EQ(*parsed, c.causes) << c.name;
    } else {
      ASSERT_FALSE(parsed.has_value()) << c.name;
      EXPECT_EQ(parsed.error().code, c.code) << c.name;
      EXPECT_EQ(parsed.error().field, "causes") << c.name;
    }
  }
}

TEST(DissatisfactionTest, NamesAndLabels) {
  EXPECT_EQ(AllCauses().size(), 5u);
  EXPECT_EQ(CauseName(C::kDeputyRelayed), "deputy_relayed");
  EXPECT_EQ(CauseLabel(C::kBuckPassing), "推诿扯皮");
  EXPECT_EQ(CauseLabel(C::kLateOrPerfunctory), "答复不及时或敷衍");
}

}  // namespace
}  // namespace minsheng
