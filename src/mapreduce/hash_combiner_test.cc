#include "mapreduce/hash_combiner.h"

#include <gtest/gtest.h>
#include <sys/mman.h>
#include <unistd.h>

#include <map>
#include <random>
#include <string>
#include <vector>

namespace sluice::mapreduce {
namespace {

// Records what reaches the sort buffer.
class VectorSink final : public extsort::RecordSink {
 public:
  Status Add(std::string_view key, std::string_view value) override {
    records.emplace_back(std::string(key), std::string(value));
    return Status::OK();
  }
  std::vector<std::pair<std::string, std::string>> records;
};

// A combiner that sums decimal values.
void Sum(std::string_view key, ValueIterator& values, Emitter& out) {
  long long n = 0;
  for (std::string_view v : values) n += std::stoll(std::string(v));
  out.emit(key, std::to_string(n));
}

std::string RandomKey(std::mt19937& rng) {
  // Lengths around the inline limit (16) and the word limits (8), empty
  // keys, bytes >= 0x80 and NUL.
  static const int kLengths[] = {0, 1, 2, 3, 4, 7, 8, 9, 15, 16, 17, 24, 40};
  const int n = kLengths[rng() % std::size(kLengths)];
  std::string k;
  for (int i = 0; i < n; ++i) k.push_back(static_cast<char>("ab\x80\xff\0z"[rng() % 6]));
  return k;
}

std::map<std::string, long long> Totals(const std::vector<std::pair<std::string, std::string>>& records) {
  std::map<std::string, long long> t;
  for (const auto& [k, v] : records) t[k] += std::stoll(v);
  return t;
}

TEST(HashCombinerTest, SumsLikeTheCombinerWithAnyBudget) {
  for (ReduceFunction combine : {ReduceFunction(Sum), ReduceFunction(LongSum{})}) {
    for (std::size_t budget : {std::size_t{1} << 12, std::size_t{1} << 16, std::size_t{1} << 24}) {
      std::mt19937 rng(static_cast<unsigned>(budget));
      std::vector<std::string> keys;
      for (int i = 0; i < 3000; ++i) keys.push_back(RandomKey(rng));
      std::map<std::string, long long> expected;
      VectorSink sink;
      HashCombiner hc(combine, sink, budget);
      for (int i = 0; i < 100000; ++i) {
        const std::string& key = keys[std::min<std::size_t>(rng() % keys.size(), rng() % keys.size())];
        const long long v = static_cast<long long>(rng() % 2000) - 500;  // 1-4 digits, some negative
        const std::string value = std::to_string(v);
        expected[key] += v;
        hc.emit(key, value);
      }
      ASSERT_TRUE(hc.Flush().ok());
      EXPECT_EQ(hc.emitted(), 100000u);
      EXPECT_EQ(Totals(sink.records), expected) << "budget " << budget;
      EXPECT_LT(sink.records.size(), 100000u);
      if (budget >= (std::size_t{1} << 24)) {
        EXPECT_EQ(sink.records.size(), expected.size());
      }
    }
  }
}

TEST(HashCombinerTest, KeepsEachKeysValuesInOrder) {
  // A combiner that only passes values on: the sink must see every value,
  // in emission order per key, whatever the buffering.
  ReduceFunction identity = [](std::string_view key, ValueIterator& values, Emitter& out) {
    for (std::string_view v : values) out.emit(key, v);
  };
  std::mt19937 rng(3);
  VectorSink sink;
  HashCombiner hc(identity, sink, 1 << 14);
  std::map<std::string, std::vector<std::string>> expected;
  for (int i = 0; i < 20000; ++i) {
    std::string key = std::to_string(rng() % 50);
    key.insert(key.begin(), 'k');
    if (i % 97 == 0) key += std::string(30, 'x');  // a long key
    std::string value = std::to_string(i);
    if (i % 89 == 0) value += std::string(40, 'v');  // a value too big to hold
    expected[key].push_back(value);
    hc.emit(key, value);
  }
  ASSERT_TRUE(hc.Flush().ok());
  std::map<std::string, std::vector<std::string>> got;
  for (const auto& [k, v] : sink.records) got[k].push_back(v);
  EXPECT_EQ(got, expected);
}

TEST(HashCombinerTest, CombinerMayEmitOtherKeys) {
  ReduceFunction fanout = [](std::string_view key, ValueIterator& values, Emitter& out) {
    long n = 0;
    for (std::string_view v : values) n += std::stol(std::string(v));
    out.emit(key, std::to_string(n));
    out.emit(std::string(key) + "#seen", "1");
  };
  VectorSink sink;
  HashCombiner hc(fanout, sink, 1 << 20);
  for (int i = 0; i < 1000; ++i) hc.emit("a", "1");
  ASSERT_TRUE(hc.Flush().ok());
  auto t = Totals(sink.records);
  EXPECT_EQ(t["a"], 1000);
  EXPECT_GT(t["a#seen"], 0);
}

TEST(HashCombinerTest, HugeKeyGoesStraightThrough) {
  VectorSink sink;
  const ReduceFunction sum = Sum;  // outlives the combiner, which keeps a reference
  HashCombiner hc(sum, sink, 1 << 16);
  const std::string huge(1 << 20, 'h');
  hc.emit("w", "1");
  hc.emit(huge, "1");
  hc.emit(huge, "2");
  hc.emit("w", "1");
  ASSERT_TRUE(hc.Flush().ok());
  auto t = Totals(sink.records);
  EXPECT_EQ(t[huge], 3);
  EXPECT_EQ(t["w"], 2);
}

TEST(HashCombinerTest, LongSumRejectsWhatLongSumRejects) {
  for (const char* bad : {"", "x", "1.5", "--1", "+", "99999999999999999999", " 1"}) {
    VectorSink sink;
    const ReduceFunction long_sum = LongSum{};
    HashCombiner hc(long_sum, sink, 1 << 20);
    hc.emit("k", "1");
    hc.emit("key", bad);
    Status st = hc.Flush();
    ASSERT_FALSE(st.ok()) << bad;
    EXPECT_NE(st.message().find("\"key\""), std::string::npos) << st.message();
    EXPECT_NE(st.message().find("not a decimal integer"), std::string::npos) << st.message();
  }
  VectorSink sink;
  const ReduceFunction long_sum = LongSum{};
  HashCombiner hc(long_sum, sink, 1 << 20);
  hc.emit("big", "9223372036854775807");
  hc.emit("big", "1");
  Status st = hc.Flush();
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("overflows"), std::string::npos) << st.message();
}

TEST(HashCombinerTest, LongSumAcceptsSignsAndExtremes) {
  VectorSink sink;
  const ReduceFunction long_sum = LongSum{};
  HashCombiner hc(long_sum, sink, 1 << 20);
  hc.emit("a", "+7");
  hc.emit("a", "-9223372036854775808");
  hc.emit("a", "9223372036854775807");
  hc.emit("b", "007");
  ASSERT_TRUE(hc.Flush().ok());
  auto t = Totals(sink.records);
  EXPECT_EQ(t["a"], 6);
  EXPECT_EQ(t["b"], 7);
}

// Short keys are read as whole words when that stays inside their page:
// keys that end right before an unmapped page must still be read exactly.
TEST(HashCombinerTest, KeysAtTheEndOfAPage) {
  const long page = ::sysconf(_SC_PAGESIZE);
  char* mem = static_cast<char*>(::mmap(nullptr, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
  ASSERT_NE(mem, MAP_FAILED);
  ASSERT_EQ(::mprotect(mem + page, page, PROT_NONE), 0);
  char* end = mem + page;
  for (long i = 0; i < page; ++i) mem[i] = static_cast<char>('a' + (i * 7) % 26);
  VectorSink sink;
  const ReduceFunction long_sum = LongSum{};
  HashCombiner hc(long_sum, sink, 1 << 20);
  std::map<std::string, long long> expected;
  for (int n = 0; n <= 16; ++n) {
    for (int pad = 0; pad < 20; ++pad) {  // keys ending 0..19 bytes before the guard page
      std::string_view key(end - pad - n, n);
      hc.emit(key, "1");
      hc.emit(std::string(key), "1");  // the same key from elsewhere
      expected[std::string(key)] += 2;
    }
  }
  ASSERT_TRUE(hc.Flush().ok());
  EXPECT_EQ(Totals(sink.records), expected);
  ::munmap(mem, 2 * page);
}

}  // namespace
}  // namespace sluice::mapreduce
