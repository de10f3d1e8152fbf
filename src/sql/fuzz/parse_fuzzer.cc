// libFuzzer target for the SQL front end: lexes, parses and prints whatever
// it is given, and checks that what ToSql() prints parses again to the same
// text. Crashes, sanitizer reports, hangs and failed checks are the bugs it
// looks for. Not part of the default build.
//
// Built and run by tools/fuzz_sql.sh parse_fuzzer [SECONDS] (clang).
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sql/ast/to_sql.h"
#include "sql/lexer/lexer.h"
#include "sql/parser/parser.h"

namespace {

using sluice::sql::ParseError;

[[noreturn]] void Fail(const char* what, std::string_view a, std::string_view b) {
  std::fprintf(stderr, "parse_fuzzer: %s\n--- first:\n%.*s\n--- second:\n%.*s\n", what, static_cast<int>(a.size()),
               a.data(), static_cast<int>(b.size()), b.data());
  std::abort();
}

// True for errors that printing can legitimately cause on re-parsing: the
// printer adds a pair of parentheses per operator, so a tree near the
// nesting limit may print as text beyond it.
bool IsLimitError(const ParseError& e) {
  return e.message == "parser stack overflow" || e.message.rfind("Expression tree is too large", 0) == 0;
}

void CheckError(const ParseError& e, std::string_view sql) {
  if (e.message.empty()) Fail("error without a message", sql, "");
  if (e.offset > sql.size()) Fail("error offset past the end", sql, e.message);
  if (e.line == 0 || e.column == 0) Fail("error without a position", sql, e.message);
}

template <typename Node, typename ParseFn>
void CheckRoundTrip(const Node& node, ParseFn&& parse) {
  std::string printed = sluice::sql::ToSql(node);
  ParseError error;
  auto again = parse(printed, &error);
  if (!again.ok()) {
    if (IsLimitError(error)) return;
    Fail("printed SQL does not parse", printed, error.message);
  }
  std::string reprinted = sluice::sql::ToSql(**again);
  if (reprinted != printed) Fail("printing is not stable", printed, reprinted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view sql(reinterpret_cast<const char*>(data), size);

  (void)sluice::sql::Tokenize(sql);
  (void)sluice::sql::IsCompleteStatement(sql);

  sluice::sql::ScriptParser parser(sql);
  size_t last_position = 0;
  for (;;) {
    auto next = parser.Next();
    if (parser.position() < last_position) Fail("script parser went backwards", sql, "");
    if (!next.ok()) {
      CheckError(parser.error(), sql);
      if (parser.position() <= parser.statement_begin()) Fail("no progress after an error", sql, "");
      last_position = parser.position();
      continue;
    }
    if (*next == nullptr) break;
    last_position = parser.position();
    CheckRoundTrip(**next, [](std::string_view text, ParseError* e) { return sluice::sql::ParseStatement(text, e); });
  }

  ParseError error;
  auto expr = sluice::sql::ParseExpression(sql, &error);
  if (expr.ok()) {
    CheckRoundTrip(**expr, [](std::string_view text, ParseError* e) { return sluice::sql::ParseExpression(text, e); });
  } else {
    CheckError(error, sql);
  }
  return 0;
}
