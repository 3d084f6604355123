#include "text/routing_classifier.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <map>
#include <numeric>
#include <thread>
#include <unordered_map>

#include "text/evaluation.h"
#include "text/lexicon.h"
#include "text/normalize.h"

namespace minsheng::text {
namespace {

constexpr std::string_view kMagic = "minsheng-routing-model 1\n";

// Feature fingerprint -> column, open addressing with linear probing; built once, read by many threads.
class FeatureIndex {
 public:
  void Build(const std::vector<std::uint64_t>& keys) {
    size_t capacity = 16;
    while (capacity < keys.size() * 2) capacity <<= 1;
    mask_ = capacity - 1;
    keys_.assign(capacity, kEmpty);
    columns_.assign(capacity, 0);
    for (size_t i = 0; i < keys.size(); ++i) {
      size_t slot = keys[i] & mask_;
      while (keys_[slot] != kEmpty) slot = (slot + 1) & mask_;
      keys_[slot] = keys[i];
      columns_[slot] = static_cast<std::uint32_t>(i);
    }
  }
  // Asks the CPU to fetch `key`'s first slot now: a long text looks up thousands of keys, each slot a
  // likely cache miss, and misses asked for together overlap.
  void Prefetch(std::uint64_t key) const {
    if (!keys_.empty()) __builtin_prefetch(&keys_[key & mask_]);
  }
  // The column of `key`, or -1.
  long Find(std::uint64_t key) const {
    if (keys_.empty() || key == kEmpty) return -1;
    for (size_t slot = key & mask_;; slot = (slot + 1) & mask_) {
      if (keys_[slot] == key) return columns_[slot];
      if (keys_[slot] == kEmpty) return -1;
    }
  }

 private:
  static constexpr std::uint64_t kEmpty = 0;
  std::vector<std::uint64_t> keys_;
  std::vector<std::uint32_t> columns_;
  size_t mask_ = 0;
};

// Texts are read up to this many bytes (about 1,000 Chinese characters; over 90% of the messages in the shared data are
// shorter): the category shows early, and the cap bounds the time a prediction takes.
constexpr size_t kMaxTextBytes = 3000;

std::string_view Head(std::string_view text) {
  if (text.size() <= kMaxTextBytes) return text;
  size_t end = kMaxTextBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // not inside a character
  return text.substr(0, end);
}

double SublinearTf(float count) { return 1.0 + std::log(static_cast<double>(count)); }

std::vector<double> Softmax(const std::vector<double>& scores, double temperature) {
  std::vector<double> p(scores.size());
  const double top = *std::max_element(scores.begin(), scores.end());
  double sum = 0;
  for (size_t i = 0; i < scores.size(); ++i) sum += p[i] = std::exp((scores[i] - top) / temperature);
  for (double& x : p) x /= sum;
  return p;
}

// The temperature minimising the mean negative log-likelihood of the true labels: a scan over a log grid,
// then a finer one around the best point.
double FitTemperature(const std::vector<std::vector<double>>& scores, const std::vector<int>& truth) {
  auto nll = [&](double t) {
    double total = 0;
    for (size_t i = 0; i < scores.size(); ++i)
      total -= std::log(std::max(1e-300, Softmax(scores[i], t)[static_cast<size_t>(truth[i])]));
    return total;
  };
  double best_log = 0, best = INFINITY;
  for (double step : {0.25, 0.02}) {
    const double center = best_log;
    for (double lt = center - 20 * step; lt <= center + 20 * step; lt += step) {
      const double v = nll(std::exp(lt));
      if (v < best) best = v, best_log = lt;
    }
  }
  return std::exp(best_log);
}

// Bytes in and out, little-endian (the only byte order this code is built for).
static_assert(std::endian::native == std::endian::little, "model files are read and written little-endian");

template <typename T>
void Put(std::string& out, const T& v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof(T));
}
template <typename T>
void PutArray(std::string& out, const std::vector<T>& v) {
  if (!v.empty()) out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T& v) {
    if (bytes_.size() < sizeof(T)) return false;
    std::memcpy(&v, bytes_.data(), sizeof(T));
    bytes_.remove_prefix(sizeof(T));
    return true;
  }
  template <typename T>
  bool GetArray(std::vector<T>& v, std::uint64_t n) {
    if (n > bytes_.size() / sizeof(T)) return false;
    v.resize(n);
    if (n > 0) std::memcpy(v.data(), bytes_.data(), n * sizeof(T));  // an empty vector's data() may be null
    bytes_.remove_prefix(n * sizeof(T));
    return true;
  }
  bool GetString(std::string& s) {
    std::uint32_t n = 0;
    if (!Get(n) || n > bytes_.size()) return false;
    s.assign(bytes_.substr(0, n));
    bytes_.remove_prefix(n);
    return true;
  }
  bool done() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

}  // namespace

struct RoutingClassifier::Model {
  FeatureOptions features;
  bool cut_with_lexicon = false;
  Lexicon lexicon;
  double temperature = 1.0;
  std::vector<std::string> labels;
  std::vector<std::uint64_t> fingerprints;  // ascending; position = column
  std::vector<float> idf;
  LinearWeights weights;
  FeatureIndex index;

  FeatureCounts Features(std::string_view text) const {
    const std::string normalized = Normalize(Head(text));
    const Lexicon empty;
    return ExtractFeatures((cut_with_lexicon ? lexicon : empty).Cut(normalized), features);
  }

  // The L2-normalised sublinear TF-IDF row of a text's known features.
  void Row(const FeatureCounts& counts, std::vector<std::uint32_t>& columns, std::vector<float>& values) const {
    columns.clear();
    values.clear();
    double norm = 0;
    for (const auto& fc : counts) index.Prefetch(fc.first);
    for (const auto& [key, count] : counts) {
      const long column = index.Find(key);
      if (column < 0) continue;
      const double v = SublinearTf(count) * idf[static_cast<size_t>(column)];
      columns.push_back(static_cast<std::uint32_t>(column));
      values.push_back(static_cast<float>(v));
      norm += v * v;
    }
    if (norm > 0) {
      const double scale = 1.0 / std::sqrt(norm);
      for (float& v : values) v = static_cast<float>(v * scale);
    }
  }

  std::vector<double> Scores(std::string_view text) const {
    std::vector<std::uint32_t> columns;
    std::vector<float> values;
    Row(Features(text), columns, values);
    const size_t classes = labels.size();
    std::vector<double> scores(weights.bias.begin(), weights.bias.end());
    for (std::uint32_t column : columns) __builtin_prefetch(&weights.weights[column * classes]);
    for (size_t k = 0; k < columns.size(); ++k) {
      const float* w = &weights.weights[columns[k] * classes];
      for (size_t c = 0; c < classes; ++c) scores[c] += double(values[k]) * w[c];
    }
    return scores;
  }
};

RoutingClassifier::RoutingClassifier() = default;
RoutingClassifier::RoutingClassifier(RoutingClassifier&&) noexcept = default;
RoutingClassifier& RoutingClassifier::operator=(RoutingClassifier&&) noexcept = default;
RoutingClassifier::~RoutingClassifier() = default;

const std::vector<std::string>& RoutingClassifier::labels() const { return model_->labels; }
double RoutingClassifier::temperature() const { return model_->temperature; }
size_t RoutingClassifier::feature_count() const { return model_->fingerprints.size(); }
std::vector<double> RoutingClassifier::Scores(std::string_view text) const { return model_->Scores(text); }

std::vector<LabelProbability> RoutingClassifier::Predict(std::string_view text, int k) const {
  const std::vector<double> p = Softmax(model_->Scores(text), model_->temperature);
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t top = static_cast<size_t>(std::clamp(k, 1, static_cast<int>(p.size())));
  std::partial_sort(order.begin(), order.begin() + static_cast<long>(top), order.end(),
                    [&](size_t a, size_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
  std::vector<LabelProbability> out;
  for (size_t i = 0; i < top; ++i) out.push_back({model_->labels[order[i]], p[order[i]]});
  return out;
}

Result<RoutingClassifier> RoutingClassifier::Train(const std::vector<RoutingExample>& examples,
                                                   const RoutingTrainOptions& options) {
  auto model = std::make_unique<Model>();
  model->features = options.features;
  std::map<std::string, int> label_ids;
  for (const auto& e : examples) label_ids.emplace(e.label, 0);
  label_ids.erase("");
  if (label_ids.size() < 2) return Fail(Error::Invalid("too_few_labels", "训练数据至少需要两个不同的标签"));
  for (auto& [label, id] : label_ids) {
    id = static_cast<int>(model->labels.size());
    model->labels.push_back(label);
  }

  // Normalise on all cores: it is the slowest step of reading text.
  std::vector<const RoutingExample*> rows;
  for (const auto& e : examples)
    if (!e.label.empty()) rows.push_back(&e);
  std::vector<std::string> normalized(rows.size());
  {
    const unsigned threads = std::max(1u, std::min(4u, std::thread::hardware_concurrency()));
    std::vector<std::jthread> pool;
    for (unsigned t = 0; t < threads; ++t)
      pool.emplace_back([&, t] {
        for (size_t i = t; i < rows.size(); i += threads) normalized[i] = Normalize(Head(rows[i]->text));
      });
  }
  std::vector<std::string_view> views(normalized.begin(), normalized.end());
  model->cut_with_lexicon = options.use_lexicon && LooksSegmented(views);
  if (model->cut_with_lexicon)
    for (std::string_view t : views) {
      size_t start = 0;
      while (start < t.size()) {
        size_t end = std::min(t.find(' ', start), t.size());
        model->lexicon.Add(t.substr(start, end - start));
        start = end + 1;
      }
    }
  const Lexicon none;
  std::vector<FeatureCounts> counts(rows.size());
  std::unordered_map<std::uint64_t, std::uint32_t> document_frequency;
  for (size_t i = 0; i < rows.size(); ++i) {
    counts[i] = ExtractFeatures((model->cut_with_lexicon ? model->lexicon : none).Cut(views[i]), options.features);
    for (const auto& fc : counts[i]) ++document_frequency[fc.first];
  }
  for (const auto& [key, df] : document_frequency)
    if (df >= static_cast<std::uint32_t>(std::max(1, options.min_document_frequency)))
      model->fingerprints.push_back(key);
  if (model->fingerprints.empty()) return Fail(Error::Invalid("no_features", "训练文本里没有可用的特征"));
  std::sort(model->fingerprints.begin(), model->fingerprints.end());
  const double n = static_cast<double>(rows.size());
  for (std::uint64_t key : model->fingerprints)
    model->idf.push_back(static_cast<float>(std::log((1.0 + n) / (1.0 + document_frequency[key])) + 1.0));
  model->index.Build(model->fingerprints);

  SparseRows matrix;
  std::vector<int> y;
  std::vector<std::uint32_t> columns;
  std::vector<float> values;
  for (size_t i = 0; i < rows.size(); ++i) {
    model->Row(counts[i], columns, values);
    matrix.index.insert(matrix.index.end(), columns.begin(), columns.end());
    matrix.value.insert(matrix.value.end(), values.begin(), values.end());
    matrix.start.push_back(static_cast<std::uint32_t>(matrix.index.size()));
    y.push_back(label_ids[rows[i]->label]);
  }
  const int features = static_cast<int>(model->fingerprints.size());
  const int classes = static_cast<int>(model->labels.size());

  if (options.calibrate && rows.size() >= 20) {
    std::vector<std::string> row_labels;
    for (const auto* r : rows) row_labels.push_back(r->label);
    const Split split = StratifiedSplit(row_labels, 0.1, options.seed ^ 0xCA11B);
    SparseRows fit;
    std::vector<int> fit_y;
    for (size_t i : split.train) {
      for (std::uint32_t k = matrix.start[i]; k < matrix.start[i + 1]; ++k) {
        fit.index.push_back(matrix.index[k]);
        fit.value.push_back(matrix.value[k]);
      }
      fit.start.push_back(static_cast<std::uint32_t>(fit.index.size()));
      fit_y.push_back(y[i]);
    }
    model->weights = TrainOneVsRest(fit, fit_y, classes, features, options.svm);
    std::vector<std::vector<double>> held_scores;
    std::vector<int> held_truth;
    for (size_t i : split.test) {
      std::vector<double> s(model->weights.bias.begin(), model->weights.bias.end());
      for (std::uint32_t k = matrix.start[i]; k < matrix.start[i + 1]; ++k)
        for (int c = 0; c < classes; ++c)
          s[static_cast<size_t>(c)] +=
              double(matrix.value[k]) * model->weights.weights[size_t(matrix.index[k]) * size_t(classes) + size_t(c)];
      held_scores.push_back(std::move(s));
      held_truth.push_back(y[i]);
    }
    if (!held_scores.empty()) model->temperature = FitTemperature(held_scores, held_truth);
  }
  model->weights = TrainOneVsRest(matrix, y, classes, features, options.svm);
  RoutingClassifier out;
  out.model_ = std::move(model);
  return out;
}

std::string RoutingClassifier::Serialize() const {
  const Model& m = *model_;
  std::string out(kMagic);
  Put(out, std::uint32_t{m.cut_with_lexicon ? 1u : 0u});
  Put(out, static_cast<std::uint32_t>(m.features.char_ngram_min));
  Put(out, static_cast<std::uint32_t>(m.features.char_ngram_max));
  Put(out, std::uint32_t{m.features.words ? 1u : 0u});
  Put(out, std::uint32_t{m.features.word_bigrams ? 1u : 0u});
  Put(out, static_cast<std::uint32_t>(std::max(0, m.features.lead_chars)));
  Put(out, m.temperature);
  Put(out, static_cast<std::uint32_t>(m.labels.size()));
  for (const auto& l : m.labels) {
    Put(out, static_cast<std::uint32_t>(l.size()));
    out += l;
  }
  Put(out, static_cast<std::uint32_t>(m.lexicon.max_length()));
  const std::vector<std::uint64_t> words = m.lexicon.Fingerprints();
  Put(out, static_cast<std::uint64_t>(words.size()));
  PutArray(out, words);
  Put(out, static_cast<std::uint64_t>(m.fingerprints.size()));
  PutArray(out, m.fingerprints);
  PutArray(out, m.idf);
  PutArray(out, m.weights.weights);
  PutArray(out, m.weights.bias);
  return out;
}

Result<RoutingClassifier> RoutingClassifier::Deserialize(std::string_view bytes) {
  auto bad = [](const std::string& why) { return Fail(Error::Invalid("bad_model", "模型文件无法读取：" + why)); };
  if (!bytes.starts_with(kMagic)) return bad("不是 minsheng 分类模型，或版本不受支持");
  Reader r(bytes.substr(kMagic.size()));
  auto m = std::make_unique<Model>();
  std::uint32_t flags = 0, lo = 0, hi = 0, words = 0, bigrams = 0, lead = 0, label_count = 0, max_length = 0;
  if (!r.Get(flags) || !r.Get(lo) || !r.Get(hi) || !r.Get(words) || !r.Get(bigrams) || !r.Get(lead) ||
      !r.Get(m->temperature) || !r.Get(label_count))
    return bad("文件头不完整");
  if (label_count < 2 || label_count > 100000 || !(m->temperature > 0)) return bad("文件头的数值不合理");
  m->cut_with_lexicon = (flags & 1) != 0;
  m->features = {.char_ngram_min = static_cast<int>(lo),
                 .char_ngram_max = static_cast<int>(hi),
                 .words = words != 0,
                 .word_bigrams = bigrams != 0,
                 .lead_chars = static_cast<int>(std::min<std::uint32_t>(lead, 1u << 20))};
  m->labels.resize(label_count);
  for (auto& l : m->labels)
    if (!r.GetString(l)) return bad("标签不完整");
  std::uint64_t word_count = 0, feature_count = 0;
  std::vector<std::uint64_t> word_fingerprints;
  if (!r.Get(max_length) || !r.Get(word_count) || !r.GetArray(word_fingerprints, word_count)) return bad("词表不完整");
  m->lexicon = Lexicon::FromFingerprints(word_fingerprints, static_cast<int>(max_length));
  if (!r.Get(feature_count) || feature_count > 0xFFFFFFFFULL || !r.GetArray(m->fingerprints, feature_count) ||
      !r.GetArray(m->idf, feature_count) || !r.GetArray(m->weights.weights, feature_count * label_count) ||
      !r.GetArray(m->weights.bias, label_count))
    return bad("权重不完整");
  if (!r.done()) return bad("文件末尾有多余的数据");
  m->weights.classes = static_cast<int>(label_count);
  m->weights.features = static_cast<int>(feature_count);
  m->index.Build(m->fingerprints);
  RoutingClassifier out;
  out.model_ = std::move(m);
  return out;
}

}  // namespace minsheng::text
