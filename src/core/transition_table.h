// A state machine as one constexpr table of (from, action, to) rows, and the lookups every such table needs:
// the next state, the actions allowed from a state, and the 409 invalid_transition error naming them.
// Used inside core's .cpp files, with core/named_values.h for the names.
#pragma once

#include <algorithm>
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/named_values.h"

namespace minsheng {

template <typename S, typename A>
struct Transition {
  S from;
  A action;
  S to;
};

// For tables whose rows carry more than (from, action, to) — a condition, the kinds or roles a row is for —
// any row type with `action` and `to` members:
// the first row `match` accepts, or nullptr;
template <typename Row, std::size_t N, typename Match>
const Row* RowWhere(const std::array<Row, N>& table, Match match) {
  for (const auto& t : table)
    if (match(t)) return &t;
  return nullptr;
}
// the actions of the rows `match` accepts, each once, in the table's order.
template <typename Row, std::size_t N, typename Match>
auto ActionsWhere(const std::array<Row, N>& table, Match match) {
  std::vector<decltype(Row::action)> out;
  for (const auto& t : table)
    if (match(t) && std::find(out.begin(), out.end(), t.action) == out.end()) out.push_back(t.action);
  return out;
}

// The actions allowed from `from`, in the table's order.
template <typename S, typename A, std::size_t N>
std::vector<A> ActionsFrom(const std::array<Transition<S, A>, N>& table, S from) {
  return ActionsWhere(table, [&](const auto& t) { return t.from == from; });
}

// The state `action` leads to from `from`, or kConflict invalid_transition with `message` and `allowed`
// holding the API names (from `actions`) of the actions allowed from `from`.
template <typename S, typename A, std::size_t N, std::size_t M>
Result<S> NextFrom(const std::array<Transition<S, A>, N>& table, const std::array<Named<A>, M>& actions, S from,
                   A action, std::string message) {
  for (const auto& t : table)
    if (t.from == from && t.action == action) return t.to;
  Error e = Error::Conflict("invalid_transition", std::move(message));
  for (A a : ActionsFrom(table, from)) e.allowed.emplace_back(NameOf(actions, a));
  return Fail(std::move(e));
}

}  // namespace minsheng
