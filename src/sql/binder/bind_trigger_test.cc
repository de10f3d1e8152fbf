// Binding inside trigger programs: NEW/OLD as constants of the firing row
// with the column's collation and no affinity, what is not there ("no such
// column: old.a" in an INSERT trigger), and RAISE() only inside a program.
#include <gtest/gtest.h>

#include "sql/binder/binder.h"
#include "sql/binder/trigger_row.h"
#include "sql/function/raise.h"
#include "sql/parser/parser.h"

namespace sluice::sql {
namespace {

class BindTriggerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    row_.names = {"a", "b"};
    row_.affinities = {Affinity::kInteger, Affinity::kText};
    row_.collations = {Collation::kBinary, Collation::kNoCase};
    row_.has_new = true;
    row_.new_row = {Value::Integer(7), Value::Text("x"), Value::Integer(3)};
  }

  // Binds `expr` (the only result column of a SELECT) with the trigger row
  // when `in_trigger`; the bound expression, or null and *error.
  BoundExprPtr BindExpr(const std::string& expr, bool in_trigger, std::string* error) {
    Result<StatementPtr> s = ParseStatement("SELECT " + expr);
    EXPECT_TRUE(s.ok());
    statements_.push_back(std::move(*s));
    Binder binder(catalog_);
    if (in_trigger) binder.SetTriggerRow(&row_);
    const auto& select = statements_.back()->As<SelectStatement>();
    Result<BoundExprPtr> e = binder.BindConstantExpr(*select.select->cores[0].columns[0].expr, *statements_.back());
    if (!e.ok()) {
      *error = e.status().message();
      return nullptr;
    }
    return std::move(*e);
  }

  Catalog catalog_;
  TriggerRowContext row_;
  std::vector<StatementPtr> statements_;
};

TEST_F(BindTriggerTest, NewColumnsAreConstantsWithTheColumnsCollationAndNoAffinity) {
  std::string error;
  BoundExprPtr b = BindExpr("new.b", true, &error);
  ASSERT_NE(b, nullptr) << error;
  EXPECT_EQ(b->kind, BoundKind::kConstant);
  EXPECT_EQ(b->constant.bytes(), "x");
  EXPECT_EQ(b->affinity, Affinity::kNone);
  EXPECT_EQ(b->collation, Collation::kNoCase);
  EXPECT_EQ(b->collation_source, CollationSource::kColumn);
  BoundExprPtr rowid = BindExpr("NEW.rowid", true, &error);
  ASSERT_NE(rowid, nullptr) << error;
  EXPECT_EQ(rowid->constant.integer(), 3);
}

TEST_F(BindTriggerTest, MissingPseudoRowOrColumnIsNoSuchColumn) {
  std::string error;
  EXPECT_EQ(BindExpr("old.a", true, &error), nullptr);
  EXPECT_EQ(error, "no such column: old.a");
  EXPECT_EQ(BindExpr("new.zz", true, &error), nullptr);
  EXPECT_EQ(error, "no such column: new.zz");
  EXPECT_EQ(BindExpr("new.a", false, &error), nullptr);
  EXPECT_EQ(error, "no such column: new.a");
}

TEST_F(BindTriggerTest, RaiseOnlyInsideATriggerProgram) {
  std::string error;
  EXPECT_EQ(BindExpr("raise(abort, 'm')", false, &error), nullptr);
  EXPECT_EQ(error, "RAISE() may only be used within a trigger-program");
  BoundExprPtr r = BindExpr("raise(fail, 'msg')", true, &error);
  ASSERT_NE(r, nullptr) << error;
  ASSERT_EQ(r->kind, BoundKind::kFunction);
  EXPECT_FALSE(r->function->deterministic);  // never folded away from its branch
  Value args[] = {Value::Integer(static_cast<int64_t>(RaiseAction::kFail)), Value::Text("msg")};
  Result<Value> v = r->function->scalar(FunctionContext{}, std::span<const Value>(args, 2));
  ASSERT_FALSE(v.ok());
  EXPECT_TRUE(IsRaise(v.status(), RaiseAction::kFail));
  EXPECT_FALSE(IsRaise(v.status(), RaiseAction::kAbort));
  EXPECT_EQ(v.status().message(), "msg");
  EXPECT_EQ(v.status().result_code(), ResultCode::kConstraint);
}

TEST(RaiseStatusTest, EachActionIsToldApartAndNoOtherErrorIsARaise) {
  const RaiseAction all[] = {RaiseAction::kIgnore, RaiseAction::kRollback, RaiseAction::kAbort, RaiseAction::kFail};
  for (RaiseAction a : all) {
    Status s = RaiseStatus(a, "m");
    EXPECT_EQ(s.extended_result_code(), ResultCode::kConstraintTrigger);
    for (RaiseAction b : all) EXPECT_EQ(IsRaise(s, b), a == b);
  }
  EXPECT_FALSE(IsRaise(Status::InvalidArgument("x", ResultCode::kConstraintCheck), RaiseAction::kAbort));
  EXPECT_FALSE(IsRaise(Status::TimedOut("busy"), RaiseAction::kIgnore));
}

}  // namespace
}  // namespace sluice::sql
