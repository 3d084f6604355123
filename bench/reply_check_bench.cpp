// The reply quality check (text/reply_check.h) over real government replies: what share it flags, for which flaw,
// examples of each, and how long a check takes. Prints figures, asserts nothing.
//
//   build/release/reply_check_bench [--data ../shared/data/messages/replies.csv] [--examples 3]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "text/csv.h"
#include "text/reply_check.h"

using namespace minsheng;

namespace {

// The first `n` code points of `s` on one line.
std::string Excerpt(const std::string& s, std::size_t n) {
  std::string out;
  std::size_t points = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool starts_point = (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    if (starts_point && points++ == n) break;
    out.push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = "../shared/data/messages/replies.csv";
  int examples = 3;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--data")
      path = argv[i + 1];
    else if (flag == "--examples")
      examples = std::stoi(argv[i + 1]);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    return 1;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto table = text::ParseCsv(buffer.str());
  if (!table) {
    std::cerr << table.error().message << "\n";
    return 1;
  }
  const int title = table->Column("留言主题"), details = table->Column("留言详情"), reply = table->Column("答复意见");
  if (title < 0 || details < 0 || reply < 0) {
    std::cerr << path << ": needs the columns 留言主题, 留言详情 and 答复意见\n";
    return 1;
  }
  std::map<std::string, int> by_flaw;
  std::map<std::string, std::vector<std::size_t>> shown;
  std::vector<double> micros;
  int flagged = 0;
  for (std::size_t r = 0; r < table->rows.size(); ++r) {
    const auto& row = table->rows[r];
    const std::string appeal = row[title] + "\n" + row[details];
    const auto start = std::chrono::steady_clock::now();
    const text::ReplyCheck check = text::CheckReply(appeal, row[reply]);
    micros.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count());
    if (!check.flagged()) continue;
    ++flagged;
    const std::string key = text::JoinReplyFlaws(check.flaws);
    for (text::ReplyFlaw f : check.flaws) ++by_flaw[std::string(text::ReplyFlawName(f))];
    if (static_cast<int>(shown[key].size()) < examples) shown[key].push_back(r);
  }
  const std::size_t n = table->rows.size();
  std::sort(micros.begin(), micros.end());
  std::printf("%zu replies, %d flagged (%.1f%%); check p50 %.1f µs, p99 %.1f µs\n", n, flagged, 100.0 * flagged / n,
              micros[micros.size() / 2], micros[micros.size() * 99 / 100]);
  for (const auto& [flaw, count] : by_flaw)
    std::printf("  %-14s %5d (%.1f%%)\n", flaw.c_str(), count, 100.0 * count / n);
  for (const auto& [key, rows] : shown) {
    std::printf("\n[%s]\n", key.c_str());
    for (std::size_t r : rows)
      std::printf("  问：%s\n  答：%s\n", Excerpt(table->rows[r][title], 40).c_str(),
                  Excerpt(table->rows[r][reply], 90).c_str());
  }
  return 0;
}
