// Consultations (协商议事, DESIGN.md §4, seed 003): hearings, coordination and evaluation meetings,
// micro-consultations and pre-dispatch analysis meetings, each following the steps of core/consultation.h.
// Each use case is one transaction: load, check role (core/access.h) and region scope, check the step
// table, change the consultation under its version and log the step; linked appeals move in the same
// transaction through AppealService's own transitions (DispatchIn, TriageIn), so their timelines,
// deadlines and residents' tracking pages stay those of every other appeal.
//
// Roles: every staff role reads the consultations of its region (Operation::kReadConsultations);
// coordinators and admins of the region manage them (kManageConsultations); deputies may also propose
// topics (kProposeTopics). A consultation outside the caller's region answers as a missing one (404).
// Residents read published outcomes and comment on them during the notice period (no login).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/actor_names.h"
#include "app/appeal_service.h"
#include "core/clock.h"
#include "core/consultation.h"
#include "store/consultation_repository.h"
#include "store/database.h"

namespace minsheng::app {

using Consultation = store::ConsultationRecord;

struct ConsultationInput {
  std::string kind;  // hearing | coordination | evaluation | micro | analysis
  std::string title;
  std::string description;
  store::Id region_id = 0;               // a street or community in the caller's region
  std::vector<store::Id> appeal_ids;     // appeals to link now (received ones are triaged "deliberate")
};

struct TopicInput {
  std::string source;  // resident | deputy | staff (appeal topics come with linked appeals); default by role
  std::string content;
  std::string proposer;  // who raised it, as they may be named
};

struct DecideInput {
  bool accept = true;
  std::string refusal_rule;  // accept false: against_law | superior_decided | discriminatory
  std::string reason;        // accept false: required, told to the residents of linked appeals
};

struct ResearchInput {
  std::string content;
  std::string link;  // no attachment store: a link to the material (http(s) URL), optional
};

struct ParticipantInput {
  std::string role;  // stakeholder | resident_representative | deputy | department | expert | party_leader
  std::string name;
  store::OptId unit_id;
  store::OptId user_id;
  bool attended = false;
};

struct MeetingInput {
  std::optional<Timestamp> meeting_at;
  std::optional<std::string> place;
  std::optional<std::string> form;  // in_person | online | written (micro: written by default)
  std::optional<std::vector<ParticipantInput>> participants;  // given: replaces the list
  std::optional<std::string> minutes;
};

struct ActionInput {
  std::string title;
  store::Id owner_unit_id = 0;
  std::chrono::sys_days deadline{};
  std::vector<store::Id> appeal_ids;  // linked appeals dispatched to the owner unit (publish only)
};

struct PublishInput {
  std::string outcome;
  int notice_days = 7;
  std::vector<ActionInput> actions;
  std::string explanation;  // told to linked appeals no action takes (default: the outcome)
};

struct AnalysisDispatchInput {
  store::Id lead_unit_id = 0;
  std::vector<store::Id> assisting_unit_ids;
  std::optional<std::chrono::sys_days> deadline;
  std::string minutes;  // optional when the meeting has minutes already
  std::string note;
};

struct ConsultationQuery {
  std::optional<std::string> step;
  std::optional<std::string> kind;
  store::OptId region_id;
  store::OptId appeal_id;
  int page = 1;
  int page_size = 20;
};

struct ConsultationDetail {
  Consultation consultation;
  std::vector<store::ConsultationTopicRecord> topics;
  std::vector<store::ConsultationAppealRecord> appeals;
  std::vector<store::ConsultationNoteRecord> notes;
  std::vector<store::ConsultationParticipantRecord> participants;
  std::vector<store::ConsultationActionRecord> actions;
  std::vector<store::ConsultationCommentRecord> comments;
  std::vector<store::ConsultationEventRecord> events;
  ActorNames actors;  // who acted on the events: person and unit (app/actor_names.h)
};

class ConsultationService {
 public:
  static constexpr int kMaxNoticeDays = 60;

  ConsultationService(store::Database& db, const Clock& clock, AppealService& appeals);

  Result<ConsultationDetail> Create(const Actor& actor, const ConsultationInput& input);
  Result<ConsultationDetail> AddTopic(const Actor& actor, store::Id id, const TopicInput& input);
  Result<ConsultationDetail> LinkAppeals(const Actor& actor, store::Id id, const std::vector<store::Id>& appeal_ids);
  Result<ConsultationDetail> Submit(const Actor& actor, store::Id id, const std::string& note);
  Result<ConsultationDetail> Decide(const Actor& actor, store::Id id, const DecideInput& input);
  Result<ConsultationDetail> AddResearch(const Actor& actor, store::Id id, const ResearchInput& input);
  Result<ConsultationDetail> Meeting(const Actor& actor, store::Id id, const MeetingInput& input);
  Result<ConsultationDetail> Publish(const Actor& actor, store::Id id, const PublishInput& input);
  Result<ConsultationDetail> DispatchAnalysis(const Actor& actor, store::Id id, const AnalysisDispatchInput& input);
  Result<ConsultationDetail> AddAction(const Actor& actor, store::Id id, const ActionInput& input);
  Result<ConsultationDetail> CompleteAction(const Actor& actor, store::Id id, store::Id action_id,
                                            const std::string& note);
  Result<ConsultationDetail> Track(const Actor& actor, store::Id id, const std::string& note);
  Result<ConsultationDetail> Finish(const Actor& actor, store::Id id, const std::string& note);

  Result<ConsultationDetail> Get(const Actor& actor, store::Id id);
  Result<store::ConsultationPage> List(const Actor& actor, ConsultationQuery query);
  // The API names of the steps the actor may take now.
  std::vector<std::string> AllowedActions(const Actor& actor, const Consultation& consultation) const;

  // The portal: published outcomes (kNotFound for anything else), newest first.
  Result<store::ConsultationPage> ListPublished(int page, int page_size);
  Result<ConsultationDetail> GetPublished(store::Id id);
  // A resident's comment during the notice period: kNotFound unless published, kConflict "comments_closed" after.
  Result<store::ConsultationCommentRecord> Comment(store::Id id, const std::string& author, const std::string& content);

 private:
  store::Database& db_;
  const Clock& clock_;
  AppealService& appeals_;
};

}  // namespace minsheng::app
