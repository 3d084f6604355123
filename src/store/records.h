// Plain rows of the tables in migrations/0001_init.sql, as the repositories read and write them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace minsheng::store {

using Id = std::int64_t;
using OptId = std::optional<std::int64_t>;

struct RegionRecord {
  Id id = 0;
  OptId parent_id;
  std::string level;  // district | street | community | grid
  std::string code;
  std::string name;
  std::string path;   // "/1/4/9/"
  OptId street_id;
};

struct DepartmentRecord {
  Id id = 0;
  std::string code;
  std::string name;
  std::string phone;
  bool active = true;
  bool review_replies = false;  // the unit head approves its replies before release (migration 0017)
};

struct CategoryRecord {
  Id id = 0;
  std::string code;
  std::string name;
  OptId default_department_id;
  int accept_days = 1;
  int contact_days = 2;
  int reply_days = 7;
  int resolve_days = 15;
  int escalate_days = 5;
  bool active = true;
};

struct UserRecord {
  Id id = 0;
  std::string username;
  std::string password_hash;
  std::string display_name;
  std::string role;
  Id region_id = 0;
  OptId department_id;
  std::string deputy_kind;
  std::string phone;
  bool active = true;
  bool unit_head = false;             // a handler who approves the unit's answers (单位负责人)
  Timestamp created_at = 0;
  int failed_logins = 0;              // consecutive, since the last successful login
  OptId last_failed_login_at;         // a Timestamp
  OptId locked_until;                 // a Timestamp: no login before it (unless an admin unlocks)
};

struct AppealRecord {
  Id id = 0;
  std::string receipt_code;
  std::string title;
  std::string content;
  std::string channel;
  Id region_id = 0;
  OptId street_id;
  Id category_id = 0;
  std::string address;
  bool anonymous = false;
  std::string appellant_name;
  std::string appellant_phone;
  std::string status;
  std::int64_t version = 1;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  OptId created_by;
  OptId lead_unit_id;
  OptId case_owner_id;
  OptId deputy_id;
  OptId merged_into_id;
  std::optional<Timestamp> dispatched_at, accept_due, contact_due, reply_due, resolve_due, escalate_due;
  std::optional<Timestamp> accepted_at, first_contact_at;
  std::optional<int> first_contact_on_time;
  std::optional<Timestamp> replied_at;
  std::optional<int> reply_on_time;
  std::optional<Timestamp> closed_at;
  std::optional<int> closed_on_time;
  int callback_count = 0;
  std::optional<int> last_resolved;
  std::optional<std::string> last_satisfaction;
  int reopen_count = 0;
  int dissatisfied_count = 0;
  std::optional<Timestamp> escalated_to_leader_at;
  OptId duty_shift_id;  // the duty shift the registering deputy was checked in on (migration 0007)
};

struct EventRecord {
  Id id = 0;
  Id appeal_id = 0;
  int seq = 0;
  Timestamp at = 0;
  OptId actor_id;
  std::string actor_label;
  std::string action;
  std::optional<std::string> from_status;
  std::optional<std::string> to_status;
  std::string note;
  std::string data = "{}";  // JSON object text
};

struct DispatchRecord {
  Id id = 0;
  Id appeal_id = 0;
  Id unit_id = 0;
  std::string role;  // lead | assisting
  bool active = true;
  Timestamp dispatched_at = 0;
  OptId dispatched_by;
  std::optional<Timestamp> ended_at;
  std::string end_reason;
};

struct ReplyRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId unit_id;
  OptId author_id;
  std::string content;
  Timestamp created_at = 0;
  std::string flaws;  // issue 14: text/reply_check.h's flaw names, comma-separated; "" for none
};

struct CallbackRecord {
  Id id = 0;
  Id appeal_id = 0;
  bool resolved = false;
  std::string satisfaction;
  std::string reason;
  std::string source;  // staff | resident
  OptId recorded_by;
  Timestamp created_at = 0;
};

struct ExtensionRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId unit_id;
  OptId requested_by;
  int days = 0;
  std::string reason;
  std::string status;  // pending | approved | refused
  OptId decided_by;
  std::optional<Timestamp> decided_at;
  std::string decision_note;
  Timestamp created_at = 0;
};

struct NoticeRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId unit_id;
  std::string kind;  // reply_overdue | resolve_overdue | escalation | opinion_overdue (to an assisting unit)
  Timestamp deadline = 0;
  Timestamp issued_at = 0;
  std::string note;
};

}  // namespace minsheng::store
