// The reply quality check (答复质量): whether a unit's reply to an appeal says anything of substance. Pure: it reads
// the appeal's text and the reply, nothing else.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace minsheng::text {

enum class ReplyFlaw {
  kTooShort,      // hardly anything written at all ("留言已收悉")
  kTemplateOnly,  // long enough, but only courtesies ("感谢您对我们工作的关心、监督与支持")
  kNoOwnWords,    // not one word of what the appeal is about
  kNoSpecifics,   // no action taken or planned, no date, no contact
};

std::string_view ReplyFlawName(ReplyFlaw flaw);    // "too_short", "template_only", "no_own_words", "no_specifics"
std::string_view ReplyFlawReason(ReplyFlaw flaw);  // for people: "答复过短，几乎没有实质内容"
// How flaws are stored: "too_short,no_specifics" ("" for none); splitting skips names it does not know.
std::string JoinReplyFlaws(const std::vector<ReplyFlaw>& flaws);
std::vector<ReplyFlaw> SplitReplyFlaws(std::string_view stored);

struct ReplyCheck {
  std::vector<ReplyFlaw> flaws;  // in the order of ReplyFlaw; empty: nothing to flag
  int substance = 0;             // Chinese characters in the reply's clauses that are more than courtesies
  bool flagged() const { return !flaws.empty(); }
};

// Checks `reply` against the appeal's `appeal_text` (its title and content). Invalid UTF-8 never fails: its bytes
// read as code points that are neither Chinese nor letters (separators), as text/utf8.h decodes them.
ReplyCheck CheckReply(std::string_view appeal_text, std::string_view reply);

}  // namespace minsheng::text
