// Statement nodes of the SQL AST: one struct per kind of statement of the
// dialect (SELECT, INSERT/REPLACE, UPDATE, DELETE, CREATE/DROP TABLE, INDEX,
// VIEW and TRIGGER, transactions, EXPLAIN, PRAGMA, VACUUM, REINDEX,
// ANALYZE).
//
// Every statement owns a copy of its own source text (`sql`, from its first
// token to its last, without the closing ';'), so it can outlive the input:
// views and schema entries keep the text as written, and result columns are
// named from expression spans through Text(). Spans count from the start of
// the input given to the parser (see source_span.h).
#ifndef SLUICE_SQL_AST_STATEMENT_H_
#define SLUICE_SQL_AST_STATEMENT_H_

#include <cassert>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sql/ast/expr.h"
#include "sql/ast/select.h"
#include "sql/ast/source_span.h"

namespace sluice::sql {

enum class StatementKind : uint8_t {
  kSelect,
  kInsert,
  kUpdate,
  kDelete,
  kCreateTable,
  kCreateIndex,
  kCreateView,
  kCreateTrigger,
  kDrop,
  kBegin,
  kCommit,
  kRollback,
  kSavepoint,
  kRelease,
  kExplain,
  kPragma,
  kVacuum,
  kReindex,
  kAnalyze,
  kAttach,
  kDetach,
  kAlterTable,
};

struct Statement {
  explicit Statement(StatementKind k) : kind(k) {}
  virtual ~Statement() = default;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  template <typename T>
  T& As() {
    assert(kind == T::kKind);
    return static_cast<T&>(*this);
  }
  template <typename T>
  const T& As() const {
    assert(kind == T::kKind);
    return static_cast<const T&>(*this);
  }

  // The source text of a span of this statement (an expression's, say).
  // REQUIRES: `s` lies within `span`.
  std::string_view Text(SourceSpan s) const {
    assert(s.begin >= span.begin && s.end <= span.end);
    return std::string_view(sql).substr(s.begin - span.begin, s.size());
  }

  const StatementKind kind;
  SourceSpan span;
  std::string sql;  // the text of `span`
  // The number of parameter slots (largest ParameterExpr::index); 0 if none.
  int parameter_count = 0;
  // Per slot (index - 1): the name sqlite3_bind_parameter_name reports, the
  // first ?NNN or :name/@name/$name written for it; empty for a bare ?.
  std::vector<std::string> parameter_names;
};

using StatementPtr = std::unique_ptr<Statement>;

// ON CONFLICT / OR <resolution>; kDefault means none was given (ABORT).
enum class ConflictResolution : uint8_t { kDefault, kRollback, kAbort, kFail, kIgnore, kReplace };

std::string_view ConflictResolutionSql(ConflictResolution r);  // "ROLLBACK", ...; "" for kDefault

struct SelectStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kSelect;
  SelectStatement() : Statement(kKind) {}
  SelectPtr select;
};

// One ON CONFLICT clause of an INSERT (UPSERT, exec/ops/upsert.h):
// ON CONFLICT [(target) [WHERE expr]] DO NOTHING | DO UPDATE SET ... .
struct UpsertClause {
  std::vector<ExprPtr> target;  // columns (COLLATE allowed); empty: any uniqueness conflict
  ExprPtr target_where;
  bool do_update = false;
  // DO UPDATE SET: per assignment its column(s) (several for the row form,
  // which is refused) and value; then its WHERE.
  std::vector<std::vector<std::string>> set_columns;
  std::vector<ExprPtr> set_values;
  ExprPtr where;
  SourceSpan span;
};

struct InsertStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kInsert;
  InsertStatement() : Statement(kKind) {}
  std::unique_ptr<WithClause> with;
  bool replace = false;  // written REPLACE INTO (then conflict is kReplace)
  ConflictResolution conflict = ConflictResolution::kDefault;
  std::string schema;
  std::string table;
  bool has_alias = false;
  std::string alias;
  std::vector<std::string> columns;     // empty when not given
  bool default_values = false;          // DEFAULT VALUES; then select is null
  SelectPtr select;                     // VALUES (...) or a SELECT
  std::vector<UpsertClause> upserts;    // ON CONFLICT clauses, in order
  std::vector<ResultColumn> returning;  // RETURNING; empty when not given
};

// `SET c = e` or `SET (a, b) = (e1, e2)`.
struct Assignment {
  std::vector<std::string> columns;  // one, or several for the row form
  ExprPtr value;
  SourceSpan span;
};

struct UpdateStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kUpdate;
  UpdateStatement() : Statement(kKind) {}
  std::unique_ptr<WithClause> with;
  ConflictResolution conflict = ConflictResolution::kDefault;
  std::string schema;
  std::string table;
  bool has_alias = false;
  std::string alias;
  std::string indexed_by;
  bool not_indexed = false;
  std::vector<Assignment> assignments;  // at least one
  std::unique_ptr<FromClause> from;     // UPDATE ... FROM (SQLite 3.33+)
  ExprPtr where;
  std::vector<ResultColumn> returning;  // RETURNING; empty when not given
  // ORDER BY ... LIMIT ... (SQLITE_ENABLE_UPDATE_DELETE_LIMIT); limit null:
  // none (then order_by is empty).
  std::vector<OrderingTerm> order_by;
  ExprPtr limit;
  ExprPtr offset;
};

struct DeleteStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDelete;
  DeleteStatement() : Statement(kKind) {}
  std::unique_ptr<WithClause> with;
  std::string schema;
  std::string table;
  bool has_alias = false;
  std::string alias;
  std::string indexed_by;
  bool not_indexed = false;
  ExprPtr where;
  std::vector<ResultColumn> returning;  // RETURNING; empty when not given
  // ORDER BY ... LIMIT ..., as UpdateStatement's.
  std::vector<OrderingTerm> order_by;
  ExprPtr limit;
  ExprPtr offset;
};

enum class ForeignKeyAction : uint8_t { kDefault, kSetNull, kSetDefault, kCascade, kRestrict, kNoAction };

struct ForeignKeyClause {
  std::string table;
  std::vector<std::string> columns;  // empty: the parent's primary key
  ForeignKeyAction on_delete = ForeignKeyAction::kDefault;
  ForeignKeyAction on_update = ForeignKeyAction::kDefault;
  std::string match;  // MATCH name, or empty
  // [NOT] DEFERRABLE [INITIALLY DEFERRED|IMMEDIATE]
  enum class Deferral : uint8_t { kDefault, kDeferrable, kNotDeferrable } deferral = Deferral::kDefault;
  bool initially_deferred = false;
  SourceSpan span;
};

// A column of an index or of a PRIMARY KEY / UNIQUE table constraint:
// usually a column name (a ColumnRefExpr), an expression for indexes on
// expressions; a COLLATE is a CollateExpr around it.
struct IndexedColumn {
  ExprPtr expr;
  SortOrder order = SortOrder::kDefault;
  SourceSpan span;
};

struct ColumnConstraint {
  enum class Kind : uint8_t {
    kPrimaryKey,  // order, conflict, autoincrement
    kNotNull,     // conflict
    kNull,        // the no-op NULL constraint
    kUnique,      // conflict
    kCheck,       // expr
    kDefault,     // expr
    kCollate,     // collation
    kReferences,  // foreign_key
    kGenerated,   // expr, stored
  };
  Kind kind = Kind::kNull;
  std::string name;  // CONSTRAINT name, or empty
  SortOrder order = SortOrder::kDefault;
  ConflictResolution conflict = ConflictResolution::kDefault;
  bool autoincrement = false;
  // kDefault: a literal, a signed number, `(expr)` or a bare word (which
  // SQLite takes as a string; TRUE/FALSE as 1/0). The span of the
  // expression is the DEFAULT text SQLite reports.
  ExprPtr expr;
  std::string collation;
  std::unique_ptr<ForeignKeyClause> foreign_key;
  bool stored = false;  // GENERATED ... STORED rather than VIRTUAL
  SourceSpan span;
};

struct ColumnDef {
  std::string name;
  // The declared type as written (`VARCHAR(10)`, `DECIMAL(10,2)`), empty
  // when none was given; column affinity follows from its words.
  std::string type_name;
  std::vector<ColumnConstraint> constraints;
  // `CONSTRAINT name` with no constraint after it at the end of the column
  // (empty when none): sqlite3 gives that name to the table's first
  // constraint when it has none of its own.
  std::string dangling_constraint_name;
  SourceSpan span;
};

struct TableConstraint {
  enum class Kind : uint8_t { kPrimaryKey, kUnique, kCheck, kForeignKey };
  Kind kind = Kind::kCheck;
  std::string name;                    // CONSTRAINT name, or empty
  std::vector<IndexedColumn> columns;  // kPrimaryKey, kUnique
  bool autoincrement = false;          // PRIMARY KEY (x AUTOINCREMENT)
  ConflictResolution conflict = ConflictResolution::kDefault;
  ExprPtr check;                        // kCheck
  std::vector<std::string> fk_columns;  // kForeignKey: the child columns
  std::unique_ptr<ForeignKeyClause> foreign_key;
  SourceSpan span;
};

struct CreateTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTable;
  CreateTableStatement() : Statement(kKind) {}
  bool temp = false;
  bool if_not_exists = false;
  std::string schema;
  std::string name;
  // The table name token: SQLite stores `CREATE TABLE ` + the text from here
  // to the end of the statement in sqlite_schema.
  SourceSpan name_span;
  std::vector<ColumnDef> columns;
  std::vector<TableConstraint> constraints;
  bool without_rowid = false;
  bool strict = false;
  SelectPtr as_select;  // CREATE TABLE ... AS SELECT: then columns is empty
};

struct CreateIndexStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateIndex;
  CreateIndexStatement() : Statement(kKind) {}
  bool unique = false;
  bool if_not_exists = false;
  std::string schema;
  std::string name;
  SourceSpan name_span;
  std::string table;
  std::vector<IndexedColumn> columns;
  ExprPtr where;  // partial index
};

struct CreateViewStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateView;
  CreateViewStatement() : Statement(kKind) {}
  bool temp = false;
  bool if_not_exists = false;
  std::string schema;
  std::string name;
  SourceSpan name_span;
  std::vector<std::string> columns;  // empty when not given
  SelectPtr select;
};

struct CreateTriggerStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCreateTrigger;
  CreateTriggerStatement() : Statement(kKind) {}
  enum class Timing : uint8_t { kDefault, kBefore, kAfter, kInsteadOf };
  enum class Event : uint8_t { kDelete, kInsert, kUpdate };
  bool temp = false;
  bool if_not_exists = false;
  std::string schema;
  std::string name;
  SourceSpan name_span;
  Timing timing = Timing::kDefault;
  Event event = Event::kInsert;
  std::vector<std::string> update_columns;  // UPDATE OF a, b
  std::string table;
  bool for_each_row = false;
  ExprPtr when;
  // The statements between BEGIN and END (SELECT, INSERT, UPDATE, DELETE),
  // each with its own text, and the text of the whole body.
  std::vector<StatementPtr> body;
  SourceSpan body_span;
};

struct DropStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDrop;
  DropStatement() : Statement(kKind) {}
  enum class Object : uint8_t { kTable, kIndex, kView, kTrigger };
  Object object = Object::kTable;
  bool if_exists = false;
  std::string schema;
  std::string name;
};

struct BeginStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kBegin;
  BeginStatement() : Statement(kKind) {}
  enum class Mode : uint8_t { kDeferred, kImmediate, kExclusive };
  Mode mode = Mode::kDeferred;
};

// COMMIT, END.
struct CommitStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kCommit;
  CommitStatement() : Statement(kKind) {}
};

struct RollbackStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kRollback;
  RollbackStatement() : Statement(kKind) {}
  std::string savepoint;  // ROLLBACK TO name; empty for a plain ROLLBACK
};

struct SavepointStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kSavepoint;
  SavepointStatement() : Statement(kKind) {}
  std::string name;
};

struct ReleaseStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kRelease;
  ReleaseStatement() : Statement(kKind) {}
  std::string name;
};

struct ExplainStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kExplain;
  ExplainStatement() : Statement(kKind) {}
  bool query_plan = false;  // EXPLAIN QUERY PLAN
  StatementPtr statement;   // never itself an EXPLAIN
};

struct PragmaStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kPragma;
  PragmaStatement() : Statement(kKind) {}
  std::string schema;
  std::string name;
  bool has_value = false;
  bool call_form = false;  // PRAGMA name(value) rather than name = value
  // The value as written, quotes removed, a leading '-' or '+' kept.
  std::string value;
};

struct VacuumStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kVacuum;
  VacuumStatement() : Statement(kKind) {}
  std::string schema;
  ExprPtr into;  // VACUUM INTO expr
};

// REINDEX [[schema.]name] and ANALYZE [[schema.]name].
struct ReindexStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kReindex;
  ReindexStatement() : Statement(kKind) {}
  std::string schema;
  std::string name;
};

struct AnalyzeStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kAnalyze;
  AnalyzeStatement() : Statement(kKind) {}
  std::string schema;
  std::string name;
};

// ATTACH [DATABASE] file AS name; DETACH [DATABASE] name. Both operands
// are expressions, as in SQLite (a bare identifier is its own name).
struct AttachStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kAttach;
  AttachStatement() : Statement(kKind) {}
  ExprPtr file;
  ExprPtr name;
};

struct DetachStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kDetach;
  DetachStatement() : Statement(kKind) {}
  ExprPtr name;
};

// ALTER TABLE [schema.]table RENAME TO new | RENAME [COLUMN] old TO new |
// ADD [COLUMN] column-def | DROP [COLUMN] name.
struct AlterTableStatement : Statement {
  static constexpr StatementKind kKind = StatementKind::kAlterTable;
  AlterTableStatement() : Statement(kKind) {}
  enum class Action : uint8_t { kRenameTable, kRenameColumn, kAddColumn, kDropColumn };
  Action action = Action::kRenameTable;
  std::string schema;
  std::string table;
  // RENAME COLUMN, DROP COLUMN: the column named (dequoted) and its token.
  std::string column;
  SourceSpan column_span;
  // RENAME: the new name (dequoted) and its token (sqlite3 quotes the
  // rewritten names when this one was quoted).
  std::string new_name;
  SourceSpan new_name_span;
  ColumnDef column_def;  // ADD COLUMN
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_AST_STATEMENT_H_
