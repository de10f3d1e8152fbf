// InterpretSqltestRun, CompareSqltest, TranslateRustRegex (sqltest_compare.h).
#include "slt/sqltest_compare.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

namespace sluice::slt {

namespace {

bool Contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// Rust's str::lines(): split at '\n', no last empty line after a final
// '\n', a '\r' before the '\n' dropped.
std::vector<std::string> Lines(std::string_view s) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < s.size()) {
    size_t nl = s.find('\n', start);
    size_t end = nl == std::string_view::npos ? s.size() : nl;
    std::string_view line = s.substr(start, end - start);
    if (nl != std::string_view::npos && !line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

std::string Join(const std::vector<std::string>& lines) {
  std::string s;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i) s += '\n';
    s += lines[i];
  }
  return s;
}

// Whitespace runs (and the lone box-drawing bar) collapsed to one space.
std::string NormalizeWhitespace(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    std::string_view word = s.substr(start, i - start);
    if (word.empty() || word == "\u2502") continue;
    if (!out.empty()) out += ' ';
    out += word;
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Whether `pattern` is in `text` as a literal (both lowercased) or as a
// case-insensitive regex.
bool ErrorMatches(const std::string& text, const std::string& pattern) {
  if (Contains(Lower(text), Lower(pattern))) return true;
  bool multiline = false;
  Result<std::string> re = TranslateRustRegex(pattern, &multiline);
  if (!re.ok()) return false;
  try {
    auto flags = std::regex::ECMAScript | std::regex::icase;
    if (multiline) flags |= std::regex::multiline;
    return std::regex_search(text, std::regex(*re, flags));
  } catch (const std::regex_error&) {
    return false;  // not a regex: the literal test above decided
  }
}

}  // namespace

std::vector<std::string> SqltestErrorMessages(std::string_view error_text) {
  static const std::regex kPrefix(R"(^(?:(?:Parse|Runtime) error(?: near line \d+)?: |Error: (?:near line \d+: )?))");
  static const std::regex kCode(R"( \(\d+\)$)");
  std::vector<std::string> messages;
  for (const std::string& line : Lines(error_text)) {
    std::smatch m;
    if (!std::regex_search(line, m, kPrefix)) continue;
    messages.push_back(std::regex_replace(m.suffix().str(), kCode, ""));
  }
  return messages;
}

SqltestOutcome InterpretSqltestRun(const SqltestRun& run) {
  SqltestOutcome o;
  const bool stderr_error = !run.err.empty() && (Contains(run.err, "Error") || Contains(run.err, "error"));
  const bool stdout_error = Contains(run.out, "\u00d7 ") || Contains(run.out, "error:") || Contains(run.out, "Error:");
  if (stderr_error || stdout_error || run.exit_status != 0) {
    o.error = true;
    if (stderr_error) {
      o.error_text = Trim(run.err);
    } else if (stdout_error) {
      o.error_text = Trim(run.out);
    } else if (!Trim(run.err).empty()) {
      o.error_text = Trim(run.err);
    } else if (!Trim(run.out).empty()) {
      o.error_text = Trim(run.out);
    } else {
      o.error_text = "the shell exited with status " + std::to_string(run.exit_status);
    }
    return o;
  }
  o.lines = Lines(run.out);
  auto marker = std::find(o.lines.begin(), o.lines.end(), std::string(kSqltestSetupEndMarker));
  if (marker != o.lines.end()) o.lines.erase(o.lines.begin(), marker + 1);
  return o;
}

Result<std::string> TranslateRustRegex(std::string_view p, bool* multiline) {
  std::string out;
  bool dotall = false;
  *multiline = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) return Status::InvalidArgument("a regex ending in a backslash");
      out += c;
      out += p[++i];
    } else if (c == '[') {
      // A class: copied to its closing ']' ('.' is literal inside).
      size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') ++j;
      while (j < p.size() && p[j] != ']') j += p[j] == '\\' ? 2 : 1;
      if (j >= p.size()) return Status::InvalidArgument("an unterminated [class] in the regex");
      out.append(p.substr(i, j - i + 1));
      i = j;
    } else if (c == '(' && i + 2 < p.size() && p[i + 1] == '?' && std::isalpha(static_cast<unsigned char>(p[i + 2]))) {
      size_t j = i + 2;
      while (j < p.size() && std::isalpha(static_cast<unsigned char>(p[j]))) {
        if (p[j] == 'm') {
          *multiline = true;
        } else if (p[j] == 's') {
          dotall = true;
        } else {
          return Status::InvalidArgument(std::string("regex flag '") + p[j] + "' is not supported");
        }
        ++j;
      }
      if (j >= p.size() || p[j] != ')') {
        return Status::InvalidArgument("scoped regex flag groups (?flags:...) are not supported");
      }
      i = j;
    } else if (c == '.' && dotall) {
      out += "[\\s\\S]";
    } else {
      out += c;
    }
  }
  return out;
}

std::string CompareSqltest(const SqltestExpectation& expect, const SqltestOutcome& o) {
  using Kind = SqltestExpectation::Kind;
  if (expect.kind == Kind::kError) {
    if (!o.error) return "expected an error, but the SQL succeeded";
    if (expect.text.empty()) return "";
    const std::string pattern = NormalizeWhitespace(expect.text);
    if (ErrorMatches(NormalizeWhitespace(o.error_text), pattern)) return "";
    for (const std::string& message : SqltestErrorMessages(o.error_text)) {
      if (ErrorMatches(NormalizeWhitespace(message), pattern)) return "";
    }
    return "the error does not match \"" + expect.text + "\"";
  }
  if (o.error) return "expected success, but got an error";
  switch (expect.kind) {
    case Kind::kExact:
    case Kind::kRaw: return Join(expect.rows) == Join(o.lines) ? "" : "wrong result";
    case Kind::kUnordered: {
      std::set<std::string> want(expect.rows.begin(), expect.rows.end());
      std::set<std::string> got(o.lines.begin(), o.lines.end());
      return want == got ? "" : "wrong result (unordered)";
    }
    case Kind::kPattern: {
      bool multiline = false;
      Result<std::string> re = TranslateRustRegex(expect.text, &multiline);
      if (!re.ok()) return "bad pattern: " + re.status().message();
      try {
        auto flags = std::regex::ECMAScript;
        if (multiline) flags |= std::regex::multiline;
        std::regex r(*re, flags);
        return std::regex_search(Join(o.lines), r) ? "" : "the result does not match the pattern";
      } catch (const std::regex_error& e) {
        return std::string("bad pattern: ") + e.what();
      }
    }
    case Kind::kError: break;
  }
  return "";
}

}  // namespace sluice::slt
