#include "store/repeat_repository.h"

#include "store/rollup_repository.h"
#include "store/row_mapping.h"

namespace minsheng::store {
namespace {

RepeatCandidate ReadCandidate(const Row& row) {
  ColumnReader c(row);
  RepeatCandidate x;
  x.id = c.Int();
  x.phone = c.Text();
  x.address = c.Text();
  x.title = c.Text();
  x.anonymous = c.Int() != 0;
  const std::string status = c.Text();
  const auto closed_at = c.OptInt();
  if (status == "closed" || status == "rejected") x.closed_at = closed_at.value_or(0);
  return x;
}

// The columns of a link seen from `?` (the appeal asked about): the other end is `other`.
constexpr std::string_view kLinkColumns =
    "l.id, l.appeal_id, l.repeat_of_id, l.reason, l.linked_by, l.created_at, o.id, o.receipt_code, o.title, "
    "o.status, o.created_at, o.lead_unit_id, COALESCE(u.display_name, '')";

RepeatLinkRecord ReadLink(const Row& row) {
  ColumnReader c(row);
  RepeatLinkRecord x;
  x.id = c.Int();
  x.appeal_id = c.Int();
  x.repeat_of_id = c.Int();
  x.reason = c.Text();
  x.linked_by = c.OptInt();
  x.created_at = c.Int();
  x.other_id = c.Int();
  x.other_receipt_code = c.Text();
  x.other_title = c.Text();
  x.other_status = c.Text();
  x.other_created_at = c.Int();
  x.other_lead_unit_id = c.OptInt();
  x.linked_by_name = c.Text();
  return x;
}

}  // namespace

Result<std::vector<RepeatCandidate>> ListRepeatCandidates(Tx& tx, const std::string& phone, OptId street_id,
                                                          const std::string& address, Id exclude,
                                                          Timestamp closed_since, int limit) {
  std::string match;
  Params params;
  if (!phone.empty()) {
    match = "a.appellant_phone = ?";
    params.push_back(phone);
  }
  if (!address.empty() && street_id) {
    match += std::string(match.empty() ? "" : " OR ") + "(a.street_id = ? AND a.address = ?)";
    params.push_back(*street_id);
    params.push_back(address);
  }
  if (match.empty()) return std::vector<RepeatCandidate>{};
  params.push_back(exclude);
  params.push_back(closed_since);
  params.push_back(std::int64_t{limit});
  MS_ASSIGN(rows, tx.Query("SELECT a.id, a.appellant_phone, a.address, a.title, a.anonymous, a.status, COALESCE(a.closed_at, a.updated_at) "
                           "FROM appeals a WHERE (" + match + ") AND a.id <> ? AND a.status <> 'merged' AND "
                           "(a.status NOT IN ('closed', 'rejected') OR COALESCE(a.closed_at, a.updated_at) >= ?) "
                           "ORDER BY a.id DESC LIMIT ?",
                           params));
  return MapRows(rows, ReadCandidate);
}

Result<Id> InsertRepeatLink(Tx& tx, const RepeatLinkRecord& link, OptId street_id) {
  MS_ASSIGN(existing, tx.QueryOne("SELECT id FROM appeal_repeats WHERE (appeal_id = ? AND repeat_of_id = ?) OR "
                                  "(appeal_id = ? AND repeat_of_id = ?)",
                                  {link.appeal_id, link.repeat_of_id, link.repeat_of_id, link.appeal_id}));
  if (existing) return Fail(Error::Conflict("already_linked", "这两件诉求已经关联为重复诉求"));
  Id id = 0;
  MS_TRY(RetallyAround(tx, link.appeal_id, [&]() -> Status {  // the later appeal now counts as a repeat
    MS_ASSIGN(inserted, tx.Insert("INSERT INTO appeal_repeats (street_id, appeal_id, repeat_of_id, reason, linked_by, "
                                  "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                  {Nullable(street_id), link.appeal_id, link.repeat_of_id, link.reason,
                                   Nullable(link.linked_by), link.created_at}));
    id = inserted;
    return {};
  }));
  return id;
}

Status DeleteRepeatLink(Tx& tx, Id appeal_id, Id other_id) {
  // Either of the two may have been the repeat: both are counted again.
  return RetallyAround(tx, appeal_id, [&] {
    return RetallyAround(tx, other_id, [&]() -> Status {
      MS_ASSIGN(n, tx.Execute("DELETE FROM appeal_repeats WHERE (appeal_id = ? AND repeat_of_id = ?) OR "
                              "(appeal_id = ? AND repeat_of_id = ?)",
                              {appeal_id, other_id, other_id, appeal_id}));
      if (n == 0) return Fail(Error::NotFound("这两件诉求没有关联为重复诉求", "repeat_of_id"));
      return {};
    });
  });
}

Result<RepeatLinks> ListRepeatLinks(Tx& tx, Id appeal_id) {
  RepeatLinks out;
  const std::string tail = " LEFT JOIN users u ON u.id = l.linked_by WHERE ";
  MS_ASSIGN(earlier, tx.Query("SELECT " + std::string(kLinkColumns) +
                                  " FROM appeal_repeats l JOIN appeals o ON o.id = l.repeat_of_id" + tail +
                                  "l.appeal_id = ? ORDER BY o.created_at, o.id",
                              {appeal_id}));
  MS_ASSIGN(of, MapRows(earlier, ReadLink));
  MS_ASSIGN(later, tx.Query("SELECT " + std::string(kLinkColumns) +
                                " FROM appeal_repeats l JOIN appeals o ON o.id = l.appeal_id" + tail +
                                "l.repeat_of_id = ? ORDER BY o.created_at, o.id",
                            {appeal_id}));
  MS_ASSIGN(repeats, MapRows(later, ReadLink));
  out.repeat_of = std::move(of);
  out.repeats = std::move(repeats);
  return out;
}

Status InsertCallbackCauses(Tx& tx, Id appeal_id, OptId street_id, Id callback_id, OptId unit_id, OptId deputy_id,
                            const std::vector<CallbackCauseRecord>& causes, Timestamp at) {
  if (causes.empty()) return {};
  return RetallyAround(tx, appeal_id, [&]() -> Status {  // the group's cause counts
    for (const auto& c : causes)
      MS_TRY(tx.Insert(
          "INSERT INTO callback_causes (street_id, appeal_id, callback_id, unit_id, deputy_id, cause, "
          "note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {Nullable(street_id), appeal_id, callback_id, Nullable(unit_id), Nullable(deputy_id), c.cause, c.note, at}));
    return {};
  });
}

Result<std::vector<CallbackCauseRecord>> ListCallbackCauses(Tx& tx, Id appeal_id) {
  MS_ASSIGN(rows, tx.Query("SELECT callback_id, cause, note FROM callback_causes WHERE appeal_id = ? "
                           "ORDER BY callback_id, id",
                           {appeal_id}));
  return MapRows(rows, [](const Row& row) {
    ColumnReader c(row);
    CallbackCauseRecord x;
    x.callback_id = c.Int();
    x.cause = c.Text();
    x.note = c.Text();
    return x;
  });
}

}  // namespace minsheng::store
