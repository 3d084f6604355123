#include "core/duty_bulletin.h"

#include <algorithm>
#include <tuple>

namespace minsheng {

int DutyScore(const BulletinFigures& f) {
  return 2 * f.attended - f.late - f.left_early - f.came_and_left - 3 * f.absent + f.receptions + f.visits +
         f.contacts + 2 * f.closed - 2 * f.relayed_only;
}

void RankBulletin(std::vector<BulletinRow>& rows) {
  for (auto& row : rows) row.score = DutyScore(row.figures);
  std::sort(rows.begin(), rows.end(), [](const BulletinRow& a, const BulletinRow& b) {
    return std::tuple(-a.score, -a.figures.attended, a.name) < std::tuple(-b.score, -b.figures.attended, b.name);
  });
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i].rank = i > 0 && rows[i].score == rows[i - 1].score ? rows[i - 1].rank : static_cast<int>(i) + 1;
}

}  // namespace minsheng
