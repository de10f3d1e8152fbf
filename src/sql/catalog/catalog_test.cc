// Unit tests of the catalog: rowid order, compaction, hash index lookups
// and duplicate detection, copy-on-write for snapshots.
#include "sql/catalog/catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "sql/catalog/index.h"

namespace sluice::sql {
namespace {

TablePtr MakeTable(const std::string& name, int ncols) {
  auto t = std::make_shared<Table>();
  t->name = name;
  for (int i = 0; i < ncols; ++i) {
    ColumnInfo c;
    c.name = "c";
    c.name += std::to_string(i);
    t->columns_info.push_back(c);
  }
  t->data.InitColumns(ncols);
  return t;
}

std::vector<Value> Row(int64_t a, int64_t b) { return {Value::Integer(a), Value::Integer(b)}; }

TEST(TableTest, KeepsRowidOrder) {
  TablePtr t = MakeTable("t", 2);
  t->data.AppendRow(Row(1, 10), 5);
  t->data.AppendRow(Row(2, 20), 2);
  t->data.AppendRow(Row(3, 30), 9);
  ASSERT_EQ(t->row_count(), 3u);
  // Appended out of order: found by rowid before any re-sort.
  EXPECT_FALSE(t->data.ordered());
  EXPECT_EQ(t->data.value(0, t->data.FindRowid(2)).integer(), 2);
  EXPECT_EQ(t->data.FindRowid(6), -1);
  t->data.EnsureOrdered();
  EXPECT_TRUE(t->data.ordered());
  EXPECT_EQ(t->data.rowids(), (std::vector<int64_t>{2, 5, 9}));
  EXPECT_EQ(t->data.value(0, 0).integer(), 2);
  EXPECT_EQ(t->data.NextRowid(), 10);
  EXPECT_EQ(t->data.FindRowid(5), 1);
  EXPECT_EQ(t->data.FindRowid(6), -1);
}

// Shuffled rowids: every one is found while unordered, and one merge puts
// them in order.
TEST(TableTest, ShuffledAppendsMergeIntoOrder) {
  TablePtr t = MakeTable("t", 2);
  std::vector<int64_t> ids;
  for (int64_t i = 1; i <= 500; ++i) ids.push_back((i * 7919) % 1009);
  for (int64_t id : ids) t->data.AppendRow(Row(static_cast<int>(id), 0), id);
  for (int64_t id : ids) {
    int64_t pos = t->data.FindRowid(id);
    ASSERT_GE(pos, 0);
    EXPECT_EQ(t->data.rowid(static_cast<size_t>(pos)), id);
  }
  EXPECT_EQ(t->data.max_rowid(), *std::max_element(ids.begin(), ids.end()));
  t->data.EnsureOrdered();
  EXPECT_TRUE(std::is_sorted(t->data.rowids().begin(), t->data.rowids().end()));
  for (size_t pos = 0; pos < t->row_count(); ++pos) EXPECT_EQ(t->data.value(0, pos).integer(), t->data.rowid(pos));
}

TEST(TableTest, CompactAndTruncate) {
  TablePtr t = MakeTable("t", 2);
  for (int i = 1; i <= 5; ++i) t->data.AppendRow(Row(i, i * 10), i);
  t->data.Truncate(4);
  EXPECT_EQ(t->row_count(), 4u);
  t->data.Compact({true, false, true, false});
  ASSERT_EQ(t->row_count(), 2u);
  EXPECT_EQ(t->data.value(1, 1).integer(), 30);
  EXPECT_EQ(t->data.NextRowid(), 4);
}

TEST(HashIndexTest, LookupAndDuplicates) {
  TablePtr t = MakeTable("t", 2);
  t->data.AppendRow({Value::Integer(1), Value::Text("a")}, 1);
  t->data.AppendRow({Value::Real(1.0), Value::Text("A")}, 2);
  t->data.AppendRow({Value(), Value::Text("b")}, 3);
  t->data.AppendRow({Value(), Value::Text("c")}, 4);
  IndexDef def;
  def.name = "i";
  def.columns = {0};
  def.collations = {Collation::kBinary};
  def.unique = true;
  t->indexes.push_back(def);
  const HashIndex& idx = t->Index(0);
  EXPECT_TRUE(idx.has_duplicate());  // 1 == 1.0; NULLs never conflict
  Value key[] = {Value::Integer(1)};
  EXPECT_EQ(idx.Lookup(key).size(), 2u);
  Value null_key[] = {Value()};
  EXPECT_TRUE(idx.Lookup(null_key).empty());

  IndexDef nocase;
  nocase.name = "j";
  nocase.columns = {1};
  nocase.collations = {Collation::kNoCase};
  nocase.unique = true;
  t->indexes.push_back(nocase);
  t->InvalidateIndexes();
  EXPECT_TRUE(t->Index(1).has_duplicate());  // 'a' = 'A' under NOCASE
}

TEST(CatalogTest, NamesAndCopyOnWrite) {
  Catalog catalog;
  catalog.AddTable(MakeTable("Foo", 1));
  EXPECT_NE(catalog.FindTable("foo"), nullptr);
  EXPECT_TRUE(catalog.NameInUse("FOO"));
  Catalog snapshot = catalog;
  TablePtr before = snapshot.FindTable("foo");
  TablePtr writable = catalog.Mutable("foo");
  EXPECT_NE(writable.get(), before.get());  // shared with the snapshot: copied
  writable->data.AppendRow({Value::Integer(1)}, 1);
  EXPECT_EQ(before->row_count(), 0u);
  catalog.DropTable("FOO");
  EXPECT_EQ(catalog.FindTable("foo"), nullptr);
  EXPECT_TRUE(catalog.SchemaRows().empty());
}

}  // namespace
}  // namespace sluice::sql
