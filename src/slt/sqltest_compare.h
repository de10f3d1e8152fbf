// What one `.sqltest` test produced, and whether that is what it expects,
// judged as Turso's test runner judges its "cli" backend (a shell in list
// mode reading the SQL on stdin).
//
// The run's outcome is an error when stderr holds "Error" or "error", when
// stdout holds "Error:", "error:" or "× ", or when the shell exited
// non-zero; the error text is then stderr (or stdout) trimmed. Otherwise
// the result is stdout's lines (without the rows printed before the setup
// end marker, see kSqltestSetupEndMarker), compared:
//  - exact / raw: the expected lines joined by "\n" equal the result lines
//    joined by "\n" (so an empty block matches an empty result);
//  - unordered: the same set of lines (as Turso: a set, not a multiset);
//  - pattern: the regex (Rust syntax; the (?m) and (?s) flags are
//    translated to ECMAScript) is found somewhere in the joined result;
//  - error: the run failed and, unless the block is empty, the block's
//    text is found in the error, case-insensitively, after runs of
//    whitespace (and the box-drawing '│') are collapsed to one space: as a
//    literal substring or as a (Rust-syntax) regex -- the corpus writes
//    both ("replace()", "t2\.d", "^UNIQUE constraint failed: u\.a$").
//    It is looked for in the whole error text and in each message of it
//    without the shell's decoration ("Parse error near line N: ",
//    "Runtime error near line N: ", "Error: " and a " (19)" result code),
//    since the corpus anchors patterns on the message itself.
#ifndef SLUICE_SLT_SQLTEST_COMPARE_H_
#define SLUICE_SLT_SQLTEST_COMPARE_H_

#include <string>
#include <string_view>
#include <vector>

#include "slt/sqltest_file.h"

namespace sluice::slt {

// A statement the runner puts between the setups and the test's SQL; what
// the shell prints up to and including its row is the setups' output.
inline constexpr std::string_view kSqltestSetupEndMarker = "__SETUP_END_MARKER_7f3a9b2c__";
inline constexpr std::string_view kSqltestSetupEndMarkerSql = "SELECT '__SETUP_END_MARKER_7f3a9b2c__';";

// What the shell printed and how it exited.
struct SqltestRun {
  std::string out;
  std::string err;
  int exit_status = 0;
};

struct SqltestOutcome {
  bool error = false;
  std::string error_text;          // when error
  std::vector<std::string> lines;  // the result lines, when not error
};

// Classifies a run as above.
SqltestOutcome InterpretSqltestRun(const SqltestRun& run);

// The messages of an error text without the shell's decoration (see
// above), one per line that has it.
std::vector<std::string> SqltestErrorMessages(std::string_view error_text);

// "" when `outcome` meets `expect`, else why not.
std::string CompareSqltest(const SqltestExpectation& expect, const SqltestOutcome& outcome);

// A Rust-syntax regex as an ECMAScript one: inline (?m)/(?s)/(?ms) flags
// are removed (setting *multiline, or making later '.' match newlines).
// Fails on what it cannot translate (scoped flag groups, other flags).
Result<std::string> TranslateRustRegex(std::string_view pattern, bool* multiline);

}  // namespace sluice::slt

#endif  // SLUICE_SLT_SQLTEST_COMPARE_H_
