#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "mapreduce/counters.h"
#include "sluice/mapreduce.h"

namespace sluice::mapreduce {
namespace {

namespace fs = std::filesystem;

class NativeJobTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string tmpl = (fs::temp_directory_path() / "mr_native_test.XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    std::mt19937 rng(5);
    std::ofstream f(dir_ + "/in.txt");
    for (int i = 0; i < 20000; ++i) {
      int n = 1 + static_cast<int>(rng() % 8);
      for (int j = 0; j < n; ++j) f << (j ? " " : "") << "w" << (rng() % 300);
      f << "\n";
      for (int j = 0; j < 0; ++j) {
      }
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  static NativeJob WordCount() {
    NativeJob job;
    job.map = [](std::string_view line, Emitter& out) {
      std::size_t i = 0;
      while (i < line.size()) {
        std::size_t j = line.find(' ', i);
        if (j == std::string_view::npos) j = line.size();
        if (j > i) out.emit(line.substr(i, j - i), "1");
        i = j + 1;
      }
    };
    job.reduce = [](std::string_view key, ValueIterator& values, Emitter& out) {
      long n = 0;
      for (std::string_view v : values) n += std::stol(std::string(v));
      out.emit(key, std::to_string(n));
    };
    return job;
  }
  JobOptions Options(const std::string& out) {
    JobOptions o;
    o.inputs = {dir_ + "/in.txt"};
    o.output = dir_ + "/" + out;
    o.progress = ProgressMode::kQuiet;
    o.split_size = 16 << 10;  // several map tasks
    o.sort_memory = 2 << 20;
    o.reducers = 3;
    return o;
  }
  static std::string ReadDir(const std::string& dir) {
    std::string all;
    for (int i = 0;; ++i) {
      char name[32];
      std::snprintf(name, sizeof name, "/part-%05d", i);
      std::ifstream f(dir + name);
      if (!f) break;
      all += std::string(name) + ":\n" + std::string((std::istreambuf_iterator<char>(f)), {});
    }
    return all;
  }
  std::string dir_;
};

TEST_F(NativeJobTest, WordCountIsRightAndIdenticalWhateverTheParallelism) {
  std::map<std::string, long> want;
  {
    std::ifstream f(dir_ + "/in.txt");
    std::string w;
    while (f >> w) ++want[w];
  }
  std::string first;
  for (unsigned parallel : {1u, 3u}) {
    for (bool combine : {false, true}) {
      NativeJob job = WordCount();
      if (combine) job.combine = job.reduce;
      JobOptions o = Options("out" + std::to_string(parallel) + (combine ? "c" : ""));
      o.parallel = parallel;
      auto r = RunNativeJob(job, o);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_TRUE(r->status.ok()) << r->status.ToString();
      EXPECT_TRUE(fs::exists(o.output + "/_SUCCESS"));
      EXPECT_FALSE(fs::exists(o.output + "/_temporary"));
      EXPECT_EQ(r->part_files.size(), 3u);
      std::string text = ReadDir(o.output);
      if (first.empty()) first = text;
      EXPECT_EQ(text, first);
      std::map<std::string, long> got;
      std::istringstream in(text);
      std::string line;
      while (std::getline(in, line)) {
        if (line.rfind("/part-", 0) == 0) continue;
        auto tab = line.find('\t');
        got[line.substr(0, tab)] += std::stol(line.substr(tab + 1));
      }
      EXPECT_EQ(got, want);
      EXPECT_GT(r->counter(kFrameworkGroup, "Spills"), 1);
      EXPECT_EQ(r->counter(kFrameworkGroup, "Map input records"), 20000);
      if (combine) {  // pre-combined in the map task's hash table, then sorted: counted as Hadoop counts
        EXPECT_EQ(r->counter(kFrameworkGroup, "Combine input records"),
                  r->counter(kFrameworkGroup, "Map output records"));
        EXPECT_GT(r->counter(kFrameworkGroup, "Map output records"), r->counter(kFrameworkGroup, "Spilled Records"));
        EXPECT_EQ(r->counter(kFrameworkGroup, "Combine output records"),
                  r->counter(kFrameworkGroup, "Spilled Records"));
      }
    }
  }
}

TEST_F(NativeJobTest, LongSumGivesTheLambdaSumsAndNamesABadValue) {
  NativeJob lambda = WordCount();
  lambda.combine = lambda.reduce;
  NativeJob long_sum = WordCount();
  long_sum.combine = long_sum.reduce = LongSum{};
  JobOptions a = Options("lambda"), b = Options("longsum");
  auto ra = RunNativeJob(lambda, a);
  auto rb = RunNativeJob(long_sum, b);
  ASSERT_TRUE(ra.ok() && rb.ok());
  ASSERT_TRUE(ra->status.ok() && rb->status.ok()) << rb->status.ToString();
  EXPECT_EQ(ReadDir(b.output), ReadDir(a.output));  // byte-identical part files

  long_sum.map = [](std::string_view line, Emitter& out) { out.emit("count", line.size() > 20 ? "1x" : "1"); };
  JobOptions c = Options("badvalue");
  c.max_attempts = 1;
  auto rc = RunNativeJob(long_sum, c);
  ASSERT_TRUE(rc.ok());
  ASSERT_FALSE(rc->status.ok());
  EXPECT_NE(rc->status.message().find("value \"1x\" of key \"count\""), std::string::npos) << rc->status.message();
  EXPECT_FALSE(fs::exists(c.output));
}

TEST_F(NativeJobTest, ThrowingMapIsRetriedThenTheJobFails) {
  std::atomic<int> calls{0};
  NativeJob job = WordCount();
  auto map = job.map;
  // The first attempt of every task throws once; the retry succeeds.
  job.map = [&calls, map](std::string_view line, Emitter& out) {
    if (line.find("w7 ") != std::string_view::npos && calls.fetch_add(1) < 2) throw std::runtime_error("flaky");
    map(line, out);
  };
  JobOptions o = Options("retry");
  o.parallel = 1;
  auto r = RunNativeJob(job, o);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->status.ok()) << r->status.ToString();
  EXPECT_EQ(r->counter(kJobGroup, "Failed map tasks"), 2);

  job.map = [](std::string_view, Emitter&) { throw std::runtime_error("always broken"); };
  JobOptions o2 = Options("fail");
  o2.max_attempts = 2;
  r = RunNativeJob(job, o2);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->status.ok());
  EXPECT_NE(r->status.message().find("failed after 2 attempt(s)"), std::string::npos) << r->status.message();
  EXPECT_NE(r->status.message().find("always broken"), std::string::npos);
  EXPECT_FALSE(fs::exists(o2.output));  // no partial output
}

TEST_F(NativeJobTest, MapOnlyJobWritesOnePartPerSplit) {
  NativeJob job;
  job.map = [](std::string_view line, Emitter& out) { out.emit(line.substr(0, 2), line); };
  JobOptions o = Options("maponly");
  o.reducers = 0;
  auto r = RunNativeJob(job, o);
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(r->status.ok()) << r->status.ToString();
  EXPECT_GT(r->part_files.size(), 1u);
  std::ifstream in(dir_ + "/in.txt");
  std::string line, expected;
  while (std::getline(in, line)) expected += line.substr(0, 2) + "\t" + line + "\n";
  std::string got = ReadDir(o.output);
  std::string stripped;
  std::istringstream g(got);
  while (std::getline(g, line)) {
    if (line.rfind("/part-", 0) != 0) stripped += line + "\n";
  }
  EXPECT_EQ(stripped, expected);  // input order kept, split by split
}

TEST_F(NativeJobTest, SetupErrorsWriteNothing) {
  JobOptions o = Options("exists");
  fs::create_directory(o.output);
  auto r = RunNativeJob(WordCount(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("already exists"), std::string::npos);
  o.inputs = {dir_ + "/missing.txt"};
  o.output = dir_ + "/new";
  r = RunNativeJob(WordCount(), o);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("missing.txt"), std::string::npos);
  EXPECT_FALSE(fs::exists(o.output));
}

}  // namespace
}  // namespace sluice::mapreduce
