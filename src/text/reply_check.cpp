#include "text/reply_check.h"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_set>

#include "text/utf8.h"

namespace minsheng::text {
namespace {

// The code points of `s` as one string, to search for words in it.
std::u32string Decode(std::string_view s) {
  const std::vector<char32_t> points = CodePoints(s);
  return std::u32string(points.begin(), points.end());
}

bool IsHan(char32_t c) { return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF); }
bool IsDigit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
bool IsLatin(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool IsWordChar(char32_t c) { return IsHan(c) || IsDigit(c) || IsLatin(c); }

std::vector<std::u32string> DecodeAll(std::initializer_list<std::string_view> words) {
  std::vector<std::u32string> out;
  for (std::string_view w : words) out.push_back(Decode(w));
  // Longest first, so that 已收悉 covers before 收悉 is tried.
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
  return out;
}

// Words of courtesy and of form: a clause made of these (and at most a few other characters) says nothing.
const std::vector<std::u32string>& Courtesies() {
  static const auto words = DecodeAll({
      "网友", "您好",     "你好",   "您的", "你的",     "您",   "你",   "留言", "已收悉", "收悉", "感谢", "谢谢",
      "关心", "关注",     "支持",   "监督", "理解",     "信任", "我们", "工作", "以及",   "现将", "有关", "相关",
      "情况", "回复",     "答复",   "如下", "高度重视", "重视", "专此", "特此", "此致",   "敬礼", "平台", "反映",
      "反应", "问题",     "来信",   "来电", "诉求",     "栏目", "问政", "对",   "和",     "与",   "的",   "了",
      "已",   "经",       "及",     "为",   "是",       "在",   "向",   "并",   "将",     "给",   "我局", "我办",
      "本局", "我单位",   "我部门", "领导", "书记",     "市长", "主任", "同志", "先生",   "女士", "尊敬", "欢迎",
      "继续", "一如既往", "建议",   "意见", "表示",     "衷心", "非常", "十分", "认真",   "研究",
  });
  return words;
}

// Bigrams too common in appeals and replies alike to show that a reply speaks of this appeal.
const std::unordered_set<std::u32string>& CommonBigrams() {
  static const auto set = [] {
    std::unordered_set<std::u32string> s;
    for (std::string_view w : {"问题", "反映", "情况", "您好", "你好", "我们", "工作", "进行", "相关", "部门", "有关",
                               "处理", "解决", "希望", "请求", "要求", "市民", "居民", "群众", "领导", "政府", "单位",
                               "已经", "目前", "现在", "没有", "可以", "是否", "一个", "这个", "我们", "感谢", "支持"})
      s.insert(Decode(w));
    return s;
  }();
  return set;
}

// Words that name something done, ordered or planned, or guidance the resident can act on.
const std::vector<std::u32string>& ActionWords() {
  static const auto words = DecodeAll({
      "安排", "责成", "约谈", "通知",   "整改", "清理",   "维修", "修复", "更换",   "处理", "协调", "督促",
      "完成", "拆除", "恢复", "开展",   "现场", "调查",   "核实", "核查", "处罚",   "查处", "执法", "巡查",
      "检查", "疏通", "施工", "补贴",   "办理", "建议您", "请您", "可向", "可拨打", "将于", "计划", "预计",
      "列入", "纳入", "责令", "立案",   "取缔", "暂扣",   "罚款", "设置", "增设",   "安装", "加装", "发放",
      "退还", "补发", "受理", "转交",   "转办", "派员",   "正在", "拟",   "移交",   "加强", "完善", "访问",
      "查询", "致电", "登录", "规划为", "经查", "据查",   "协商",
  });
  return words;
}

const std::vector<std::u32string>& DateWords() {
  static const auto words =
      DecodeAll({"今日", "今天", "明日", "明天", "本周", "下周", "月底", "年底", "近日", "工作日", "上午", "下午"});
  return words;
}

const std::vector<std::u32string>& ContactWords() {
  static const auto words = DecodeAll({"电话", "联系人", "联系方式", "热线", "咨询", "窗口", "地址", "办公室"});
  return words;
}

bool ContainsAny(const std::u32string& text, const std::vector<std::u32string>& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](const std::u32string& w) { return text.find(w) != std::u32string::npos; });
}

// A digit run followed by a unit of time (2019年, 5月, 26日, 3号, 7天, 3个工作日), or 7+ digits (a phone).
struct Numbers {
  bool date = false;
  bool phone = false;
};
Numbers ScanNumbers(const std::u32string& t) {
  static const std::u32string kTimeUnits = U"年月日号天周时";
  Numbers out;
  for (std::size_t i = 0; i < t.size();) {
    if (!IsDigit(t[i])) {
      ++i;
      continue;
    }
    std::size_t j = i, digits = 0;
    while (j < t.size() && (IsDigit(t[j]) || (t[j] == U'-' && j + 1 < t.size() && IsDigit(t[j + 1])))) {
      digits += IsDigit(t[j]) ? 1 : 0;
      ++j;
    }
    if (digits >= 7) out.phone = true;
    // 2019.9.25, 2019/9/25: a year of four digits and more numbers (2019-9-25 is one run, counted as a phone).
    if (j < t.size() && j - i == 4 && (t[j] == U'.' || t[j] == U'/') && j + 1 < t.size() && IsDigit(t[j + 1]))
      out.date = true;
    std::size_t k = j;
    if (k < t.size() && t[k] == U'个') ++k;
    if (k < t.size() && kTimeUnits.find(t[k]) != std::u32string::npos) out.date = true;
    i = j;
  }
  return out;
}

// The runs of word characters: clauses, split at punctuation and spaces.
std::vector<std::u32string> Clauses(const std::u32string& t) {
  std::vector<std::u32string> out;
  std::u32string cur;
  for (char32_t c : t) {
    if (IsWordChar(c)) {
      cur.push_back(c >= U'Ａ' && c <= U'ｚ' ? c - 0xFEE0 : c);
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

// The Chinese characters of `clause` that no courtesy covers.
int UncoveredHan(const std::u32string& clause) {
  std::vector<bool> covered(clause.size(), false);
  for (const std::u32string& w : Courtesies())
    for (std::size_t at = clause.find(w); at != std::u32string::npos; at = clause.find(w, at + 1))
      std::fill(covered.begin() + at, covered.begin() + at + w.size(), true);
  int n = 0;
  for (std::size_t i = 0; i < clause.size(); ++i) n += IsHan(clause[i]) && !covered[i] ? 1 : 0;
  return n;
}

// The bigrams of adjacent Chinese characters, and the Latin or digit words of two characters or more (lower case).
std::unordered_set<std::u32string> Terms(const std::vector<std::u32string>& clauses) {
  std::unordered_set<std::u32string> out;
  for (const std::u32string& c : clauses) {
    for (std::size_t i = 0; i + 1 < c.size(); ++i)
      if (IsHan(c[i]) && IsHan(c[i + 1])) out.insert(c.substr(i, 2));
    for (std::size_t i = 0; i < c.size();) {
      if (IsHan(c[i])) {
        ++i;
        continue;
      }
      std::u32string word;
      for (; i < c.size() && !IsHan(c[i]); ++i) word.push_back(c[i] >= U'A' && c[i] <= U'Z' ? c[i] + 32 : c[i]);
      if (word.size() >= 2) out.insert(word);
    }
  }
  return out;
}

// A clause with at least this many characters beyond courtesies says something.
constexpr int kSubstantiveClause = 4;
// Fewer characters of substance than this is no answer; fewer in the whole reply than kShortReply is too short.
constexpr int kMinSubstance = 10;
constexpr int kShortReply = 30;
// A reply with this much substance answers by its content, whatever it names of actions, dates or contacts.
constexpr int kSpecificByLength = 60;
// An appeal with fewer Chinese characters than this is too short to expect its words back.
constexpr int kAppealWithWords = 8;

}  // namespace

std::string_view ReplyFlawName(ReplyFlaw flaw) {
  switch (flaw) {
    case ReplyFlaw::kTooShort:
      return "too_short";
    case ReplyFlaw::kTemplateOnly:
      return "template_only";
    case ReplyFlaw::kNoOwnWords:
      return "no_own_words";
    case ReplyFlaw::kNoSpecifics:
      return "no_specifics";
  }
  return "";
}

std::string_view ReplyFlawReason(ReplyFlaw flaw) {
  switch (flaw) {
    case ReplyFlaw::kTooShort:
      return "答复过短，几乎没有实质内容";
    case ReplyFlaw::kTemplateOnly:
      return "只有客套话，没有实质内容";
    case ReplyFlaw::kNoOwnWords:
      return "没有提到诉求里的任何事项";
    case ReplyFlaw::kNoSpecifics:
      return "没有说明采取的措施、时间或联系方式";
  }
  return "";
}

std::string JoinReplyFlaws(const std::vector<ReplyFlaw>& flaws) {
  std::string out;
  for (ReplyFlaw f : flaws) out += (out.empty() ? "" : ",") + std::string(ReplyFlawName(f));
  return out;
}

std::vector<ReplyFlaw> SplitReplyFlaws(std::string_view stored) {
  constexpr std::array kAll = {ReplyFlaw::kTooShort, ReplyFlaw::kTemplateOnly, ReplyFlaw::kNoOwnWords,
                               ReplyFlaw::kNoSpecifics};
  std::vector<ReplyFlaw> out;
  while (!stored.empty()) {
    const std::size_t comma = stored.find(',');
    const std::string_view name = stored.substr(0, comma);
    for (ReplyFlaw f : kAll)
      if (ReplyFlawName(f) == name) out.push_back(f);
    stored = comma == std::string_view::npos ? std::string_view() : stored.substr(comma + 1);
  }
  return out;
}

ReplyCheck CheckReply(std::string_view appeal_text, std::string_view reply) {
  const std::u32string text = Decode(reply);
  ReplyCheck out;
  int total_han = 0;
  std::vector<std::u32string> substantive;
  for (std::u32string& clause : Clauses(text)) {
    const int han = static_cast<int>(std::count_if(clause.begin(), clause.end(), IsHan));
    total_han += han;
    if (UncoveredHan(clause) >= kSubstantiveClause) {
      out.substance += han;
      substantive.push_back(std::move(clause));
    }
  }
  if (out.substance < kMinSubstance)
    out.flaws.push_back(total_han < kShortReply ? ReplyFlaw::kTooShort : ReplyFlaw::kTemplateOnly);

  const std::u32string appeal = Decode(appeal_text);
  if (std::count_if(appeal.begin(), appeal.end(), IsHan) >= kAppealWithWords) {
    const auto appeal_terms = Terms(Clauses(appeal));
    const auto& common = CommonBigrams();
    bool shared = false;
    for (const std::u32string& term : Terms(substantive))
      if (!common.contains(term) && appeal_terms.contains(term)) {
        shared = true;
        break;
      }
    if (!shared) out.flaws.push_back(ReplyFlaw::kNoOwnWords);
  }

  const Numbers numbers = ScanNumbers(text);
  const bool action = ContainsAny(text, ActionWords());
  const bool date = numbers.date || ContainsAny(text, DateWords());
  const bool contact = numbers.phone || ContainsAny(text, ContactWords());
  if (!action && !date && !contact && out.substance < kSpecificByLength) out.flaws.push_back(ReplyFlaw::kNoSpecifics);
  return out;
}

}  // namespace minsheng::text
