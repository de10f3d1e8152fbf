// Parser: the recursive-descent parser behind the entry points of parser.h.
// Internal to the parser; callers use parser.h.
//
// Design
//   Statements are parsed by hand-written recursive descent that follows
//   SQLite's grammar (sqlite/src/parse.y) production by production;
//   expressions by a Pratt parser whose binding powers are SQLite's
//   precedence table (see parse_expr.cc). Tokens come lazily from a Lexer
//   with a few tokens of lookahead, so a bad token later in a script does
//   not spoil the statements before it.
//
//   Errors: the first failure is recorded in error_ (message in SQLite's
//   words plus position), and every parse function then returns false or a
//   null pointer (`return {};`), which its callers pass straight up; there
//   is no backtracking. The entry points of parser.h turn this into a
//   Status. (Returning Result<T> from every production would be the house
//   style, but it makes the frames of the recursive productions several
//   times bigger, and their size is what bounds the nesting we can accept:
//   see ParseOptions::max_depth.)
//
//   Depth: every recursive production (expression, subquery, parenthesized
//   join, CASE, function arguments...) passes through ParseExpr,
//   ParseSelect or ParseFromClause, which count nesting and fail with
//   `parser stack overflow` past ParseOptions::max_depth. Every expression
//   node gets its height checked against max_expr_height when it is built,
//   which bounds the operator chains the Pratt loop builds iteratively.
//
// Files: parser_internal.cc (tokens, errors, statements' frame),
// parse_expr.cc, parse_select.cc, parse_dml.cc (INSERT/UPDATE/DELETE),
// parse_ddl.cc (CREATE/DROP), parse_misc.cc (transactions, PRAGMA, ...).
//
// Thread safety: one thread at a time.
#ifndef SLUICE_SQL_PARSER_PARSER_INTERNAL_H_
#define SLUICE_SQL_PARSER_PARSER_INTERNAL_H_

#include <array>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <map>
#include <unordered_map>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/select.h"
#include "sql/ast/statement.h"
#include "sql/lexer/lexer.h"
#include "sql/lexer/token.h"
#include "sql/lexer/parse_error.h"

namespace sluice::sql {

// What the error functions return: false, or a null pointer of any kind,
// so that `return SyntaxError();` fits every parse function.
struct Failure {
  operator bool() const { return false; }  // NOLINT: implicit on purpose
  template <typename T>
  operator std::unique_ptr<T>() const {  // NOLINT
    return nullptr;
  }
};

class Parser {
 public:
  // REQUIRES: `input` outlives the parser and is not modified.
  Parser(std::string_view input, const ParseOptions& options);

  // Skips any ';' tokens; true when the end of the input follows.
  bool SkipEmptyStatements();

  // Parses one statement at the current token, up to (not including) its
  // terminating ';' or the end of the input; then requires one of those and
  // consumes the ';'. Null on failure, with error() set.
  StatementPtr ParseStatementAndTerminator();

  // Parses one expression and requires the end of the input after it. Null
  // on failure, with error() set.
  ExprPtr ParseStandaloneExpression();

  // Restarts lexing at `offset` with no lookahead (after an error).
  void ResetTo(size_t offset);

  // Offset of the current token (where the next statement starts, after
  // SkipEmptyStatements()).
  size_t current_offset() const { return tok_.offset; }
  // Offset just past the last token consumed.
  size_t last_end() const { return last_end_; }

  // Details of the first error (valid after a failure).
  const ParseError& error() const { return error_; }

 private:
  friend class Nesting;

  // ---- Tokens (parser_internal.cc)
  const Token& tok() const { return tok_; }
  TokenKind kind() const { return tok_.kind; }
  bool At(TokenKind k) const { return tok_.kind == k; }
  // The n-th token after the current one (n >= 1).
  const Token& Peek(int n = 1);
  // Consumes the current token and returns it.
  Token Advance();
  // The lexer's next token; one longer than ParseOptions::max_token_length
  // comes back as kIllegal (see too_big_offset_).
  Token Lex();
  // Consumes the current token when it is of kind `k`.
  bool Accept(TokenKind k);
  // Consumes a `k` or fails with a syntax error at the current token.
  bool Expect(TokenKind k);

  // Token classes of SQLite's grammar.
  // `ids`: ID | STRING (fallback keywords count as ID): bare aliases, type
  // name words, collation names.
  static bool IsIds(const Token& t);
  // `nm`: ID | STRING | INDEXED | JOIN_KW: names of tables, columns, ...
  static bool IsNm(const Token& t);
  // `idj`: ID | INDEXED | JOIN_KW: a column or function name in an
  // expression.
  static bool IsIdj(const Token& t);
  static bool IsJoinKeyword(TokenKind k);
  // Consumes an `nm` and returns the name it denotes.
  bool ParseName(std::string* name);
  // nm [. nm]: fills schema (maybe empty) and name.
  bool ParseQualifiedName(std::string* schema, std::string* name, SourceSpan* name_span = nullptr);
  // LP nm, nm, ... RP
  bool ParseNameList(std::vector<std::string>* names);

  // ---- Errors (parser_internal.cc)
  // `near "tok": syntax error`, `incomplete input` at the end, or
  // `unrecognized token: "tok"` for an illegal token.
  Failure SyntaxError();
  Failure SyntaxErrorAt(const Token& t);
  // An error with SQLite's message `msg`, positioned at `t`.
  Failure ErrorAt(const Token& t, std::string msg, bool has_caret);
  Failure StackOverflow();

  // ---- Expressions (parse_expr.cc)
  // An expression whose infix operators all bind at least as tightly as
  // `min_prec` (see the Prec enum in parse_expr.cc).
  ExprPtr ParseExpr(int min_prec);
  ExprPtr ParseExpr();  // a full expression
  ExprPtr ParsePrefix();
  ExprPtr ParseParenthesized();
  ExprPtr ParseCase();
  ExprPtr ParseCast();
  ExprPtr ParseIdentifierExpr();
  ExprPtr ParseFunctionCall();
  ExprPtr ParseRaise();
  ExprPtr ParseParameter();
  ExprPtr ParseLiteral();
  // Infix and postfix operators applied to `left`; `prec` is the binding
  // power of the operator at the current token.
  ExprPtr ParseInfix(ExprPtr left, int prec);
  ExprPtr ParseIn(ExprPtr left, bool negated, size_t begin);
  ExprPtr ParseLike(ExprPtr left, bool negated, size_t begin);
  ExprPtr ParseBetween(ExprPtr left, bool negated, size_t begin);
  // exprlist (may be empty) up to, not including, `)`.
  bool ParseExprList(ExprList* list, bool allow_empty);
  // A type name as written (typetoken); empty when none.
  bool ParseTypeName(std::string* type);
  // Sets e.height from its children and checks the height limit.
  bool FinishExpr(Expr& e);
  // True when a '(' at Peek(n) is followed by a SELECT (subquery).
  bool StartsSelect(const Token& t) const;

  // ---- SELECT (parse_select.cc)
  SelectPtr ParseSelect();
  SelectPtr ParseSelectAfterWith(std::unique_ptr<WithClause> with, size_t begin);
  std::unique_ptr<WithClause> ParseWith();
  bool ParseSelectCore(SelectCore* core);
  bool ParseValuesCore(SelectCore* core);
  bool ParseResultColumn(ResultColumn* column);
  // An optional alias: AS nm | ids.
  bool ParseAlias(bool* has_alias, std::string* alias);
  std::unique_ptr<FromClause> ParseFromClause();
  bool ParseFromItem(FromItem* item);
  bool ParseJoinOperator(FromItem* item);
  bool ParseOrderBy(std::vector<OrderingTerm>* terms);
  bool ParseLimit(ExprPtr* limit, ExprPtr* offset);
  int SelectHeight(const Select& select) const;

  // ---- Statements (parse_dml.cc, parse_ddl.cc, parse_misc.cc)
  StatementPtr ParseStatement();
  StatementPtr ParseStatementBody();
  StatementPtr ParseWithStatement();
  StatementPtr ParseSelectStatement(std::unique_ptr<WithClause> with, size_t begin);
  StatementPtr ParseInsert(std::unique_ptr<WithClause> with);
  StatementPtr ParseUpdate(std::unique_ptr<WithClause> with);
  StatementPtr ParseDelete(std::unique_ptr<WithClause> with);
  bool ParseConflictClause(ConflictResolution* r);  // after OR / ON CONFLICT
  bool ParseOnConflict(ConflictResolution* r);      // [ON CONFLICT resolution]
  bool ParseIndexedBy(std::string* indexed_by, bool* not_indexed);
  bool ParseUpsertClauses(InsertStatement* insert);         // parse_upsert.cc
  bool ParseReturning(std::vector<ResultColumn>* columns);  // parse_upsert.cc
  // [ORDER BY ...] [LIMIT ...] of UPDATE / DELETE (`what`; parse_upsert.cc).
  bool ParseDmlLimit(std::vector<OrderingTerm>* order_by, ExprPtr* limit, ExprPtr* offset, const char* what);
  StatementPtr ParseCreate();
  StatementPtr ParseCreateTable(bool temp);
  bool ParseColumnDef(ColumnDef* column);
  bool ParseColumnConstraint(ColumnDef* column);
  bool ParseTableConstraint(TableConstraint* constraint);
  bool ParseForeignKeyClause(ForeignKeyClause* fk);
  bool ParseDeferral(ForeignKeyClause* fk);
  bool ParseTableOptions(CreateTableStatement* table);
  bool ParseIndexedColumns(std::vector<IndexedColumn>* columns, bool* autoincrement);
  StatementPtr ParseCreateIndex(bool unique);
  StatementPtr ParseCreateView(bool temp);
  StatementPtr ParseCreateTrigger(bool temp);
  StatementPtr ParseDrop();
  StatementPtr ParseAlterTable();  // parse_alter.cc
  StatementPtr ParseBegin();
  StatementPtr ParseCommit();
  StatementPtr ParseRollback();
  StatementPtr ParseSavepoint();
  StatementPtr ParseRelease();
  StatementPtr ParsePragma();
  StatementPtr ParseVacuum();
  StatementPtr ParseAttach();  // parse_attach.cc
  StatementPtr ParseDetach();
  StatementPtr ParseReindexOrAnalyze();
  bool ParseIfNotExists(bool* if_not_exists);
  // Fills span and sql of a finished statement that began at `begin`.
  void FinishStatement(Statement& s, size_t begin);

  std::string_view input_;
  ParseOptions options_;
  Lexer lexer_;
  Token tok_;
  std::array<Token, 4> ahead_;  // tokens after tok_, ahead_[0] first
  int ahead_count_ = 0;
  size_t last_end_ = 0;
  int depth_ = 0;
  // Inside CREATE TRIGGER's BEGIN ... END, whose UPDATE and DELETE steps
  // have no RETURNING in sqlite3's grammar (an INSERT step's is refused
  // by CheckCreateTrigger, as sqlite3 refuses it after parsing).
  bool in_trigger_body_ = false;
  ParseError error_;
  bool failed_ = false;
  // Offset of the last token Lex() found too long.
  size_t too_big_offset_ = static_cast<size_t>(-1);
  // Parameter numbering of the current statement.
  int max_parameter_ = 0;
  std::unordered_map<std::string, int> named_parameters_;
  // The name of each numbered slot that has one (its first ?NNN or :name).
  std::map<int, std::string> parameter_names_;
};

// RAII count of one level of nesting; see Parser's comment on depth.
class Nesting {
 public:
  explicit Nesting(Parser* p) : p_(p) { ++p_->depth_; }
  ~Nesting() { --p_->depth_; }
  Nesting(const Nesting&) = delete;
  Nesting& operator=(const Nesting&) = delete;
  bool too_deep() const { return p_->depth_ > p_->options_.max_depth; }

 private:
  Parser* p_;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PARSER_PARSER_INTERNAL_H_
