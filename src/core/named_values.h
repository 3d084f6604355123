// An enum's values with their API names and Chinese labels, as one constexpr table per enum, and the
// lookups every such table needs. Used inside core's .cpp files.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "core/error.h"

namespace minsheng {

template <typename E>
struct Named {
  E value;
  std::string_view name;   // "answer_drafted"
  std::string_view label;  // "答复待审核"
};

// `value`'s name, or "unknown" if the table lacks it.
template <typename E, std::size_t N>
constexpr std::string_view NameOf(const std::array<Named<E>, N>& table, E value) {
  for (const auto& i : table)
    if (i.value == value) return i.name;
  return "unknown";
}

// `value`'s label, or "未知" if the table lacks it.
template <typename E, std::size_t N>
constexpr std::string_view LabelOf(const std::array<Named<E>, N>& table, E value) {
  for (const auto& i : table)
    if (i.value == value) return i.label;
  return "未知";
}

// The label of the value named `name` (as stored), or `name` itself if the table lacks it.
template <typename E, std::size_t N>
constexpr std::string_view LabelOfName(const std::array<Named<E>, N>& table, std::string_view name) {
  for (const auto& i : table)
    if (i.name == name) return i.label;
  return name;
}

// The value named `name`, or kInvalid invalid_value on `field` ("未知的<what>：x（可选 a、b）", allowed = names).
template <typename E, std::size_t N>
Result<E> ParseNamed(const std::array<Named<E>, N>& table, std::string_view name, std::string_view what,
                     std::string_view field) {
  std::string choices;
  for (const auto& i : table) {
    if (i.name == name) return i.value;
    choices += (choices.empty() ? "" : "、") + std::string(i.name);
  }
  Error e = Error::Invalid("invalid_value",
                           "未知的" + std::string(what) + "：" + std::string(name) + "（可选 " + choices + "）",
                           std::string(field));
  for (const auto& i : table) e.allowed.emplace_back(i.name);
  return Fail(std::move(e));
}

}  // namespace minsheng
