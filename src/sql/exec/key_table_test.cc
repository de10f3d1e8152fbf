// KeyTable: dense ids in first-seen order under SQLite's grouping equality.
#include "sql/exec/key_table.h"

#include <gtest/gtest.h>

namespace sluice::sql {
namespace {

// Looks up row `row` of the given key columns, inserting when new.
uint32_t Put(KeyTable& t, std::vector<std::vector<Value>>& cols, size_t row, bool* inserted) {
  std::vector<ColumnView> views;
  for (auto& c : cols) views.push_back(ColumnView{c.data(), false});
  std::vector<uint64_t> hashes(cols[0].size());
  t.Hash(views.data(), cols[0].size(), hashes.data());
  return t.FindOrInsert(views.data(), row, hashes[row], inserted);
}

TEST(KeyTableTest, NumbersIntegersAndEqualRealsAlike) {
  KeyTable t({Collation::kBinary});
  std::vector<std::vector<Value>> col{
      {Value::Integer(1), Value::Real(1.0), Value::Text("1"), Value(), Value(), Value::Integer(2)}};
  bool inserted;
  EXPECT_EQ(Put(t, col, 0, &inserted), 0u);
  EXPECT_TRUE(inserted);
  EXPECT_EQ(Put(t, col, 1, &inserted), 0u);  // 1.0 = 1
  EXPECT_FALSE(inserted);
  EXPECT_EQ(Put(t, col, 2, &inserted), 1u);  // '1' is TEXT: another key
  EXPECT_TRUE(inserted);
  EXPECT_EQ(Put(t, col, 3, &inserted), 2u);  // NULL is a key ...
  EXPECT_EQ(Put(t, col, 4, &inserted), 2u);  // ... equal to NULL
  EXPECT_FALSE(inserted);
  EXPECT_EQ(Put(t, col, 5, &inserted), 3u);
  EXPECT_EQ(t.size(), 4u);
  EXPECT_TRUE(t.key_column(0)[0].IdenticalTo(Value::Integer(1)));  // the first seen is kept
}

TEST(KeyTableTest, CollationDecidesTextEquality) {
  std::vector<std::vector<Value>> col{{Value::Text("abc"), Value::Text("ABC"), Value::Text("abc  ")}};
  bool inserted;
  KeyTable nocase({Collation::kNoCase});
  EXPECT_EQ(Put(nocase, col, 0, &inserted), 0u);
  EXPECT_EQ(Put(nocase, col, 1, &inserted), 0u);
  EXPECT_EQ(Put(nocase, col, 2, &inserted), 1u);
  KeyTable rtrim({Collation::kRtrim});
  EXPECT_EQ(Put(rtrim, col, 0, &inserted), 0u);
  EXPECT_EQ(Put(rtrim, col, 1, &inserted), 1u);
  EXPECT_EQ(Put(rtrim, col, 2, &inserted), 0u);
}

TEST(KeyTableTest, CompositeKeysGrowAndFind) {
  KeyTable t({Collation::kBinary, Collation::kBinary});
  constexpr size_t kRows = 100000;
  std::vector<std::vector<Value>> cols(2);
  for (size_t i = 0; i < kRows; ++i) {
    cols[0].push_back(Value::Integer(static_cast<int64_t>(i % 1000)));
    cols[1].push_back(Value::Text("k" + std::to_string(i / 1000)));
  }
  std::vector<ColumnView> views{{cols[0].data(), false}, {cols[1].data(), false}};
  std::vector<uint64_t> hashes(kRows);
  t.Hash(views.data(), kRows, hashes.data());
  for (size_t i = 0; i < kRows; ++i) {
    bool inserted;
    EXPECT_EQ(t.FindOrInsert(views.data(), i, hashes[i], &inserted), i);  // all distinct
  }
  for (size_t i = 0; i < kRows; i += 997) EXPECT_EQ(t.Find(views.data(), i, hashes[i]), static_cast<int64_t>(i));
  std::vector<Value> other_a{Value::Integer(5)}, other_b{Value::Text("k100")};
  std::vector<ColumnView> absent{{other_a.data(), false}, {other_b.data(), false}};
  uint64_t h;
  t.Hash(absent.data(), 1, &h);
  EXPECT_EQ(t.Find(absent.data(), 0, h), -1);
}

}  // namespace
}  // namespace sluice::sql
