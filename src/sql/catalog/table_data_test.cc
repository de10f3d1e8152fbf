// Unit tests of TableData: the change log each mutator keeps (appended /
// edited / rewritten), in-place updates with rollback, lazy columns.
#include "sql/catalog/table_data.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace sluice::sql {
namespace {

using State = TableData::ChangeState;

std::vector<Value> Row(int64_t a, int64_t b) { return {Value::Integer(a), Value::Integer(b)}; }

std::vector<int64_t> SortedIds(const std::unordered_set<int64_t>& ids) {
  std::vector<int64_t> out(ids.begin(), ids.end());
  std::sort(out.begin(), out.end());
  return out;
}

// Three committed rows, rowids 1..3, values (i, 10 i).
void Fill(TableData* d) {
  d->InitColumns(2);
  for (int i = 1; i <= 3; ++i) d->AppendRow(Row(i, i * 10), i);
  d->MarkCommitted();
}

TEST(TableDataTest, AppendsInOrderStayAppended) {
  TableData d;
  Fill(&d);
  d.AppendRow(Row(4, 40), 4);
  EXPECT_EQ(d.change_state(), State::kAppended);
  EXPECT_EQ(d.clean_rows(), 3u);
  EXPECT_TRUE(d.edited_rowids().empty());
  d.Truncate(3);  // undoing the new rows only keeps the state
  EXPECT_EQ(d.change_state(), State::kAppended);
}

TEST(TableDataTest, AppendInsideTheRowidOrderIsAnEdit) {
  TableData d;
  d.InitColumns(2);
  d.AppendRow(Row(1, 10), 1);
  d.AppendRow(Row(3, 30), 3);
  d.MarkCommitted();
  d.AppendRow(Row(5, 50), 5);
  d.AppendRow(Row(2, 20), 2);
  EXPECT_EQ(d.change_state(), State::kEdited);
  EXPECT_EQ(SortedIds(d.edited_rowids()), (std::vector<int64_t>{2, 5}));
  d.EnsureOrdered();
  EXPECT_EQ(d.rowids(), (std::vector<int64_t>{1, 2, 3, 5}));
  EXPECT_EQ(d.value(1, 1).integer(), 20);
  EXPECT_EQ(SortedIds(d.edited_rowids()), (std::vector<int64_t>{2, 5}));  // ordering is no change
}

TEST(TableDataTest, RemovingCommittedRowsIsAnEdit) {
  TableData d;
  Fill(&d);
  d.Compact({true, false, true});
  EXPECT_EQ(d.change_state(), State::kEdited);
  EXPECT_EQ(SortedIds(d.removed_rowids()), (std::vector<int64_t>{2}));
  d.MarkCommitted();
  EXPECT_EQ(d.change_state(), State::kAppended);
  EXPECT_TRUE(d.removed_rowids().empty());
  EXPECT_EQ(d.clean_rows(), 2u);
}

TEST(TableDataTest, UpdateLogsTheChangedRows) {
  TableData d;
  Fill(&d);
  d.BeginUpdate();
  d.UpdateValue(1, 2, Value::Integer(99));
  d.UpdateValue(0, 2, Value::Integer(98));
  d.CommitUpdate();
  EXPECT_EQ(d.change_state(), State::kEdited);
  EXPECT_EQ(SortedIds(d.edited_rowids()), (std::vector<int64_t>{3}));
  EXPECT_EQ(d.value(1, 2).integer(), 99);
}

TEST(TableDataTest, RollbackRestoresValuesRowidsAndTheLog) {
  TableData d;
  Fill(&d);
  d.BeginUpdate();
  d.UpdateValue(1, 0, Value::Integer(99));
  d.UpdateRowid(0, 7);
  d.UpdateValue(0, 0, Value::Integer(7));
  d.RollbackUpdate();
  EXPECT_EQ(d.rowids(), (std::vector<int64_t>{1, 2, 3}));
  EXPECT_EQ(d.value(0, 0).integer(), 1);
  EXPECT_EQ(d.value(1, 0).integer(), 10);
  EXPECT_EQ(d.change_state(), State::kAppended);
  EXPECT_TRUE(d.edited_rowids().empty());
}

TEST(TableDataTest, RenumberingRewritesAndResorts) {
  TableData d;
  Fill(&d);
  d.BeginUpdate();
  d.UpdateRowid(0, 9);
  d.CommitUpdate();
  EXPECT_EQ(d.change_state(), State::kRewritten);
  EXPECT_EQ(d.rowids(), (std::vector<int64_t>{2, 3, 9}));
  EXPECT_EQ(d.value(0, 2).integer(), 1);  // the row moved with its rowid
  EXPECT_EQ(d.NextRowid(), 10);
  // Later changes are not listed: the whole table is logged anyway.
  d.Compact({false, true, true});
  EXPECT_TRUE(d.removed_rowids().empty());
}

class FixedColumns : public ColumnSource {
 public:
  Result<std::vector<Value>> Load(size_t column) const override {
    ++loads;
    return std::vector<Value>{Value::Integer(static_cast<int64_t>(column)), Value::Integer(5)};
  }
  mutable int loads = 0;
};

TEST(TableDataTest, LazyColumnsLoadOnce) {
  TableData d;
  d.InitColumns(2);
  auto source = std::make_shared<FixedColumns>();
  d.SetLazyColumns(source, {4, 8});
  EXPECT_FALSE(d.column_loaded(1));
  ASSERT_TRUE(d.EnsureColumn(1, "t", "b").ok());
  ASSERT_TRUE(d.EnsureColumn(1, "t", "b").ok());
  EXPECT_EQ(source->loads, 1);
  EXPECT_EQ(d.value(1, 0).integer(), 1);
  EXPECT_FALSE(d.all_columns_loaded());
  ASSERT_TRUE(d.EnsureColumn(0, "t", "a").ok());
  EXPECT_TRUE(d.all_columns_loaded());
  d.AppendRow(Row(0, 0), 9);
  EXPECT_EQ(d.unchanged_origin(), nullptr);
  EXPECT_EQ(d.rowids(), (std::vector<int64_t>{4, 8, 9}));
}

TEST(TableDataTest, ACopyIsIndependent) {
  TableData d;
  Fill(&d);
  TableData copy(d);
  copy.AppendRow(Row(4, 40), 4);
  EXPECT_EQ(d.row_count(), 3u);
  EXPECT_EQ(copy.row_count(), 4u);
}

#ifdef SLUICE_DCHECK_ON
TEST(TableDataDeathTest, ReadingAnUnloadedColumnIsABug) {
  TableData d;
  d.InitColumns(1);
  d.SetLazyColumns(std::make_shared<FixedColumns>(), {1, 2});
  EXPECT_DEATH((void)d.column(0), "EnsureColumn");
}

TEST(TableDataDeathTest, ChangingRowsDuringAnUpdateIsABug) {
  TableData d;
  Fill(&d);
  d.BeginUpdate();
  EXPECT_DEATH(d.AppendRow(Row(4, 40), 4), "update is open");
}
#endif

}  // namespace
}  // namespace sluice::sql
