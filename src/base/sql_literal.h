// SQL literals as text: the one place that writes a string or a blob in
// SQL's literal syntax, for every module that prints SQL (the AST printer,
// the quote() function, the shell's .dump and insert mode).
//
//   AppendSqlString("it's", &out)             'it''s'
//   AppendSqlBlob("\x0a\xff", true, &out)     X'0AFF'   (quote(), ToSql)
//   AppendSqlBlob("\x0a\xff", false, &out)    X'0aff'   (the sqlite3 shell)
//
// The bytes are written as they are: callers that mimic SQLite's C strings
// cut the text at a NUL byte first.
#ifndef SLUICE_BASE_SQL_LITERAL_H_
#define SLUICE_BASE_SQL_LITERAL_H_

#include <string>
#include <string_view>

namespace sluice {

// 'text' with each ' doubled.
inline void AppendSqlString(std::string_view text, std::string* out) {
  out->reserve(out->size() + text.size() + 2);
  out->push_back('\'');
  for (char c : text) {
    out->push_back(c);
    if (c == '\'') out->push_back('\'');
  }
  out->push_back('\'');
}

// X'..' with two hex digits per byte, upper or lower case.
inline void AppendSqlBlob(std::string_view bytes, bool upper_case, std::string* out) {
  const char* digits = upper_case ? "0123456789ABCDEF" : "0123456789abcdef";
  out->reserve(out->size() + 2 * bytes.size() + 3);
  out->append("X'");
  for (char c : bytes) {
    unsigned char b = static_cast<unsigned char>(c);
    out->push_back(digits[b >> 4]);
    out->push_back(digits[b & 15]);
  }
  out->push_back('\'');
}

}  // namespace sluice

#endif  // SLUICE_BASE_SQL_LITERAL_H_
