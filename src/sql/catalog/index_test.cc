// Unit tests of HashIndex kept current row by row: after every kind of row
// change a built index must answer exactly as an index built afresh from
// the same rows, and FindRowid must find every live row and no deleted one
// (a randomized differential test), and a UNIQUE probe must
// see the rows as they are in the middle of an update.
#include "sql/catalog/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "sql/catalog/table.h"

namespace sluice::sql {
namespace {

TablePtr MakeKeyedTable() {
  auto t = std::make_shared<Table>();
  t->name = "t";
  t->columns_info.resize(2);
  t->columns_info[0].name = "k";
  t->columns_info[1].name = "v";
  t->data.InitColumns(2);
  IndexDef def;
  def.name = "i";
  def.columns = {0};
  def.collations = {Collation::kBinary};
  t->indexes.push_back(def);
  return t;
}

// Every key 0..kKeys-1 (and NULL) looked up in `index`, as sorted rowids.
constexpr int kKeys = 40;
std::vector<std::vector<int64_t>> Answers(const TableData& data, const HashIndex& index) {
  std::vector<std::vector<int64_t>> out;
  for (int k = 0; k <= kKeys; ++k) {
    Value key[] = {k == kKeys ? Value() : Value::Integer(k)};
    std::vector<int64_t> ids;
    for (uint32_t pos : index.Lookup(key)) ids.push_back(data.rowid(pos));
    std::sort(ids.begin(), ids.end());
    out.push_back(std::move(ids));
  }
  return out;
}

Value RandomKey(std::mt19937& rng) {
  int k = static_cast<int>(rng() % (kKeys + 1));
  return k == kKeys ? Value() : Value::Integer(k);
}

TEST(HashIndexTest, KeptCurrentAcrossRowChanges) {
  TablePtr t = MakeKeyedTable();
  std::mt19937 rng(7);
  int64_t next_id = 1000;
  const HashIndex* built = &t->Index(0);  // built once, then kept current by every change below
  for (int step = 0; step < 3000; ++step) {
    ASSERT_EQ(&t->Index(0), built) << "rebuilt before step " << step;
    TableData& d = t->data;
    switch (rng() % 7) {
      case 0:
      case 1:  // append, in or out of rowid order
        d.AppendRow({RandomKey(rng), Value::Integer(step)}, rng() % 2 ? ++next_id : -step);
        break;
      case 2:  // undo of the last appends
        if (d.row_count() > 0) d.Truncate(d.row_count() - 1 - rng() % std::min<size_t>(d.row_count(), 3) / 2);
        break;
      case 3:
      case 4: {  // an update of some keys, committed or rolled back
        if (d.row_count() == 0) break;
        d.BeginUpdate();
        for (int i = 0; i < 3; ++i) {
          size_t pos = rng() % d.row_count();
          if (d.is_dead(pos)) continue;  // callers update rows they found: live ones
          d.UpdateValue(0, pos, RandomKey(rng));
          d.UpdateValue(1, pos, Value::Integer(-1));
        }
        if (rng() % 2) {
          d.CommitUpdate();
        } else {
          d.RollbackUpdate();
        }
        break;
      }
      case 5:  // a delete, or a full scan that orders the rows
        if (rng() % 4 == 0) {
          d.EnsureOrdered();
        } else {
          std::vector<bool> keep(d.row_count());
          for (size_t i = 0; i < keep.size(); ++i) keep[i] = rng() % 8 != 0;
          d.Compact(keep);
        }
        break;
      case 6: {  // point deletes: rows marked dead until the next order
        std::vector<size_t> doomed;
        for (int i = 0; i < 2 && d.live_count() > 0; ++i) {
          size_t pos = rng() % d.row_count();
          if (!d.is_dead(pos) && std::find(doomed.begin(), doomed.end(), pos) == doomed.end()) doomed.push_back(pos);
        }
        d.DeleteRows(doomed);
        break;
      }
    }
    HashIndex fresh(t->data, t->indexes[0]);
    ASSERT_EQ(Answers(t->data, t->Index(0)), Answers(t->data, fresh)) << "after step " << step;
    int64_t max_live = 0;
    size_t live = 0;
    for (size_t pos = 0; pos < t->data.row_count(); ++pos) {
      if (t->data.is_dead(pos)) {
        ASSERT_NE(t->data.FindRowid(t->data.rowid(pos)), static_cast<int64_t>(pos)) << "step " << step;
        continue;
      }
      ASSERT_EQ(t->data.FindRowid(t->data.rowid(pos)), static_cast<int64_t>(pos)) << "step " << step;
      max_live = live++ == 0 ? t->data.rowid(pos) : std::max(max_live, t->data.rowid(pos));
    }
    ASSERT_EQ(live, t->data.live_count()) << "step " << step;
    if (live > 0) {
      ASSERT_EQ(t->data.max_rowid(), max_live) << "step " << step;
    }
  }
}

TEST(HashIndexTest, UniqueProbeSeesTheRowsMidUpdate) {
  TablePtr t = MakeKeyedTable();
  t->indexes[0].unique = true;
  for (int i = 1; i <= 3; ++i) t->data.AppendRow({Value::Integer(i), Value()}, i);
  const HashIndex& index = t->Index(0);
  EXPECT_FALSE(index.HasOtherWithKeyOf(0));
  // SET k = k + 1 in rowid order: the first row's new key 2 meets row 2's.
  t->data.BeginUpdate();
  t->data.UpdateValue(0, 0, Value::Integer(2));
  EXPECT_TRUE(index.HasOtherWithKeyOf(0));
  t->data.RollbackUpdate();
  EXPECT_FALSE(index.HasOtherWithKeyOf(0));
  Value two[] = {Value::Integer(2)};
  ASSERT_EQ(index.Lookup(two).size(), 1u);
  EXPECT_EQ(t->data.rowid(index.Lookup(two)[0]), 2);
}

}  // namespace
}  // namespace sluice::sql
