// The public SQL text functions (include/sluice/sql_text.h), on the
// engine's front end (sqlite3_complete, the keyword table) and its float
// printing.
#include "sluice/sql_text.h"

#include "sql/lexer/keywords.h"
#include "sql/parser/parser.h"
#include "sql/value/real_format.h"

namespace sluice {

bool IsCompleteStatement(std::string_view sql) { return sql::IsCompleteStatement(sql); }

bool IsKeyword(std::string_view word) { return sql::LookupKeyword(word).has_value(); }

std::string FormatReal(double value, int precision) {
  sql::FloatFormatSpec spec;
  spec.conversion = 'g';
  spec.precision = precision;
  spec.alternate2 = true;
  std::string out;
  sql::AppendSqliteFloat(value, spec, &out);
  return out;
}

}  // namespace sluice
