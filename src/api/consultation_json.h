// JSON views of consultations (协商议事): the staff detail with every step's material, list items, and the
// portal's published outcome (no personal data: linked appeals, topics' proposers and participants' names
// stay on the staff side).
#pragma once

#include <nlohmann/json.hpp>

#include "app/consultation_service.h"

namespace minsheng::api {

// [{value, label}] for forms and filters: the kinds, the steps, and (in the detail's `options`) the refusal
// rules, participant roles and meeting forms.
nlohmann::json ConsultationKindOptions();
nlohmann::json ConsultationStepOptions();

nlohmann::json ConsultationItemJson(const app::Consultation& c);
nlohmann::json ConsultationDetailJson(const app::ConsultationDetail& d, const std::vector<std::string>& allowed_actions,
                                      Timestamp now);
nlohmann::json PublicConsultationItemJson(const app::Consultation& c, Timestamp now);
nlohmann::json PublicConsultationJson(const app::ConsultationDetail& d, Timestamp now);

}  // namespace minsheng::api
