// Studios (工作室 / 联络站) and their members (tables studios, studio_members of migration 0007).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

struct StudioRecord {
  Id id = 0;
  Id street_id = 0;
  Id region_id = 0;       // the street itself or a community in it
  std::string region_path;  // read only: the region's path, for scope checks
  std::string region_name;  // read only
  std::string name;
  std::string address;
  std::string opening_hours;
  int grace_minutes = 10;
  int min_stay_minutes = 30;
  bool active = true;
  Timestamp created_at = 0;
  Timestamp updated_at = 0;
  int member_count = 0;  // read only
};

struct StudioMemberRecord {
  Id studio_id = 0;
  Id user_id = 0;
  Id street_id = 0;
  bool leader = false;
  int position = 0;  // the rotation order
  Timestamp joined_at = 0;
  std::string display_name;  // read only, from users
  std::string deputy_kind;   // read only
  bool user_active = true;   // read only
};

Result<Id> InsertStudio(Tx& tx, const StudioRecord& studio);
// Writes name, region, street, address, opening hours, the attendance settings, active and updated_at.
Status UpdateStudio(Tx& tx, const StudioRecord& studio);
Result<std::optional<StudioRecord>> FindStudio(Tx& tx, Id id);

struct StudioFilter {
  // Studios whose region path starts with this (the caller's region scope); none: every studio.
  std::optional<std::string> scope_path;
  // Also (OR) the studios this user is a member of.
  OptId or_member_id;
  // Only the studios this user is a member of.
  OptId member_id;
  bool active_only = false;
};
// By street, then name.
Result<std::vector<StudioRecord>> ListStudios(Tx& tx, const StudioFilter& filter);

// In rotation order.
Result<std::vector<StudioMemberRecord>> ListStudioMembers(Tx& tx, Id studio_id);
Result<std::optional<StudioMemberRecord>> FindStudioMember(Tx& tx, Id studio_id, Id user_id);
// Adds a member at the end of the rotation.
Status InsertStudioMember(Tx& tx, const StudioMemberRecord& member);
Status SetStudioMemberLeader(Tx& tx, Id studio_id, Id user_id, bool leader);
// Clears the leader flag of every member of the studio.
Status ClearStudioLeader(Tx& tx, Id studio_id);
// Returns whether there was such a member.
Result<bool> DeleteStudioMember(Tx& tx, Id studio_id, Id user_id);

}  // namespace minsheng::store
