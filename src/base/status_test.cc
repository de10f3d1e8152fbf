#include "sluice/status.h"

#include <cerrno>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "sluice/result.h"

namespace sluice {
namespace {

TEST(StatusTest, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = Status::InvalidArgument("bad flag --x");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.ToString(), "Invalid argument: bad flag --x");
}

TEST(StatusTest, OkHasNoSqlFields) {
  Status s;
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.result_code(), ResultCode::kOk);
  EXPECT_EQ(s.extended_result_code(), ResultCode::kOk);
  EXPECT_EQ(s.phase(), ErrorPhase::kNone);
  EXPECT_EQ(s.error_offset(), -1);
  // Tagging an OK status leaves it OK.
  EXPECT_TRUE(s.WithPhase(ErrorPhase::kStep).WithErrorOffset(3).WithResultCode(ResultCode::kBusy).ok());
  // Cheap: a pointer.
  EXPECT_EQ(sizeof(Status), sizeof(void*));
}

TEST(StatusTest, FactoriesGiveTheResultCodeOfTheirKind) {
  EXPECT_EQ(Status::InvalidArgument("no such table: t").extended_result_code(), ResultCode::kError);
  EXPECT_EQ(Status::NotFound("no such function: f").result_code(), ResultCode::kError);
  EXPECT_EQ(Status::IOError("disk I/O error").result_code(), ResultCode::kIoErr);
  EXPECT_EQ(Status::FromErrno("cannot write x", ENOSPC, ResultCode::kFull).result_code(), ResultCode::kFull);
  EXPECT_EQ(Status::Corruption("malformed").result_code(), ResultCode::kCorrupt);
  EXPECT_EQ(Status::TimedOut("database is locked").result_code(), ResultCode::kBusy);
  EXPECT_EQ(Status::Internal("bug").result_code(), ResultCode::kInternal);
}

TEST(StatusTest, ExtendedCodeAndItsPrimary) {
  Status s = Status::InvalidArgument("UNIQUE constraint failed: t.a", ResultCode::kConstraintUnique);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(static_cast<int>(s.extended_result_code()), 2067);
  EXPECT_EQ(static_cast<int>(s.result_code()), 19);
  EXPECT_EQ(s.ToString(), "Invalid argument: UNIQUE constraint failed: t.a");
}

TEST(StatusTest, PhaseAndOffsetTravelWithCopies) {
  Status s = Status::InvalidArgument("near \"selec\": syntax error").WithPhase(ErrorPhase::kPrepare).WithErrorOffset(4);
  Status copy = s;
  EXPECT_EQ(copy.phase(), ErrorPhase::kPrepare);
  EXPECT_EQ(copy.error_offset(), 4);
  EXPECT_EQ(copy, s);
  EXPECT_EQ(s.WithErrorOffset(-7).error_offset(), -1);
  EXPECT_FALSE(copy == s.WithPhase(ErrorPhase::kStep));
  EXPECT_FALSE(copy == s.WithResultCode(ResultCode::kMismatch));
  EXPECT_FALSE(s == Status());
  Status moved = std::move(copy);
  EXPECT_EQ(moved, s);
}

TEST(ResultCodeTest, SqliteValuesNamesAndDescriptions) {
  // Values as in sqlite3.h.
  EXPECT_EQ(static_cast<int>(ResultCode::kBusy), 5);
  EXPECT_EQ(static_cast<int>(ResultCode::kNotADb), 26);
  EXPECT_EQ(static_cast<int>(ResultCode::kConstraintPrimaryKey), 1555);
  EXPECT_EQ(static_cast<int>(ResultCode::kConstraintNotNull), 1299);
  EXPECT_EQ(static_cast<int>(ResultCode::kConstraintDataType), 3091);
  EXPECT_EQ(PrimaryResultCode(ResultCode::kConstraintCheck), ResultCode::kConstraint);
  EXPECT_EQ(PrimaryResultCode(ResultCode::kIoErrWrite), ResultCode::kIoErr);
  EXPECT_EQ(ResultCodeName(ResultCode::kConstraintUnique), "SQLITE_CONSTRAINT_UNIQUE");
  EXPECT_EQ(ResultCodeName(ResultCode::kTooBig), "SQLITE_TOOBIG");
  EXPECT_EQ(ResultCodeName(static_cast<ResultCode>(19 | (40 << 8))), "SQLITE_CONSTRAINT");
  // sqlite3_errstr() of sqlite3 3.40.
  EXPECT_EQ(ResultCodeString(ResultCode::kError), "SQL logic error");
  EXPECT_EQ(ResultCodeString(ResultCode::kConstraintUnique), "constraint failed");
  EXPECT_EQ(ResultCodeString(ResultCode::kBusyTimeout), "database is locked");
  EXPECT_EQ(ResultCodeString(ResultCode::kInternal), "unknown error");
  EXPECT_EQ(ResultCodeString(static_cast<ResultCode>(516)), "abort due to ROLLBACK");
  EXPECT_EQ(ResultCodeString(ResultCode::kDone), "no more rows available");
}

TEST(StatusTest, FromErrnoNamesTheOsError) {
  EXPECT_EQ(Status::FromErrno("open x", ENOENT).ToString(), "IO error: open x: No such file or directory");
}

Status FailsAtSecond(int* steps) {
  SLUICE_RETURN_IF_ERROR(Status::OK());
  ++*steps;
  SLUICE_RETURN_IF_ERROR(Status::Closed("second"));
  ++*steps;
  return Status::OK();
}

TEST(StatusTest, ReturnIfErrorStopsAtFirstError) {
  int steps = 0;
  EXPECT_EQ(FailsAtSecond(&steps).code(), StatusCode::kClosed);
  EXPECT_EQ(steps, 1);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  SLUICE_ASSIGN_OR_RETURN(int h, Half(x));
  return Half(h);
}

TEST(ResultTest, ValueAndError) {
  EXPECT_EQ(*Quarter(8), 2);
  EXPECT_EQ(Quarter(6).status().message(), "odd");
  EXPECT_EQ(Quarter(6).value_or(-1), -1);
}

TEST(ResultTest, HoldsMoveOnlyValues) {
  Result<std::unique_ptr<int>> r = std::make_unique<int>(7);
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 7);
}

TEST(ResultTest, OkStatusWithoutValueIsAnInternalError) {
  Result<int> r = Status::OK();
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

TEST(ResultDeathTest, ValueOfErrorAborts) {
  Result<int> r = Status::NotFound("nothing");
  EXPECT_DEATH((void)r.value(), "Not found: nothing");
}

}  // namespace
}  // namespace sluice
