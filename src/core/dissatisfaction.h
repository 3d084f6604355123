// Why a resident is dissatisfied (seed 000: 推诿扯皮, 答复不及时或敷衍, 代表只当二传手): the coded causes a
// dissatisfied callback records, counted against the appeal's lead unit and deputy.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace minsheng {

enum class DissatisfactionCause { kBuckPassing, kLateOrPerfunctory, kDeputyRelayed, kNotSolved, kOther };
inline constexpr std::size_t kCauseCount = 5;

std::string_view CauseName(DissatisfactionCause cause);   // "buck_passing"
std::string_view CauseLabel(DissatisfactionCause cause);  // "推诿扯皮"
std::vector<DissatisfactionCause> AllCauses();            // in the order forms and charts list them
std::string_view CauseLabelOf(std::string_view name);     // by API name as stored; the name itself if unknown
// One cause by its API name (a list filter's ?cause=); unknown → 400 invalid_value on `field`, the names allowed.
Result<DissatisfactionCause> ParseCause(std::string_view name, std::string_view field);

// The causes of a callback, from their API names: each known and named once (400 invalid_value on "causes").
// A satisfied callback has none. A dissatisfied one without names has {other}: its reason, which a dissatisfied
// callback always gives, is then the only thing the resident said (and `other`'s text in any case).
Result<std::vector<DissatisfactionCause>> ParseCauses(const std::vector<std::string>& names, bool dissatisfied);

}  // namespace minsheng
