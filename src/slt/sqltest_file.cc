// ParseSqltest (sqltest_file.h): a scanner for the format's few token kinds
// and a recursive-descent reading of the top-level constructs.
#include "slt/sqltest_file.h"

#include <cctype>
#include <optional>

namespace sluice::slt {

namespace {

struct Token {
  enum class Kind { kEnd, kNewline, kWord, kString, kBlock };
  Kind kind = Kind::kEnd;
  std::string text;
  int line = 0;
};

// Splits the text into newlines, words, "strings" and { blocks }; drops
// blanks and # comments.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  Result<Token> Next() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else if (c == '#') {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else {
        break;
      }
    }
    Token t;
    t.line = line_;
    if (pos_ >= text_.size()) return t;
    char c = text_[pos_];
    if (c == '\n') {
      ++pos_;
      ++line_;
      t.kind = Token::Kind::kNewline;
      return t;
    }
    if (c == '{') return Block();
    if (c == '"') {
      size_t i = pos_ + 1;
      std::string s;
      while (i < text_.size() && text_[i] != '"' && text_[i] != '\n') {
        if (text_[i] == '\\' && i + 1 < text_.size() && text_[i + 1] != '\n') ++i;
        s += text_[i++];
      }
      if (i >= text_.size() || text_[i] != '"') return Status::InvalidArgument(Where(line_) + "unterminated string");
      pos_ = i + 1;
      t.kind = Token::Kind::kString;
      t.text = std::move(s);
      return t;
    }
    size_t start = pos_;
    while (pos_ < text_.size()) {
      char d = text_[pos_];
      if (d == ' ' || d == '\t' || d == '\r' || d == '\n' || d == '{' || d == '"') break;
      ++pos_;
    }
    t.kind = Token::Kind::kWord;
    t.text = std::string(text_.substr(start, pos_ - start));
    return t;
  }

  static std::string Where(int line) { return "line " + std::to_string(line) + ": "; }

 private:
  // Turso's extract_block_content: to the matching '}', escapes \{ \} \\,
  // without the newline after '{' and the one before '}'.
  Result<Token> Block() {
    Token t;
    t.kind = Token::Kind::kBlock;
    t.line = line_;
    size_t i = pos_ + 1;
    if (i < text_.size() && text_[i] == '\n') {
      ++i;
      ++line_;
    }
    int depth = 1;
    std::string content;
    while (i < text_.size()) {
      char c = text_[i];
      if (c == '\\' && i + 1 < text_.size() && (text_[i + 1] == '{' || text_[i + 1] == '}' || text_[i + 1] == '\\')) {
        content += text_[i + 1];
        i += 2;
        continue;
      }
      if (c == '\n') ++line_;
      if (c == '{') ++depth;
      if (c == '}' && --depth == 0) {
        if (!content.empty() && content.back() == '\n') content.pop_back();
        pos_ = i + 1;
        t.text = std::move(content);
        return t;
      }
      content += c;
      ++i;
    }
    return Status::InvalidArgument(Where(t.line) + "unterminated { block");
  }

  std::string_view text_;
  size_t pos_ = 0;
  int line_ = 1;
};

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> SplitLines(std::string_view s) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (true) {
    size_t nl = s.find('\n', start);
    lines.emplace_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : scanner_(text) {}

  Result<SqltestFile> Parse() {
    SqltestFile file;
    while (true) {
      Result<Token> t = NextSignificant();
      if (!t.ok()) return t.status();
      if (t->kind == Token::Kind::kEnd) break;
      if (t->kind != Token::Kind::kWord) return Error(*t, "unexpected " + Describe(*t));
      const std::string& w = t->text;
      Status s;
      if (w == "@database") {
        s = ParseDatabase(&file);
      } else if (w == "@skip-file") {
        Result<std::string> reason = ExpectString();
        if (!reason.ok()) return reason.status();
        file.file_skips.push_back({"", *reason});
      } else if (w == "@skip-file-if") {
        Result<SqltestSkip> skip = ParseConditionalSkip();
        if (!skip.ok()) return skip.status();
        file.file_skips.push_back(*skip);
      } else if (w == "@requires-file") {
        Result<std::string> cap = ExpectWord("a capability");
        if (!cap.ok()) return cap.status();
        Result<std::string> reason = ExpectString();
        if (!reason.ok()) return reason.status();
        file.file_requires.push_back(*cap);
      } else if (w == "setup") {
        Result<std::string> name = ExpectWord("a setup name");
        if (!name.ok()) return name.status();
        Result<Token> block = ExpectBlock();
        if (!block.ok()) return block.status();
        if (file.setups.count(*name)) return Error(*t, "duplicate setup name: " + *name);
        file.setups[*name] = Trim(block->text);
      } else {
        s = ParseCase(*t, &file);
      }
      if (!s.ok()) return s;
    }
    if (file.databases.empty()) return Status::InvalidArgument("no @database declaration");
    for (const SqltestCase& c : file.tests) {
      for (const std::string& setup : c.setups) {
        if (!file.setups.count(setup)) {
          return Status::InvalidArgument(Scanner::Where(c.line) + "test " + c.name + ": no setup named " + setup);
        }
      }
    }
    return file;
  }

 private:
  static Status Error(const Token& t, const std::string& what) {
    return Status::InvalidArgument(Scanner::Where(t.line) + what);
  }
  static std::string Describe(const Token& t) {
    switch (t.kind) {
      case Token::Kind::kEnd: return "end of file";
      case Token::Kind::kNewline: return "end of line";
      case Token::Kind::kBlock: return "{ block }";
      case Token::Kind::kString: return "string \"" + t.text + "\"";
      case Token::Kind::kWord: break;
    }
    return "'" + t.text + "'";
  }

  Result<Token> Next() {
    if (peeked_) {
      Token t = std::move(*peeked_);
      peeked_.reset();
      return t;
    }
    return scanner_.Next();
  }
  Result<Token> NextSignificant() {
    while (true) {
      Result<Token> t = Next();
      if (!t.ok() || t->kind != Token::Kind::kNewline) return t;
    }
  }
  Result<Token> PeekSignificant() {
    Result<Token> t = NextSignificant();
    if (t.ok()) peeked_ = *t;
    return t;
  }
  Result<std::string> ExpectWord(const std::string& what) {
    Result<Token> t = Next();
    if (!t.ok()) return t.status();
    if (t->kind != Token::Kind::kWord) return Error(*t, "expected " + what + ", got " + Describe(*t));
    return t->text;
  }
  Result<std::string> ExpectString() {
    Result<Token> t = Next();
    if (!t.ok()) return t.status();
    if (t->kind != Token::Kind::kString) return Error(*t, "expected a \"reason\", got " + Describe(*t));
    return t->text;
  }
  Result<Token> ExpectBlock() {
    Result<Token> t = Next();
    if (!t.ok()) return t.status();
    if (t->kind != Token::Kind::kBlock) return Error(*t, "expected a { block }, got " + Describe(*t));
    return t;
  }

  Status ParseDatabase(SqltestFile* file) {
    Result<Token> t = Next();
    if (!t.ok()) return t.status();
    if (t->kind != Token::Kind::kWord) return Error(*t, "expected a database after @database");
    SqltestDatabase db;
    db.spec = t->text;
    if (t->text == ":memory:") {
      db.kind = SqltestDatabase::Kind::kMemory;
    } else if (t->text == ":temp:") {
      db.kind = SqltestDatabase::Kind::kTemp;
    } else if (t->text == ":default:") {
      db.kind = SqltestDatabase::Kind::kDefault;
      db.readonly = true;
    } else if (t->text == ":default-no-rowidalias:") {
      db.kind = SqltestDatabase::Kind::kDefaultNoRowidAlias;
      db.readonly = true;
    } else if (t->text[0] == ':' || t->text[0] == '@') {
      return Error(*t, "unknown database " + t->text);
    } else {
      db.kind = SqltestDatabase::Kind::kPath;
      db.path = t->text;
      Result<Token> r = Next();
      if (!r.ok()) return r.status();
      if (r->kind == Token::Kind::kWord && r->text == "readonly") {
        db.readonly = true;
        db.spec += " readonly";
      } else {
        peeked_ = *r;
      }
    }
    file->databases.push_back(std::move(db));
    return Status::OK();
  }

  Result<SqltestSkip> ParseConditionalSkip() {
    Result<std::string> cond = ExpectWord("a skip condition (mvcc or sqlite)");
    if (!cond.ok()) return cond.status();
    if (*cond != "mvcc" && *cond != "sqlite") {
      return Status::InvalidArgument("unknown skip condition " + *cond + " (mvcc or sqlite)");
    }
    Result<std::string> reason = ExpectString();
    if (!reason.ok()) return reason.status();
    return SqltestSkip{*cond, *reason};
  }

  Result<SqltestExpectation> ParseExpectation(int line) {
    SqltestExpectation e;
    e.line = line;
    Result<Token> t = Next();
    if (!t.ok()) return t.status();
    std::string modifier;
    if (t->kind == Token::Kind::kWord) {
      modifier = t->text;
      t = Next();
      if (!t.ok()) return t.status();
    }
    if (t->kind != Token::Kind::kBlock) return Error(*t, "expected the expect { block }, got " + Describe(*t));
    const std::string& content = t->text;
    if (modifier.empty()) {
      e.kind = SqltestExpectation::Kind::kExact;
      for (const std::string& l : SplitLines(content)) e.rows.push_back(Trim(l));
    } else if (modifier == "raw") {
      e.kind = SqltestExpectation::Kind::kRaw;
      e.rows = SplitLines(content);
    } else if (modifier == "unordered") {
      e.kind = SqltestExpectation::Kind::kUnordered;
      for (const std::string& l : SplitLines(Trim(content))) {
        std::string row = Trim(l);
        if (!row.empty()) e.rows.push_back(std::move(row));
      }
    } else if (modifier == "pattern") {
      e.kind = SqltestExpectation::Kind::kPattern;
      e.text = Trim(content);
    } else if (modifier == "error") {
      e.kind = SqltestExpectation::Kind::kError;
      e.text = Trim(content);
    } else {
      return Error(*t, "unknown expect modifier " + modifier + " (error, pattern, unordered, raw)");
    }
    return e;
  }

  // Decorators, then a test (with its expect blocks), snapshot or matrix.
  Status ParseCase(Token first, SqltestFile* file) {
    SqltestCase c;
    Token t = std::move(first);
    while (true) {
      if (t.kind != Token::Kind::kWord) return Error(t, "unexpected " + Describe(t));
      const std::string w = t.text;
      if (w == "@setup") {
        Result<std::string> name = ExpectWord("a setup name");
        if (!name.ok()) return name.status();
        c.setups.push_back(*name);
      } else if (w == "@skip") {
        Result<std::string> reason = ExpectString();
        if (!reason.ok()) return reason.status();
        c.skips.push_back({"", *reason});
      } else if (w == "@skip-if") {
        Result<SqltestSkip> skip = ParseConditionalSkip();
        if (!skip.ok()) return skip.status();
        c.skips.push_back(*skip);
      } else if (w == "@requires") {
        Result<std::string> cap = ExpectWord("a capability");
        if (!cap.ok()) return cap.status();
        Result<std::string> reason = ExpectString();
        if (!reason.ok()) return reason.status();
        c.required.push_back(*cap);
      } else if (w == "@backend") {
        Result<std::string> name = ExpectWord("a backend name");
        if (!name.ok()) return name.status();
        c.backend = *name;
      } else if (w == "@cross-check-integrity" || w == "@release") {
        // Turso-side checks (an integrity check by a second binary, release
        // builds only) with no effect on what a test expects.
      } else if (w == "@var") {
        Result<std::string> name = ExpectWord("a variable name");
        if (!name.ok()) return name.status();
        Result<Token> block = ExpectBlock();
        if (!block.ok()) return block.status();
      } else if (w == "snapshot" || w == "snapshot-eqp" || w == "matrix") {
        // Run by Turso's Rust backend only (EXPLAIN snapshots, agreement
        // with a bundled SQLite): not tests for a CLI backend.
        Result<std::string> name = ExpectWord("a name");
        if (!name.ok()) return name.status();
        Result<Token> block = ExpectBlock();
        if (!block.ok()) return block.status();
        return Status::OK();
      } else if (w == "test") {
        c.line = t.line;
        Result<std::string> name = ExpectWord("a test name");
        if (!name.ok()) return name.status();
        c.name = *name;
        Result<Token> block = ExpectBlock();
        if (!block.ok()) return block.status();
        c.sql = Trim(block->text);
        bool have_default = false;
        while (true) {
          Result<Token> e = PeekSignificant();
          if (!e.ok()) return e.status();
          if (e->kind != Token::Kind::kWord || e->text != "expect") break;
          peeked_.reset();
          int line = e->line;
          Result<Token> q = Next();
          if (!q.ok()) return q.status();
          std::string backend;
          if (q->kind == Token::Kind::kWord && q->text.size() > 1 && q->text[0] == '@') {
            backend = q->text.substr(1);
          } else {
            peeked_ = *q;
          }
          Result<SqltestExpectation> x = ParseExpectation(line);
          if (!x.ok()) return x.status();
          if (backend.empty()) {
            if (have_default) return Error(*e, "test " + c.name + ": more than one default expect block");
            c.expect = std::move(*x);
            have_default = true;
          } else {
            if (c.by_backend.count(backend))
              return Error(*e, "test " + c.name + ": two expect @" + backend + " blocks");
            c.by_backend[backend] = std::move(*x);
          }
        }
        if (!have_default) return Error(t, "test " + c.name + ": no expect block");
        for (const SqltestCase& other : file->tests) {
          if (other.name == c.name) return Error(t, "duplicate test name: " + c.name);
        }
        file->tests.push_back(std::move(c));
        return Status::OK();
      } else {
        return Error(t, "unexpected '" + w + "' (a decorator, test, snapshot or matrix)");
      }
      Result<Token> n = NextSignificant();
      if (!n.ok()) return n.status();
      t = std::move(*n);
    }
  }

  Scanner scanner_;
  std::optional<Token> peeked_;
};

}  // namespace

Result<SqltestFile> ParseSqltest(std::string_view text) { return Parser(text).Parse(); }

}  // namespace sluice::slt
