// Quoting and escaping as the sqlite3 shell does it (text_escape.h).
#include "shell/text_escape.h"

#include <cmath>
#include <cstdint>
#include <cstdio>

#include "base/sql_literal.h"
#include "sluice/sql_text.h"

namespace sluice::shell {
namespace {

std::string_view CutAtNul(std::string_view s) {
  size_t nul = s.find('\0');
  return nul == std::string_view::npos ? s : s.substr(0, nul);
}

// sqlite3's needCsvQuote[]: control bytes, space, '"', '\'' and 0x7f..0xff.
bool NeedsCsvQuote(unsigned char c) { return c < 0x20 || c == ' ' || c == '"' || c == '\'' || c >= 0x7f; }

// sqlite3's unused_string(): `a` if it does not occur in `z`, else `b`, else
// "(a0)", "(a1)", ... the first that does not occur.
std::string UnusedString(std::string_view z, std::string_view a, std::string_view b) {
  if (z.find(a) == std::string_view::npos) return std::string(a);
  if (z.find(b) == std::string_view::npos) return std::string(b);
  for (unsigned i = 0;; ++i) {
    std::string candidate(1, '(');
    candidate.append(a);
    candidate.append(std::to_string(i));
    candidate.push_back(')');
    if (z.find(candidate) == std::string_view::npos) return candidate;
  }
}

}  // namespace

void AppendCsvField(std::string_view text, std::string_view col_separator, std::string* out) {
  text = CutAtNul(text);
  bool quote = text.empty() || text.find(col_separator) != std::string_view::npos;
  for (size_t i = 0; !quote && i < text.size(); ++i) quote = NeedsCsvQuote(static_cast<unsigned char>(text[i]));
  if (!quote) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendJsonString(std::string_view bytes, std::string* out) {
  out->push_back('"');
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c == '\\' || c == '"') {
      out->push_back('\\');
      out->push_back(ch);
    } else if (c <= 0x1f) {
      out->push_back('\\');
      switch (c) {
        case '\b': out->push_back('b'); break;
        case '\f': out->push_back('f'); break;
        case '\n': out->push_back('n'); break;
        case '\r': out->push_back('r'); break;
        case '\t': out->push_back('t'); break;
        default: {
          char buf[8];
          std::snprintf(buf, sizeof(buf), "u%04x", c);
          out->append(buf);
        }
      }
    } else {
      out->push_back(ch);
    }
  }
  out->push_back('"');
}

void AppendQuotedString(std::string_view text, std::string* out) { AppendSqlString(CutAtNul(text), out); }

void AppendQuotedEscapedString(std::string_view text, std::string* out) {
  text = CutAtNul(text);
  size_t newlines = 0, returns = 0;
  for (char c : text) {
    newlines += c == '\n';
    returns += c == '\r';
  }
  if (newlines == 0 && returns == 0) {
    AppendQuotedString(text, out);
    return;
  }
  std::string nl, cr;
  if (newlines) {
    out->append("replace(");
    nl = UnusedString(text, "\\n", "\\012");
  }
  if (returns) {
    out->append("replace(");
    cr = UnusedString(text, "\\r", "\\015");
  }
  out->push_back('\'');
  for (char c : text) {
    if (c == '\'') {
      out->append("''");
    } else if (c == '\n') {
      out->append(nl);
    } else if (c == '\r') {
      out->append(cr);
    } else {
      out->push_back(c);
    }
  }
  out->push_back('\'');
  if (returns) out->append(",'" + cr + "',char(13))");
  if (newlines) out->append(",'" + nl + "',char(10))");
}

void AppendHexBlob(std::string_view bytes, std::string* out) { AppendSqlBlob(bytes, /*upper_case=*/false, out); }

void AppendReal20(double value, std::string* out) { out->append(FormatReal(value, 20)); }

void AppendInsertReal(double value, std::string* out) {
  if (std::isinf(value)) {
    out->append(value > 0 ? "1e999" : "-1e999");
    return;
  }
  // sqlite3 computes (sqlite3_int64)r; out of range, x86-64 yields
  // INT64_MIN, which equals r only for r == -2^63 (in range anyway).
  constexpr double kTwo63 = 9223372036854775808.0;
  if (value >= -kTwo63 && value < kTwo63) {
    const int64_t i = static_cast<int64_t>(value);
    if (static_cast<double>(i) == value) {
      out->append(std::to_string(i));
      out->append(".0");
      return;
    }
  }
  AppendReal20(value, out);
}

bool NameNeedsQuotes(std::string_view name) {
  auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (name.empty() || (!alpha(name[0]) && name[0] != '_')) return true;
  for (char c : name) {
    if (!alpha(c) && !digit(c) && c != '_') return true;
  }
  return IsKeyword(name);
}

std::string DoubleQuoted(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string QuoteNameIfNeeded(std::string_view name) {
  return NameNeedsQuotes(name) ? DoubleQuoted(name) : std::string(name);
}

}  // namespace sluice::shell
