// The monthly duty bulletin (动态通报) of a studio or a street: its deputies ranked by a duty score.
#pragma once

#include <string>
#include <vector>

namespace minsheng {

// One deputy's figures over the bulletin's period.
struct BulletinFigures {
  int shifts_due = 0;       // shifts that ended in the period
  int attended = 0;         // present: on time, late or left early
  int late = 0;
  int left_early = 0;
  int came_and_left = 0;    // checked in, but stayed less than the studio's minimum
  int absent = 0;
  int receptions = 0;       // field logs
  int visits = 0;
  int people_met = 0;
  int appeals_raised = 0;
  int followed = 0;         // appeals the deputy follows
  int closed = 0;           // of those, closed
  int contacts = 0;         // the deputy's own contacts with residents of those cases
  int relayed_only = 0;     // cases replied to without a contact of the deputy's own (二传手)
};

// The score that orders the bulletin, so that presence and personal contact count and absence and mere
// relaying cost: +2 per shift attended, −1 per late arrival or early leaving, −1 per "came and left",
// −3 per absence; +1 per reception or visit logged and per personal contact on a case; +2 per followed
// case closed; −2 per case only relayed.
int DutyScore(const BulletinFigures& f);

struct BulletinRow {
  long long user_id = 0;
  std::string name;
  BulletinFigures figures;
  int score = 0;
  int rank = 0;  // 1 for the best; deputies with the same score share a rank
};

// Scores and ranks `rows` in place: by score (highest first), then attended shifts, then name.
void RankBulletin(std::vector<BulletinRow>& rows);

}  // namespace minsheng
