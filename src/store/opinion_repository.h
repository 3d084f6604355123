// Reads and writes assisting units' opinions (appeal_opinions) and reviewed reply drafts (reply_reviews),
// migration 0017. Written once against store::Tx.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/database.h"
#include "store/records.h"

namespace minsheng::store {

// The opinion an assisting unit owes on one dispatch (协办意见).
struct OpinionRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Id dispatch_id = 0;
  Id unit_id = 0;
  std::string status = "pending";  // pending | given | waived
  Timestamp due_at = 0;
  std::string content;
  OptId given_by;
  std::optional<Timestamp> given_at;
  std::optional<int> on_time;
  OptId waived_by;
  std::optional<Timestamp> waived_at;
  std::string waive_reason;
  Timestamp created_at = 0;
  bool active = true;          // read only: whether its dispatch is still active
  std::string given_by_name;   // read only: the display names of given_by and waived_by ("" when none)
  std::string waived_by_name;
};

// A reply drafted for review by the unit head.
struct ReplyReviewRecord {
  Id id = 0;
  Id appeal_id = 0;
  OptId street_id;
  Id unit_id = 0;
  std::string content;
  std::string status = "pending";  // pending | approved | sent_back
  Id drafted_by = 0;
  Timestamp drafted_at = 0;
  OptId reviewed_by;
  std::optional<Timestamp> reviewed_at;
  std::string review_note;
  OptId reply_id;
  std::string drafted_by_name;   // read only: the display names of drafted_by and reviewed_by
  std::string reviewed_by_name;
};

Result<Id> InsertOpinion(Tx& tx, const OpinionRecord& opinion);
// Every opinion of the appeal, oldest first, each with whether its dispatch is active.
Result<std::vector<OpinionRecord>> ListOpinions(Tx& tx, Id appeal_id);
// Records the opinion's new status and who gave or waived it; kConflict "opinion_closed" unless it was
// still pending (someone else closed it first).
Status CloseOpinion(Tx& tx, const OpinionRecord& closed);
// Moves a pending opinion's due time (an approved extension moves it with the reply deadline).
Status SetOpinionDue(Tx& tx, Id opinion_id, Timestamp due_at);
// The pending opinions of active dispatches of the appeal that are past due at `now`.
Result<std::vector<OpinionRecord>> ListOverdueOpinions(Tx& tx, Id appeal_id, Timestamp now);
// The due instants of the appeal's pending opinions on active dispatches (for the sweep's next look).
Result<std::vector<Timestamp>> ListPendingOpinionDues(Tx& tx, Id appeal_id);

Result<Id> InsertReplyReview(Tx& tx, const ReplyReviewRecord& review);
// Every review of the appeal, oldest first.
Result<std::vector<ReplyReviewRecord>> ListReplyReviews(Tx& tx, Id appeal_id);
// Records the decision on a pending draft; kConflict "already_decided" unless it was still pending.
Status DecideReplyReview(Tx& tx, const ReplyReviewRecord& decided);

// Whether the department reviews its replies (departments.review_replies); false for an unknown id.
Result<bool> DepartmentReviewsReplies(Tx& tx, Id department_id);
Status SetDepartmentReviewsReplies(Tx& tx, Id department_id, bool review);

}  // namespace minsheng::store
