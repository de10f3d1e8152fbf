// Printing a result value as the sqllogictest driver does (slt_value_text.h).
#include "slt/slt_value_text.h"

#include <charconv>
#include <string_view>

#include "sql/value/real_format.h"

namespace sluice::slt {

std::string SltValueText(const Statement& statement, int column, char type) {
  if (statement.column_type(column) == ColumnType::kNull) return "NULL";
  switch (type) {
    case 'I': {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof(buf), statement.column_int64(column));
      return std::string(buf, r.ptr);
    }
    case 'R': {
      sql::FloatFormatSpec spec;
      spec.conversion = 'f';
      spec.precision = 3;
      std::string out;
      sql::AppendSqliteFloat(statement.column_double(column), spec, &out);
      return out;
    }
    default: {
      std::string_view text = statement.column_text(column);
      std::string out(text.substr(0, text.find('\0')));
      if (out.empty()) return "(empty)";
      for (char& c : out) {
        if (c < ' ' || c > '~') c = '@';
      }
      return out;
    }
  }
}

}  // namespace sluice::slt
