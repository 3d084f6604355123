#include "core/repeat.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "core/named_values.h"

namespace minsheng {
namespace {

constexpr std::array kReasons = {
    Named<RepeatReason>{RepeatReason::kPhone, "phone", "同一来电号码"},
    Named<RepeatReason>{RepeatReason::kAddressTitle, "address_title", "同一地址、相似标题"},
    Named<RepeatReason>{RepeatReason::kManual, "manual", "登记员关联"},
};

bool Ignored(std::string_view ch) {
  static constexpr std::array<std::string_view, 16> kPunct = {"，", "。", "、", "！", "？", "：", "；", "（",
                                                               "）", "“", "”", "《", "》", "…", "—", "　"};
  if (ch.size() == 1) {
    const unsigned char c = ch[0];
    return c <= ' ' || (c < 0x80 && !std::isalnum(c));
  }
  return std::find(kPunct.begin(), kPunct.end(), ch) != kPunct.end();
}

// The text's characters (UTF-8 code points), without spaces and punctuation.
std::vector<std::string_view> Characters(std::string_view text) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
    const std::string_view ch = text.substr(i, n);
    if (!Ignored(ch)) out.push_back(ch);
    i += n;
  }
  return out;
}

// Dice coefficient of two multisets: 2 |A ∩ B| / (|A| + |B|); 0 when both are empty.
template <typename T>
double Dice(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.empty() && b.empty()) return 0;
  std::map<T, int> counts;
  for (const auto& x : a) ++counts[x];
  int common = 0;
  for (const auto& x : b)
    if (auto it = counts.find(x); it != counts.end() && it->second > 0) --it->second, ++common;
  return 2.0 * common / static_cast<double>(a.size() + b.size());
}

std::vector<std::string> Pairs(const std::vector<std::string_view>& chars) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i + 1 < chars.size(); ++i) out.push_back(std::string(chars[i]) + std::string(chars[i + 1]));
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && static_cast<unsigned char>(s.front()) <= ' ') s.remove_prefix(1);
  while (!s.empty() && static_cast<unsigned char>(s.back()) <= ' ') s.remove_suffix(1);
  return std::string(s);
}

}  // namespace

std::string_view RepeatReasonName(RepeatReason reason) { return NameOf(kReasons, reason); }
std::string_view RepeatReasonLabel(RepeatReason reason) { return LabelOf(kReasons, reason); }

std::string_view RepeatReasonLabelOf(std::string_view name) { return LabelOfName(kReasons, name); }

bool WithinRepeatWindow(const RepeatCandidate& earlier, Timestamp now) {
  if (!earlier.closed_at) return true;
  return now - *earlier.closed_at <= kRepeatWindowDays * 86400;
}

double TitleSimilarity(std::string_view a, std::string_view b) {
  const auto ca = Characters(a), cb = Characters(b);
  return (Dice(ca, cb) + Dice(Pairs(ca), Pairs(cb))) / 2;
}

std::optional<RepeatReason> RepeatOf(const RepeatProbe& probe, const RepeatCandidate& earlier, Timestamp now) {
  if (!WithinRepeatWindow(earlier, now)) return std::nullopt;
  const std::string phone = Trim(probe.phone);
  if (!phone.empty() && !probe.anonymous && !earlier.anonymous && phone == Trim(earlier.phone))
    return RepeatReason::kPhone;
  const std::string address = Trim(probe.address);
  if (!address.empty() && address == Trim(earlier.address) &&
      TitleSimilarity(probe.title, earlier.title) >= kSimilarTitle)
    return RepeatReason::kAddressTitle;
  return std::nullopt;
}

std::optional<RepeatMatch> FindRepeat(const RepeatProbe& probe, const std::vector<RepeatCandidate>& candidates,
                                      Timestamp now) {
  std::optional<RepeatMatch> best;
  for (const auto& c : candidates)
    if (auto reason = RepeatOf(probe, c, now); reason && (!best || c.id > best->id)) best = RepeatMatch{c.id, *reason};
  return best;
}

}  // namespace minsheng
