#include "cli/routing_commands.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/options.h"
#include "text/csv.h"
#include "text/evaluation.h"
#include "text/routing_classifier.h"

namespace minsheng::cli {
namespace {

constexpr std::uint64_t kSplitSeed = 20261203;

int Fail(std::ostream& err, const Error& e) {
  err << "minsheng: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  return e.kind == ErrorKind::kInvalid ? 2 : 1;
}

Result<std::string> ReadFile(const std::string& path, const std::string& flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return minsheng::Fail(Error::Invalid("unreadable_file", "无法读取文件 " + path, flag));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// Writes beside the target, then renames, so a reader never sees half a model.
Status WriteFileAtomically(const std::string& path, const std::string& bytes) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out.flush()) return minsheng::Fail(Error::Invalid("unwritable_file", "无法写入模型文件 " + path, "model"));
  }
  std::error_code ec;
  std::filesystem::rename(temporary, path, ec);
  if (ec) return minsheng::Fail(Error::Invalid("unwritable_file", "无法写入模型文件 " + path, "model"));
  return {};
}

Result<std::vector<text::RoutingExample>> LoadExamples(const std::string& path, const std::string& text_column,
                                                       const std::string& label_column) {
  MS_ASSIGN(bytes, ReadFile(path, "data"));
  MS_ASSIGN(table, text::ParseCsv(bytes));
  const int text_at = table.Column(text_column), label_at = table.Column(label_column);
  if (text_at < 0)
    return minsheng::Fail(Error::Invalid("unknown_column", "CSV 里没有列 " + text_column, "text-column"));
  if (label_at < 0)
    return minsheng::Fail(Error::Invalid("unknown_column", "CSV 里没有列 " + label_column, "label-column"));
  std::vector<text::RoutingExample> examples;
  for (auto& row : table.rows) {
    if (row[static_cast<size_t>(label_at)].empty()) continue;  // unlabelled rows teach nothing here
    examples.push_back({std::move(row[static_cast<size_t>(text_at)]), std::move(row[static_cast<size_t>(label_at)])});
  }
  return examples;
}

double Round4(double p) { return std::round(p * 10000.0) / 10000.0; }

}  // namespace

int RunTrain(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  auto flags = Flags::Parse(args, {"data", "text-column", "label-column", "model"});
  if (!flags) return Fail(err, flags.error());
  for (const char* name : {"data", "text-column", "label-column", "model"})
    if (flags->Get(name, "").empty())
      return Fail(err, Error::Invalid("missing_flag", std::string("缺少参数 --") + name, name));
  auto examples = LoadExamples(flags->Get("data", ""), flags->Get("text-column", ""), flags->Get("label-column", ""));
  if (!examples) return Fail(err, examples.error());

  std::vector<std::string> labels;
  for (const auto& e : *examples) labels.push_back(e.label);
  const text::Split split = text::StratifiedSplit(labels, 0.1, kSplitSeed);
  std::vector<text::RoutingExample> train, held;
  for (size_t i : split.train) train.push_back((*examples)[i]);
  for (size_t i : split.test) held.push_back((*examples)[i]);

  const auto start = std::chrono::steady_clock::now();
  auto model = text::RoutingClassifier::Train(train, {});
  if (!model) return Fail(err, model.error());
  std::vector<std::vector<std::string>> ranked;
  std::vector<std::string> truth;
  for (const auto& e : held) {
    std::vector<std::string> top;
    for (const auto& lp : model->Predict(e.text, 3)) top.push_back(lp.label);
    ranked.push_back(std::move(top));
    truth.push_back(e.label);
  }
  const text::ClassifierFigures f = text::Evaluate(ranked, truth);
  char line[256];
  out << "rows: " << examples->size() << " (train " << train.size() << ", held-out " << held.size()
      << "), labels: " << model->labels().size() << ", features: " << model->feature_count() << "\n";
  std::snprintf(line, sizeof line, "held-out accuracy: %.4f\nheld-out macro-F1: %.4f\nheld-out top-3 accuracy: %.4f\n",
                f.accuracy, f.macro_f1, f.top3_accuracy);
  out << line << std::flush;

  // The model written learns from every row, the held-out ones too.
  auto final_model = text::RoutingClassifier::Train(*examples, {});
  if (!final_model) return Fail(err, final_model.error());
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  auto written = WriteFileAtomically(flags->Get("model", ""), final_model->Serialize());
  if (!written) return Fail(err, written.error());
  std::snprintf(line, sizeof line, "training seconds: %.1f\nmodel (trained on all %zu rows): %s\n", seconds,
                examples->size(), flags->Get("model", "").c_str());
  out << line;
  return 0;
}

int RunClassify(const std::vector<std::string>& args, std::istream& in, std::ostream& out, std::ostream& err) {
  auto flags = Flags::Parse(args, {"model", "top"});
  if (!flags) return Fail(err, flags.error());
  if (flags->Get("model", "").empty()) return Fail(err, Error::Invalid("missing_flag", "缺少参数 --model", "model"));
  auto top = flags->GetInt("top", 3, 1, 1000000);
  if (!top) return Fail(err, top.error());
  auto bytes = ReadFile(flags->Get("model", ""), "model");
  if (!bytes) return Fail(err, bytes.error());
  auto model = text::RoutingClassifier::Deserialize(*bytes);
  if (!model) return Fail(err, model.error());
  const int k = static_cast<int>(*top);

  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    nlohmann::json answer;
    const nlohmann::json request = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (request.is_discarded()) {
      answer["error"] = "这一行不是有效的 JSON";
    } else if (!request.is_object() || !request.contains("text") || !request["text"].is_string()) {
      answer["error"] = "需要一个带字符串字段 text 的 JSON 对象";
    } else {
      nlohmann::json labels = nlohmann::json::array();
      for (const auto& lp : model->Predict(request["text"].get_ref<const std::string&>(), k))
        labels.push_back({{"label", lp.label}, {"p", Round4(lp.p)}});
      answer["labels"] = std::move(labels);
    }
    out << answer.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n' << std::flush;
  }
  return 0;
}

}  // namespace minsheng::cli
