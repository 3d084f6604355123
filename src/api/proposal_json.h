// Proposals as JSON (issue 11): the list item, the detail, the figures, and the answers a resident reads on
// the tracking page of an appeal the proposal took up. Labels come along with names (kind_label, step_label,
// category_label …) so that the web app keeps no copy of them.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "app/proposal_service.h"

namespace minsheng::api {

nlohmann::json ProposalSummaryJson(const app::Proposal& p);
nlohmann::json ProposalDetailJson(const app::ProposalDetail& d);
nlohmann::json ProposalFiguresJson(const app::ProposalFigures& f);
nlohmann::json PublicProposalAnswersJson(const std::vector<app::PublicProposalAnswer>& answers);
// Every kind, step, answer category, contact stage and rating with its label: for the web app's pickers.
nlohmann::json ProposalVocabularyJson();

}  // namespace minsheng::api
