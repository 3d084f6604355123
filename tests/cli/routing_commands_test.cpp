// `minsheng train` and `minsheng classify` end to end on a small generated CSV in a temporary folder.
#include "cli/routing_commands.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace minsheng::cli {
namespace {

namespace fs = std::filesystem;

class RoutingCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("minsheng-routing-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    fs::create_directories(dir_);
    // Raw text with quotes, commas and line breaks inside quoted fields; two labels by their words.
    std::ofstream csv(dir_ / "appeals.csv");
    csv << "编号,内容,分类\n";
    std::mt19937_64 rng(11);
    const std::vector<std::string> noise = {"噪音", "油烟", "扰民", "污水"}, school = {"学校", "老师", "补课", "招生"};
    for (int i = 0; i < 60; ++i) {
      const bool env = i % 2 == 0;
      const auto& words = env ? noise : school;
      csv << i << ",\"尊敬的领导，\n"
          << words[rng() % 4] << "问题，\"\"" << words[rng() % 4] << "\"\"太严重\"," << (env ? "环境保护" : "教育文体")
          << "\n";
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  int Train(std::vector<std::string> args, std::string* out_text = nullptr) {
    std::ostringstream out, err;
    const int code = RunTrain(args, out, err);
    if (out_text) *out_text = out.str() + err.str();
    return code;
  }

  fs::path dir_;
};

TEST_F(RoutingCommandsTest, TrainThenClassifyKeepsLineAlignment) {
  const std::string model = (dir_ / "routing.model").string();
  std::string printed;
  ASSERT_EQ(Train({"--data", (dir_ / "appeals.csv").string(), "--text-column", "内容", "--label-column", "分类",
                   "--model", model},
                  &printed),
            0)
      << printed;
  EXPECT_NE(printed.find("held-out accuracy: 1.0000"), std::string::npos) << printed;
  EXPECT_NE(printed.find("held-out macro-F1: "), std::string::npos) << printed;
  EXPECT_NE(printed.find("held-out top-3 accuracy: 1.0000"), std::string::npos) << printed;
  ASSERT_TRUE(fs::exists(model));

  std::istringstream in(
      "{\"text\": \"楼下饭店油烟和噪音扰民\"}\n"
      "not json\n"
      "{\"title\": \"no text\"}\n"
      "\n"
      "{\"text\": 3}\n"
      "{\"text\": \"学校补课乱收费\"}\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunClassify({"--model", model, "--top", "2"}, in, out, err), 0) << err.str();
  std::istringstream lines(out.str());
  std::vector<nlohmann::json> answers;
  for (std::string line; std::getline(lines, line);) answers.push_back(nlohmann::json::parse(line));
  ASSERT_EQ(answers.size(), 6u);
  ASSERT_TRUE(answers[0].contains("labels"));
  ASSERT_EQ(answers[0]["labels"].size(), 2u);
  EXPECT_EQ(answers[0]["labels"][0]["label"], "环境保护");
  EXPECT_GT(answers[0]["labels"][0]["p"].get<double>(), answers[0]["labels"][1]["p"].get<double>());
  EXPECT_NEAR(answers[0]["labels"][0]["p"].get<double>() + answers[0]["labels"][1]["p"].get<double>(), 1.0, 1e-3);
  for (int bad : {1, 2, 3, 4}) EXPECT_TRUE(answers[static_cast<size_t>(bad)].contains("error")) << bad;
  EXPECT_EQ(answers[5]["labels"][0]["label"], "教育文体");
}

TEST_F(RoutingCommandsTest, DefaultTopIsThreeClampedToTheLabels) {
  const std::string model = (dir_ / "m").string();
  ASSERT_EQ(Train({"--data", (dir_ / "appeals.csv").string(), "--text-column", "内容", "--label-column", "分类",
                   "--model", model}),
            0);
  std::istringstream in("{\"text\": \"噪音\"}\n");
  std::ostringstream out, err;
  ASSERT_EQ(RunClassify({"--model", model}, in, out, err), 0);
  EXPECT_EQ(nlohmann::json::parse(out.str())["labels"].size(), 2u);  // only two labels exist
}

TEST_F(RoutingCommandsTest, ErrorsAreReportedNotThrown) {
  std::string printed;
  EXPECT_EQ(Train({"--data", (dir_ / "appeals.csv").string(), "--text-column", "正文", "--label-column", "分类",
                   "--model", (dir_ / "m").string()},
                  &printed),
            2);
  EXPECT_NE(printed.find("没有列 正文"), std::string::npos) << printed;
  EXPECT_EQ(Train({"--data", (dir_ / "missing.csv").string(), "--text-column", "内容", "--label-column", "分类",
                   "--model", (dir_ / "m").string()}),
            2);
  EXPECT_EQ(Train({"--data", (dir_ / "appeals.csv").string()}), 2);
  std::ofstream(dir_ / "not-a-model") << "hello";
  std::istringstream in("{\"text\": \"噪音\"}\n");
  std::ostringstream out, err;
  EXPECT_EQ(RunClassify({"--model", (dir_ / "not-a-model").string()}, in, out, err), 2);
  EXPECT_NE(err.str().find("模型文件无法读取"), std::string::npos) << err.str();
  EXPECT_EQ(RunClassify({"--model", (dir_ / "not-a-model").string(), "--top", "0"}, in, out, err), 2);
}

}  // namespace
}  // namespace minsheng::cli
