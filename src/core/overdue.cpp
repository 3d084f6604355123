#include "core/overdue.h"

#include <array>

namespace minsheng {
namespace {

constexpr std::array kAcceptFirst = {DueKind::kAccept, DueKind::kReply};
constexpr std::array kContactFirst = {DueKind::kContact, DueKind::kReply};
constexpr std::array kReply = {DueKind::kReply};
constexpr std::array kResolve = {DueKind::kResolve};

std::optional<Timestamp> Value(DueKind kind, const AppealDues& dues) {
  switch (kind) {
    case DueKind::kAccept: return dues.accept;
    case DueKind::kContact: return dues.contact;
    case DueKind::kReply: return dues.reply;
    case DueKind::kResolve: return dues.resolve;
  }
  return std::nullopt;
}

}  // namespace

std::string_view DueName(DueKind kind) {
  switch (kind) {
    case DueKind::kAccept: return "accept_due";
    case DueKind::kContact: return "contact_due";
    case DueKind::kReply: return "reply_due";
    case DueKind::kResolve: return "resolve_due";
  }
  return "reply_due";
}

std::span<const DueKind> DuesOf(AppealState state) {
  switch (state) {
    case AppealState::kDispatched: return kAcceptFirst;
    case AppealState::kAccepted: return kContactFirst;
    case AppealState::kInProgress: return kReply;
    case AppealState::kReplied: return kResolve;
    default: return {};
  }
}

std::optional<Timestamp> CurrentDue(AppealState state, const AppealDues& dues) {
  for (DueKind kind : DuesOf(state))
    if (auto due = Value(kind, dues)) return due;
  return std::nullopt;
}

bool IsOverdue(AppealState state, const AppealDues& dues, Timestamp now) {
  const auto due = CurrentDue(state, dues);
  return due && now > *due;
}

int OverdueDays(AppealState state, const AppealDues& dues, Timestamp now) {
  const auto due = CurrentDue(state, dues);
  if (!due || now <= *due) return 0;
  return static_cast<int>((now - *due + 86399) / 86400);
}

}  // namespace minsheng
