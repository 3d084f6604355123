// JSON views of appeals: full for staff (personal data only for those who work the case, masked
// otherwise), and a public view by receipt code with no personal data at all. The staff views are
// written with JsonWriter: GET /appeals/{id} and the lists are the hottest responses.
#pragma once

#include <nlohmann/json.hpp>

#include "api/json_writer.h"
#include "app/actor.h"
#include "app/appeal_service.h"

namespace minsheng::api {

// "张三" → "张*"; "13800001234" → "138****1234".
std::string MaskName(const std::string& name);
std::string MaskPhone(const std::string& phone);

// timing: the urgency ("normal", "yellow", "red") and the current deadline (AppealService::TimingOf).
// The appeal's members without the enclosing braces, for a list item that adds its own: the record's, then the
// timing's (the two below).
void WriteAppealMembers(JsonWriter& w, const store::AppealRecord& a, bool personal_data,
                        const app::AppealTiming& timing);
void WriteAppealRecordMembers(JsonWriter& w, const store::AppealRecord& a, bool personal_data);
void WriteAppealTimingMembers(JsonWriter& w, const app::AppealTiming& timing);
void WriteAppeal(JsonWriter& w, const store::AppealRecord& a, bool personal_data, const app::AppealTiming& timing);
// Issue 13: the parts of an appeal's detail that depend only on the appeal and its version, as JSON object members
// without the braces: its own members for a reader who may see the resident's name and phone and for one who may
// not (without the timing, which moves with the clock), and the members every reader gets alike (its timeline,
// dispatches, replies, callbacks and the rest: AppealDetailRecordsJson). Kept per version by AppealJsonCache.
struct AppealJsonParts {
  std::string appeal_shown;
  std::string appeal_masked;
  std::string records;
};
AppealJsonParts AppealDetailJsonParts(const app::AppealDetail& d);
std::string AppealDetailRecordsJson(const app::AppealDetail& d);
// The appeal with its timeline, dispatches, replies, callbacks, extensions, notices and allowed actions.
// parts: AppealDetailJsonParts(*view.detail), perhaps kept from an earlier answer (AppealJsonCache);
// repeat_actions: "link", "unlink" (AppealService::RepeatActions).
std::string AppealDetailJson(const app::AppealView& view, const AppealJsonParts& parts, bool personal_data,
                             const app::AppealTiming& timing, const std::vector<std::string>& allowed_actions,
                             const std::vector<std::string>& repeat_actions = {});
void WriteReply(JsonWriter& w, const store::ReplyRecord& r);
void WriteExtension(JsonWriter& w, const store::ExtensionRecord& x);
void WriteNotice(JsonWriter& w, const store::NoticeRecord& n);
// Issue 12: an assisting unit's opinion and a reply draft under review, with their labels.
void WriteOpinion(JsonWriter& w, const store::OpinionRecord& o);
void WriteReplyReview(JsonWriter& w, const store::ReplyReviewRecord& r);

// Issue 12: the dissatisfaction causes a callback may give, in order: [{cause, label}] (forms and charts).
nlohmann::json CauseOptionsJson();

nlohmann::json PublicAppealJson(const app::AppealDetail& d, const std::vector<store::DepartmentRecord>& units);

}  // namespace minsheng::api
