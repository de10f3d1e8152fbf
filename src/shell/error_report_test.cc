// Tests of the error wording: phases, result codes and the caret context
// lines, as sqlite3 3.40.1 prints them (the texts come from running it:
// tests/shell/cases/positional_*, errors, bail).
#include "shell/error_report.h"

#include <gtest/gtest.h>

namespace sluice::shell {
namespace {

Status PrepareError(std::string_view msg, int64_t offset) {
  return Status::InvalidArgument(msg).WithPhase(ErrorPhase::kPrepare).WithErrorOffset(offset);
}

Status StepError(std::string_view msg, ResultCode rc) {
  return Status::InvalidArgument(msg, rc).WithPhase(ErrorPhase::kStep);
}

TEST(ErrorReportTest, ArgumentErrorsNameThePhaseAndTheCode) {
  EXPECT_EQ(SqlErrorReport(PrepareError("near \"selec\": syntax error", 0), "selec 2", SqlErrorSource::kArgument),
            "Error: in prepare, near \"selec\": syntax error\n  selec 2\n  ^--- error here\n");
  Status unique = StepError("UNIQUE constraint failed: t.a", ResultCode::kConstraintUnique);
  EXPECT_EQ(SqlErrorReport(unique, "insert into t values (1), (1)", SqlErrorSource::kArgument),
            "Error: stepping, UNIQUE constraint failed: t.a (19)\n");
  EXPECT_EQ(SqlErrorExitStatus(unique), 19);
  EXPECT_EQ(SqlErrorExitStatus(PrepareError("no such table: x", -1)), 1);
  // SQLITE_ERROR is not printed; other codes are, by their primary code.
  EXPECT_EQ(SqlErrorReport(StepError("integer overflow", ResultCode::kError), "", SqlErrorSource::kArgument),
            "Error: stepping, integer overflow\n");
  EXPECT_EQ(SqlErrorReport(StepError("datatype mismatch", ResultCode::kMismatch), "", SqlErrorSource::kArgument),
            "Error: stepping, datatype mismatch (20)\n");
}

TEST(ErrorReportTest, ScriptAndTerminalErrors) {
  Status syntax = PrepareError("near \"selec\": syntax error", 0);
  EXPECT_EQ(SqlErrorReport(syntax, "selec 3;", SqlErrorSource::kScript, 4),
            "Parse error near line 4: near \"selec\": syntax error\n  selec 3;\n  ^--- error here\n");
  EXPECT_EQ(SqlErrorReport(syntax, "selec 3;", SqlErrorSource::kTerminal),
            "Parse error: near \"selec\": syntax error\n  selec 3;\n  ^--- error here\n");
  EXPECT_EQ(
      SqlErrorReport(PrepareError("no such table: nosuch", -1), "select * from nosuch;", SqlErrorSource::kScript, 7),
      "Parse error near line 7: no such table: nosuch\n");
  EXPECT_EQ(SqlErrorReport(StepError("UNIQUE constraint failed: primes.n", ResultCode::kConstraintUnique), "",
                           SqlErrorSource::kScript, 6),
            "Runtime error near line 6: UNIQUE constraint failed: primes.n (19)\n");
  // A step error shows no caret even when it has an offset.
  EXPECT_EQ(SqlErrorReport(StepError("database is locked", ResultCode::kBusy).WithErrorOffset(3), "insert",
                           SqlErrorSource::kTerminal),
            "Runtime error: database is locked (5)\n");
  // Without a phase: no phase words.
  EXPECT_EQ(SqlErrorReport(Status::InvalidArgument("oops"), "", SqlErrorSource::kScript, 2),
            "Error near line 2: oops\n");
}

TEST(ErrorReportTest, CaretUnderTheToken) {
  // printf 'select 1,\n  2 frm primes;' | sqlite3 (after a CREATE TABLE primes)
  EXPECT_EQ(ErrorContext("select 1,\n  2 frm primes;", 18),
            "\n  select 1,   2 frm primes;\n                    ^--- error here");
  EXPECT_EQ(ErrorContext("selec 2;", 0), "\n  selec 2;\n  ^--- error here");
  EXPECT_EQ(ErrorContext("no spot", -1), "");
}

TEST(ErrorReportTest, FarRightSpotPointsBack) {
  // echo 'select 1111111111, ..., 66666666 frm x;' | sqlite3
  std::string sql = "select 1111111111, 2222222222, 3333333333, 4444444444, 5555555555, 66666666 frm x;";
  EXPECT_EQ(ErrorContext(sql, 80),
            "\n   3333333333, 4444444444, 5555555555, 66666666 frm x;\n"
            "                                      error here ---^");
}

}  // namespace
}  // namespace sluice::shell
