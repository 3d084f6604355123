#include "core/dissatisfaction.h"

#include <algorithm>
#include <array>

#include "core/named_values.h"

namespace minsheng {
namespace {

constexpr std::array kCauses = {
    Named<DissatisfactionCause>{DissatisfactionCause::kBuckPassing, "buck_passing", "推诿扯皮"},
    Named<DissatisfactionCause>{DissatisfactionCause::kLateOrPerfunctory, "late_or_perfunctory", "答复不及时或敷衍"},
    Named<DissatisfactionCause>{DissatisfactionCause::kDeputyRelayed, "deputy_relayed", "代表只当二传手"},
    Named<DissatisfactionCause>{DissatisfactionCause::kNotSolved, "not_solved", "问题未解决"},
    Named<DissatisfactionCause>{DissatisfactionCause::kOther, "other", "其他"},
};

static_assert(kCauses.size() == kCauseCount);

}  // namespace

std::string_view CauseName(DissatisfactionCause cause) { return NameOf(kCauses, cause); }
std::string_view CauseLabel(DissatisfactionCause cause) { return LabelOf(kCauses, cause); }

std::string_view CauseLabelOf(std::string_view name) { return LabelOfName(kCauses, name); }

Result<DissatisfactionCause> ParseCause(std::string_view name, std::string_view field) {
  return ParseNamed(kCauses, name, "不满意原因", field);
}

std::vector<DissatisfactionCause> AllCauses() {
  std::vector<DissatisfactionCause> out;
  for (const auto& c : kCauses) out.push_back(c.value);
  return out;
}

Result<std::vector<DissatisfactionCause>> ParseCauses(const std::vector<std::string>& names, bool dissatisfied) {
  if (!dissatisfied) {
    if (!names.empty()) return Fail(Error::Invalid("invalid_value", "满意的回访不记录不满意原因", "causes"));
    return std::vector<DissatisfactionCause>{};
  }
  if (names.empty()) return std::vector<DissatisfactionCause>{DissatisfactionCause::kOther};
  std::vector<DissatisfactionCause> out;
  for (const auto& name : names) {
    MS_ASSIGN(cause, ParseCause(name, "causes"));
    if (std::find(out.begin(), out.end(), cause) != out.end())
      return Fail(Error::Invalid("invalid_value", "不满意原因重复：" + name, "causes"));
    out.push_back(cause);
  }
  return out;
}

}  // namespace minsheng
