// Routing classifier figures (issue 14): accuracy, macro-F1 and top-3 on the held-out 10% of the segmented
// training set (the split `minsheng train` uses) and on the raw messages of labelled.csv (after dropping
// their near-twins from the training set), training time and prediction latency.
//
//   build/release/routing_bench --data ../shared/data/messages [--c 1] [--ngram-max 3] [--min-df 2]
//                               [--lexicon] [--words] [--word-bigrams] [--no-calibrate]
//                               [--self-train P]  (add messages without labels the model labels at p >= P)
#include <algorithm>
#include <cmath>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <vector>

#include "text/csv.h"
#include "text/evaluation.h"
#include "text/fingerprint.h"
#include "text/lexicon.h"
#include "text/normalize.h"
#include "text/routing_classifier.h"
#include "text/utf8.h"

namespace {

using namespace minsheng;
using Clock = std::chrono::steady_clock;

text::CsvTable Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  auto table = text::ParseCsv(buffer.str());
  if (!table) {
    std::cerr << path << ": " << table.error().message << "\n";
    std::exit(1);
  }
  return std::move(*table);
}

std::vector<text::RoutingExample> Examples(const text::CsvTable& t, const std::vector<std::string>& text_columns,
                                           const std::string& label_column) {
  std::vector<int> columns;
  for (const auto& c : text_columns) columns.push_back(t.Column(c));
  const int label = t.Column(label_column);
  std::vector<text::RoutingExample> out;
  for (const auto& row : t.rows) {
    text::RoutingExample e;
    for (int c : columns) e.text += (e.text.empty() ? "" : "\n") + row[static_cast<size_t>(c)];
    e.label = row[static_cast<size_t>(label)];
    if (!e.label.empty()) out.push_back(std::move(e));
  }
  return out;
}

// Character bigrams of the text as the classifier sees it (normalised, cut with the lexicon, no spaces).
std::vector<std::uint64_t> Bigrams(const std::string& raw, const text::Lexicon& lexicon) {
  const std::string normalized = text::Normalize(raw);
  std::vector<char32_t> cps;
  for (auto w : lexicon.Cut(normalized))
    for (char32_t c : text::CodePoints(w)) cps.push_back(c);
  std::vector<std::uint64_t> out;
  for (size_t i = 1; i < cps.size(); ++i) out.push_back((std::uint64_t(cps[i - 1]) << 21) | cps[i]);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

double Overlap(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
  if (a.empty() || b.empty()) return 0;
  size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j])
      ++i;
    else if (b[j] < a[i])
      ++j;
    else
      ++common, ++i, ++j;
  }
  return double(common) / double(std::min(a.size(), b.size()));
}

double ThreadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e6 + double(ts.tv_nsec) / 1e3;
}

struct Run {
  text::ClassifierFigures figures;
  double mean_top_p = 0;  // the mean probability given to the first label
  double ece = 0;         // expected calibration error of the first label over 10 bins of p
  std::vector<double> micros;
  std::vector<double> cpu_micros;  // the thread's CPU time: the same less the waits for a core the machine shares
};

Run Score(const text::RoutingClassifier& c, const std::vector<text::RoutingExample>& test) {
  Run run;
  std::vector<std::vector<std::string>> ranked;
  std::vector<std::string> truth;
  std::vector<double> top_p;
  std::vector<bool> right;
  for (const auto& e : test) {
    const double cpu0 = ThreadCpuMicros();
    const auto t0 = Clock::now();
    const auto top = c.Predict(e.text, 3);
    run.micros.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
    run.cpu_micros.push_back(ThreadCpuMicros() - cpu0);
    std::vector<std::string> labels;
    for (const auto& lp : top) labels.push_back(lp.label);
    top_p.push_back(top.at(0).p);
    right.push_back(top.at(0).label == e.label);
    ranked.push_back(std::move(labels));
    truth.push_back(e.label);
  }
  run.figures = text::Evaluate(ranked, truth);
  double bin_p[10] = {}, bin_right[10] = {}, bin_n[10] = {};
  for (size_t i = 0; i < top_p.size(); ++i) {
    const int b = std::min(9, static_cast<int>(top_p[i] * 10));
    bin_p[b] += top_p[i];
    bin_right[b] += right[i];
    ++bin_n[b];
    run.mean_top_p += top_p[i] / double(top_p.size());
  }
  for (int b = 0; b < 10; ++b)
    run.ece += std::fabs(bin_p[b] - bin_right[b]) / double(std::max<size_t>(1, top_p.size()));
  return run;
}

void Print(const char* name, const Run& run) {
  const text::ClassifierFigures& f = run.figures;
  std::printf("%-34s n=%-5zu top-1 %.4f  macro-F1 %.4f  top-3 %.4f  (mean p %.3f, ECE %.3f)\n", name, f.count,
              f.accuracy, f.macro_f1, f.top3_accuracy, run.mean_top_p, run.ece);
}

double Percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[std::min(v.size() - 1, static_cast<size_t>(q * double(v.size())))];
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = "../shared/data/messages";
  text::RoutingTrainOptions options;
  double twin_threshold = 0.5;
  double self_train_threshold = 0;  // 0: no self-training
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&] { return i + 1 < argc ? std::string(argv[++i]) : std::string(); };
    if (a == "--data")
      dir = next();
    else if (a == "--c")
      options.svm.c = std::stod(next());
    else if (a == "--ngram-max")
      options.features.char_ngram_max = std::stoi(next());
    else if (a == "--ngram-min")
      options.features.char_ngram_min = std::stoi(next());
    else if (a == "--min-df")
      options.min_document_frequency = std::stoi(next());
    else if (a == "--lexicon")
      options.use_lexicon = true;
    else if (a == "--lead")
      options.features.lead_chars = std::stoi(next());
    else if (a == "--words")
      options.features.words = true;
    else if (a == "--word-bigrams")
      options.features.word_bigrams = true;
    else if (a == "--no-calibrate")
      options.calibrate = false;
    else if (a == "--self-train")
      self_train_threshold = std::stod(next());
    else if (a == "--twin-threshold")
      twin_threshold = std::stod(next());
    else {
      std::cerr << "unknown flag " << a << "\n";
      return 2;
    }
  }
  const auto segmented = Examples(Load(dir + "/labelled-segmented.csv"), {"分词文本"}, "一级标签");
  const auto raw = Examples(Load(dir + "/labelled.csv"), {"留言主题", "留言详情"}, "一级分类");

  // 1. The held-out 10% of the segmented set, as `minsheng train` splits it.
  std::vector<std::string> labels;
  for (const auto& e : segmented) labels.push_back(e.label);
  const text::Split split = text::StratifiedSplit(labels, 0.1, 20261203);
  std::vector<text::RoutingExample> train, held;
  for (size_t i : split.train) train.push_back(segmented[i]);
  for (size_t i : split.test) held.push_back(segmented[i]);
  (void)text::Normalize("預熱");  // the one-time set-up of ICU's data is not a prediction
  auto t0 = Clock::now();
  auto model = text::RoutingClassifier::Train(train, options);
  const double train_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!model) {
    std::cerr << model.error().message << "\n";
    return 1;
  }
  const Run held_run = Score(*model, held);
  const std::string bytes = model->Serialize();
  t0 = Clock::now();
  auto loaded = text::RoutingClassifier::Deserialize(bytes);
  std::printf("model file %.1f MB, loaded in %.1f ms%s\n", double(bytes.size()) / 1e6,
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count(), loaded ? "" : " (FAILED)");
  std::printf("features %zu, temperature %.4f, training %.2f s on %zu rows\n", model->feature_count(),
              model->temperature(), train_seconds, train.size());
  Print("held-out 10% (segmented)", held_run);
  Print("labelled.csv raw (twins kept)", Score(*model, raw));

  // 2. labelled.csv raw, after dropping its near-twins from the whole segmented set.
  text::Lexicon lexicon;
  for (const auto& e : segmented) {
    const std::string n = text::Normalize(e.text);
    for (auto w : text::Lexicon().Cut(n)) lexicon.Add(w);
  }
  std::vector<std::vector<std::uint64_t>> raw_grams;
  for (const auto& e : raw) raw_grams.push_back(Bigrams(e.text, lexicon));
  std::vector<text::RoutingExample> untwinned, dropped;
  size_t twins = 0, twins_agreeing = 0;
  for (const auto& e : segmented) {
    const auto grams = Bigrams(e.text, lexicon);
    bool twin = false;
    for (size_t r = 0; r < raw.size() && !twin; ++r)
      if (Overlap(grams, raw_grams[r]) >= twin_threshold) {
        twin = true;
        twins_agreeing += raw[r].label == e.label;
      }
    if (twin) {
      ++twins;
      dropped.push_back(e);
    } else {
      untwinned.push_back(e);
    }
  }
  t0 = Clock::now();
  auto clean = text::RoutingClassifier::Train(untwinned, options);
  const double clean_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  const Run raw_run = Score(*clean, raw);
  std::printf(
      "dropped %zu near-twins (bigram overlap >= %.2f; %zu with the raw message's label); training %.2f s on "
      "%zu rows\n",
      twins, twin_threshold, twins_agreeing, clean_seconds, untwinned.size());
  Print("labelled.csv raw (twins dropped)", raw_run);
  Print("the dropped twins (segmented)", Score(*clean, dropped));

  // 3. Self-training: the messages without labels (unlabelled.csv, hot.csv, replies.csv), less the twins of
  // labelled.csv's messages, labelled by the model where it is sure, cut into the training words, added.
  if (self_train_threshold > 0) {
    std::vector<std::string> pool;
    for (const char* file : {"unlabelled.csv", "hot.csv", "replies.csv"}) {
      const auto t = Load(dir + "/" + file);
      const int title = t.Column("留言主题"), body = t.Column("留言详情");
      for (const auto& row : t.rows) pool.push_back(row[size_t(title)] + "\n" + row[size_t(body)]);
    }
    std::vector<text::RoutingExample> augmented = untwinned;
    size_t pooled = 0, skipped_twins = 0;
    std::unordered_set<std::uint64_t> seen;
    for (const auto& message : pool) {
      const auto grams = Bigrams(message, lexicon);
      if (!seen.insert(text::Fingerprint(text::Normalize(message))).second) continue;
      bool twin = false;
      for (size_t r = 0; r < raw.size() && !twin; ++r) twin = Overlap(grams, raw_grams[r]) >= twin_threshold;
      if (twin) {
        ++skipped_twins;
        continue;
      }
      ++pooled;
      const auto top = clean->Predict(message, 1);
      if (top.at(0).p < self_train_threshold) continue;
      std::string cut;
      for (auto w : lexicon.Cut(text::Normalize(message))) {
        if (!cut.empty()) cut.push_back(' ');
        cut.append(w);
      }
      augmented.push_back({cut, top.at(0).label});
    }
    auto self = text::RoutingClassifier::Train(augmented, options);
    std::printf(
        "self-training: %zu distinct messages without labels (%zu twins of labelled.csv left out), %zu "
        "labelled at p >= %.2f\n",
        pooled, skipped_twins, augmented.size() - untwinned.size(), self_train_threshold);
    Print("labelled.csv raw (self-trained)", Score(*self, raw));
  }

  std::vector<double> micros = held_run.micros, cpu = held_run.cpu_micros;
  micros.insert(micros.end(), raw_run.micros.begin(), raw_run.micros.end());
  cpu.insert(cpu.end(), raw_run.cpu_micros.begin(), raw_run.cpu_micros.end());
  std::printf("prediction (normalise + features + scores, one thread): p50 %.0f us, p99 %.0f us, max %.0f us\n",
              Percentile(micros, 0.5), Percentile(micros, 0.99), Percentile(micros, 1.0));
  std::printf("prediction CPU time (the same calls):                p50 %.0f us, p99 %.0f us, max %.0f us\n",
              Percentile(cpu, 0.5), Percentile(cpu, 0.99), Percentile(cpu, 1.0));
  return 0;
}
