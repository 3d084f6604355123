// The routing classifier: suggests the category (or department) of an appeal from its text.
//
// Text is normalised (Normalize) and read, its spaces removed so that word-segmented and raw text look
// alike, as character 1-3-grams weighted by sublinear TF-IDF and L2-normalised; one linear SVM per label
// scores it, and a softmax of the scores over a temperature fitted on held-back training rows turns the
// scores into probabilities. Options add words, word pairs, longer n-grams and cutting raw text with the
// words of segmented training text (Lexicon); bench/RESULTS.md has what each adds on the shared data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "text/linear_svm.h"
#include "text/routing_features.h"

namespace minsheng::text {

struct RoutingExample {
  std::string text;   // raw or word-segmented with spaces
  std::string label;  // not empty
};

struct RoutingTrainOptions {
  FeatureOptions features;
  SvmOptions svm;
  int min_document_frequency = 2;  // features in fewer training texts are ignored
  bool use_lexicon = false;        // cut raw text with the words of segmented training text (measured: no gain)
  bool calibrate = true;           // fit the softmax temperature on 10% of the rows held back (else 1)
  std::uint64_t seed = 20261203;
};

struct LabelProbability {
  std::string label;
  double p = 0;
};

class RoutingClassifier {
 public:
  RoutingClassifier();
  RoutingClassifier(RoutingClassifier&&) noexcept;
  RoutingClassifier& operator=(RoutingClassifier&&) noexcept;
  ~RoutingClassifier();

  // Learns from `examples`; fails (kInvalid) with fewer than two labels or no usable text.
  static Result<RoutingClassifier> Train(const std::vector<RoutingExample>& examples,
                                         const RoutingTrainOptions& options = {});

  // The k most probable labels for `text` (any UTF-8), best first; k is clamped to [1, labels].
  // Thread-safe (const).
  std::vector<LabelProbability> Predict(std::string_view text, int k) const;

  // The linear score of every label, in labels() order (before the temperature and the softmax).
  std::vector<double> Scores(std::string_view text) const;

  const std::vector<std::string>& labels() const;
  double temperature() const;
  size_t feature_count() const;

  // The model file's bytes. Format, version 1 (all numbers little-endian):
  //   "minsheng-routing-model 1\n"
  //   u32 flags (bit 0: a lexicon cuts the text), u32 char_ngram_min, u32 char_ngram_max, u32 words,
  //   u32 word_bigrams, u32 lead_chars, f64 temperature,
  //   u32 L labels, each u32 byte length + UTF-8 bytes,
  //   u32 lexicon max word length, u64 W, u64 word fingerprints[W],
  //   u64 F, u64 feature fingerprints[F] (ascending), f32 idf[F], f32 weights[F * L] (feature-major),
  //   f32 bias[L].
  std::string Serialize() const;
  // Reads Serialize's bytes; fails (kInvalid) on another format, version or a truncated file.
  static Result<RoutingClassifier> Deserialize(std::string_view bytes);

 private:
  struct Model;
  std::unique_ptr<Model> model_;
};

}  // namespace minsheng::text
