// Believable appeal texts for the demo district, composed from per-category templates and the
// district's place names. Everything is drawn from a DemoRandom, so a seed gives the same texts.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace minsheng::cli {

// A small deterministic random source (SplitMix64): the same numbers on every platform and library.
class DemoRandom {
 public:
  explicit DemoRandom(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next();
  // Uniform in [0, n); 0 when n <= 0.
  int Below(int n);
  // Uniform in [lo, hi].
  int Between(int lo, int hi);
  // Uniform in [0, 1).
  double Unit();
  bool Chance(double p) { return Unit() < p; }
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(Below(static_cast<int>(items.size())))];
  }

 private:
  std::uint64_t state_;
};

// Where an appeal is: names from the demo district (docs/demo.md).
struct DemoPlace {
  std::string street;     // 东湖街道
  std::string community;  // 朝阳社区
  std::string spot;       // an estate, lane or landmark in the community: 锦绣花园
  std::string building;   // 3栋2单元, or a village group: 二组
  std::string road;       // a road of the street: 东湖路
  std::string school;     // a school of the street: 东湖小学
  std::string address;    // the full address for the appeal's address field
};

// A place in the community with region code `community_code` (e.g. "s01c02"); with `residential`,
// a housing estate rather than a market or shopping street.
DemoPlace ComposePlace(std::string_view community_code, bool residential, DemoRandom& rng);

// Whether appeals of this category are about a housing estate (property, lifts, building repairs), so
// they come from an urban community.
bool IsEstateCategory(std::string_view category_code);

struct AppealText {
  std::string title;
  std::string content;
  int issue = 0;  // which of the category's template issues it is about (the reply answers that one)
};

// An appeal of category `category_code` (a code of DemoCategories()) at `place`, worded for the
// channel it came through (a caller, a visitor, a grid worker, a letter …).
AppealText ComposeAppeal(std::string_view category_code, std::string_view channel, const DemoPlace& place,
                         DemoRandom& rng);
// Another resident raising the same matter again (to be merged into the first).
AppealText ComposeDuplicate(const AppealText& original, DemoRandom& rng);

// The unit's reply to the resident.
std::string ComposeReply(std::string_view category_code, std::string_view department_name, const AppealText& appeal,
                         const DemoPlace& place, bool second_round, DemoRandom& rng);

// An obviously fake resident: "张先生", and a phone number 1380000xxxx.
std::string ComposeAppellantName(DemoRandom& rng);
std::string ComposePhone(DemoRandom& rng);

// Short notes on the timeline.
std::string ComposeAcceptNote(DemoRandom& rng);
std::string ComposeContactNote(DemoRandom& rng);
std::string ComposeReturnReason(std::string_view department_name, DemoRandom& rng);
std::string ComposeExtensionReason(DemoRandom& rng);
enum class DispatchSituation { kFirst, kAfterReturn, kReopened };
std::string ComposeDispatchNote(DispatchSituation situation, bool with_assisting, DemoRandom& rng);
std::string ComposeDissatisfiedReason(bool with_deputy, DemoRandom& rng);
// The coded causes (core/dissatisfaction.h) a supervisor records for one of ComposeDissatisfiedReason's texts.
std::vector<std::string> CausesOfDissatisfiedReason(std::string_view reason);
// Issue 14: a reply of courtesies only, as the units the demo makes careless send now and then (the quality check
// flags it).
std::string ComposePerfunctoryReply(DemoRandom& rng);
std::string ComposeSatisfiedReason(DemoRandom& rng);
std::string ComposeRejectNote(DemoRandom& rng);
std::string ComposeExplainNote(DemoRandom& rng);
std::string ComposeDeliberateNote(const DemoPlace& place, DemoRandom& rng);
std::string ComposeEscalateNote(DemoRandom& rng);
std::string ComposeMergeNote(DemoRandom& rng);
std::string ComposeCloseNote(DemoRandom& rng);
std::string ComposeReopenReason(DemoRandom& rng);

}  // namespace minsheng::cli
