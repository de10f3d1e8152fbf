// Tab completion of the terminal (Shell::CompletionCandidates): dot
// commands, SQL keywords, and the names the database holds, read through
// the same catalog queries the dot commands use.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>

#include "shell/shell.h"
#include "shell/text_escape.h"
#include "sluice/sql_text.h"

namespace sluice::shell {

namespace {

// SQLite's keywords (sqlite3_keyword_name's list); those the engine does
// not take as keywords (IsKeyword) are not offered.
constexpr std::string_view kKeywords[] = {
    "ABORT",
    "ACTION",
    "ADD",
    "AFTER",
    "ALL",
    "ALTER",
    "ALWAYS",
    "ANALYZE",
    "AND",
    "AS",
    "ASC",
    "ATTACH",
    "AUTOINCREMENT",
    "BEFORE",
    "BEGIN",
    "BETWEEN",
    "BY",
    "CASCADE",
    "CASE",
    "CAST",
    "CHECK",
    "COLLATE",
    "COLUMN",
    "COMMIT",
    "CONFLICT",
    "CONSTRAINT",
    "CREATE",
    "CROSS",
    "CURRENT",
    "CURRENT_DATE",
    "CURRENT_TIME",
    "CURRENT_TIMESTAMP",
    "DATABASE",
    "DEFAULT",
    "DEFERRABLE",
    "DEFERRED",
    "DELETE",
    "DESC",
    "DETACH",
    "DISTINCT",
    "DO",
    "DROP",
    "EACH",
    "ELSE",
    "END",
    "ESCAPE",
    "EXCEPT",
    "EXCLUDE",
    "EXCLUSIVE",
    "EXISTS",
    "EXPLAIN",
    "FAIL",
    "FILTER",
    "FIRST",
    "FOLLOWING",
    "FOR",
    "FOREIGN",
    "FROM",
    "FULL",
    "GENERATED",
    "GLOB",
    "GROUP",
    "GROUPS",
    "HAVING",
    "IF",
    "IGNORE",
    "IMMEDIATE",
    "IN",
    "INDEX",
    "INDEXED",
    "INITIALLY",
    "INNER",
    "INSERT",
    "INSTEAD",
    "INTERSECT",
    "INTO",
    "IS",
    "ISNULL",
    "JOIN",
    "KEY",
    "LAST",
    "LEFT",
    "LIKE",
    "LIMIT",
    "MATCH",
    "MATERIALIZED",
    "NATURAL",
    "NO",
    "NOT",
    "NOTHING",
    "NOTNULL",
    "NULL",
    "NULLS",
    "OF",
    "OFFSET",
    "ON",
    "OR",
    "ORDER",
    "OTHERS",
    "OUTER",
    "OVER",
    "PARTITION",
    "PLAN",
    "PRAGMA",
    "PRECEDING",
    "PRIMARY",
    "QUERY",
    "RAISE",
    "RANGE",
    "RECURSIVE",
    "REFERENCES",
    "REGEXP",
    "REINDEX",
    "RELEASE",
    "RENAME",
    "REPLACE",
    "RESTRICT",
    "RETURNING",
    "RIGHT",
    "ROLLBACK",
    "ROW",
    "ROWS",
    "SAVEPOINT",
    "SELECT",
    "SET",
    "TABLE",
    "TEMP",
    "TEMPORARY",
    "THEN",
    "TIES",
    "TO",
    "TRANSACTION",
    "TRIGGER",
    "UNBOUNDED",
    "UNION",
    "UNIQUE",
    "UPDATE",
    "USING",
    "VACUUM",
    "VALUES",
    "VIEW",
    "VIRTUAL",
    "WHEN",
    "WHERE",
    "WINDOW",
    "WITH",
    "WITHOUT",
};

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (prefix.size() > s.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i]))) {
      return false;
    }
  }
  return true;
}

// The identifier that ends just before position `end` of `line` (for
// "t." before a column), without quotes; "" when there is none.
std::string NameBefore(std::string_view line, size_t end) {
  size_t b = end;
  while (b > 0) {
    unsigned char c = static_cast<unsigned char>(line[b - 1]);
    if (!(std::isalnum(c) || c == '_' || c >= 0x80)) break;
    --b;
  }
  return std::string(line.substr(b, end - b));
}

// File names for a dot command's argument `path` (the text after the last
// space), each cut to what follows `word_offset` bytes of `path` (the word
// libedit replaces starts there: '/' and '.' end words). Directories get a
// trailing '/'; hidden files only when the name typed starts with '.'.
std::vector<std::string> FileCandidates(std::string_view path, size_t word_offset) {
  std::vector<std::string> out;
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  DIR* d = opendir(dir.empty() ? "." : dir.c_str());
  if (d == nullptr) return out;
  while (struct dirent* e = readdir(d)) {
    std::string_view name = e->d_name;
    if (name == "." || name == ".." || !name.starts_with(base)) continue;
    if (name.starts_with(".") && !base.starts_with(".")) continue;
    std::string full = dir + std::string(name);
    struct stat st;
    if (stat(full.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) full.push_back('/');
    if (full.size() >= word_offset) out.push_back(full.substr(word_offset));
  }
  closedir(d);
  return out;
}

}  // namespace

std::vector<std::string> Shell::CompletionCandidates(std::string_view line, std::string_view word) {
  std::vector<std::string> out;
  if (line.size() < word.size()) return out;
  const size_t word_begin = line.size() - word.size();
  const size_t lead = line.find_first_not_of(" \t");
  // A dot command's name: ".mo" -> "mode" (the '.' is a word boundary).
  if (lead != std::string_view::npos && line[lead] == '.' && word_begin == lead + 1) {
    for (std::string_view name : DotCommandNames()) {
      if (name.starts_with(word)) out.emplace_back(name);
    }
    return out;
  }
  if (lead != std::string_view::npos && line[lead] == '.') {
    // A dot command's argument: a file name (.read, .open, .import, ...).
    const size_t space = line.find_last_of(" \t");
    if (space == std::string_view::npos || space < lead) return out;
    const std::string_view path = line.substr(space + 1);
    if (path.size() < word.size()) return out;
    out = FileCandidates(path, path.size() - word.size());
    std::sort(out.begin(), out.end());
    return out;
  }
  const bool lower = !word.empty() && std::islower(static_cast<unsigned char>(word[0]));
  std::vector<std::vector<std::string>> tables;
  QueryRows("SELECT name FROM sqlite_schema WHERE type IN ('table','view') ORDER BY 1", &tables);
  // "t.co": the columns of t only.
  std::string qualifier = word_begin > 0 && line[word_begin - 1] == '.' ? NameBefore(line, word_begin - 1) : "";
  if (qualifier.empty()) {
    for (std::string_view k : kKeywords) {
      if (!StartsWithNoCase(k, word) || !IsKeyword(k)) continue;
      std::string text(k);
      if (lower) {
        for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      out.push_back(std::move(text));
    }
    for (const auto& row : tables) {
      if (StartsWithNoCase(row[0], word)) out.push_back(row[0]);
    }
  }
  for (const auto& row : tables) {
    if (!qualifier.empty() && !StartsWithNoCase(row[0], qualifier)) continue;
    if (!qualifier.empty() && row[0].size() != qualifier.size()) continue;
    std::vector<std::vector<std::string>> columns;
    std::string literal;
    AppendQuotedString(row[0], &literal);
    QueryRows("PRAGMA table_info=" + literal, &columns);
    for (const auto& c : columns) {
      if (c.size() > 1 && StartsWithNoCase(c[1], word)) out.push_back(c[1]);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace sluice::shell
