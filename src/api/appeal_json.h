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
// The appeal's members without the enclosing braces, for a list item that adds its own.
void WriteAppealMembers(JsonWriter& w, const store::AppealRecord& a, bool personal_data,
                        const app::AppealTiming& timing);
void WriteAppeal(JsonWriter& w, const store::AppealRecord& a, bool personal_data, const app::AppealTiming& timing);
// The appeal with its timeline, dispatches, replies, callbacks, extensions, notices and allowed actions.
// records_json: AppealDetailRecordsJson(*view.detail), perhaps kept from an earlier answer (AppealJsonCache);
// repeat_actions: "link", "unlink" (AppealService::RepeatActions).
std::string AppealDetailJson(const app::AppealView& view, std::string_view records_json, bool personal_data,
                             const app::AppealTiming& timing, const std::vector<std::string>& allowed_actions,
                             const std::vector<std::string>& repeat_actions = {});
// Issue 13: the detail's members that are the same for every reader at any time (its timeline, dispatches,
// replies, callbacks and the rest), as JSON object members without the braces.
std::string AppealDetailRecordsJson(const app::AppealDetail& d);
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
