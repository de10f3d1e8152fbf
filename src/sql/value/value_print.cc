// Printing values as the sqlite3 shell and sqllogictest do (value_print.h).
#include "sql/value/value_print.h"

#include <charconv>

#include "sql/value/conversion.h"
#include "sql/value/real_format.h"
#include "sql/value/utf8.h"

namespace sluice::sql {

void AppendShellText(const Value& v, std::string_view null_text, std::string* out) {
  if (v.is_null()) {
    out->append(null_text);
  } else if (v.is_string()) {
    out->append(CutAtNul(v.bytes()));
  } else {
    AppendTextForm(v, out);
  }
}

std::string ShellText(const Value& v, std::string_view null_text) {
  std::string out;
  AppendShellText(v, null_text, &out);
  return out;
}

std::string SltText(const Value& v, char type) {
  if (v.is_null()) return "NULL";
  switch (type) {
    case 'I': {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof(buf), ValueToInt64(v));
      return std::string(buf, r.ptr);
    }
    case 'R': {
      FloatFormatSpec spec;
      spec.conversion = 'f';
      spec.precision = 3;
      std::string out;
      AppendSqliteFloat(ValueToDouble(v), spec, &out);
      return out;
    }
    default: {
      std::string out(CutAtNul(TextForm(v)));
      if (out.empty()) return "(empty)";
      for (char& c : out) {
        if (c < ' ' || c > '~') c = '@';
      }
      return out;
    }
  }
}

}  // namespace sluice::sql
