// ToSql implementation: one Printer appending to a string, with one method
// per kind of node.
#include "sql/ast/to_sql.h"

#include <string>

#include "base/sql_literal.h"
#include "sql/lexer/keywords.h"
#include "sql/lexer/lexer.h"

namespace sluice::sql {
namespace {

std::string Quote(std::string_view text, char open, char close) {
  std::string out;
  out.reserve(text.size() + 2);
  out += open;
  for (char c : text) {
    out += c;
    if (c == close && open != '[') out += c;
  }
  out += close;
  return out;
}

bool IsPlainWord(std::string_view name) {
  if (name.empty()) return false;
  char c = name[0];
  bool start = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
  if (!start) return false;
  for (char d : name) {
    if (!IsIdentifierChar(d)) return false;
  }
  return true;
}

// A keyword that the parser takes as a name at the start of an expression
// (a column or function name), wherever the printer puts it: SQLite's
// fallback keywords other than those with an expression meaning of their
// own, the join keywords and INDEXED. Not WITH: after the '(' that the
// printer puts before most expressions it starts a subquery.
bool KeywordWorksAsExpressionName(TokenKind k) {
  switch (k) {
    case TokenKind::kCast:
    case TokenKind::kRaise:
    case TokenKind::kCurrentDate:
    case TokenKind::kCurrentTime:
    case TokenKind::kCurrentTimestamp:
    case TokenKind::kWith: return false;
    case TokenKind::kCross:
    case TokenKind::kFull:
    case TokenKind::kInner:
    case TokenKind::kLeft:
    case TokenKind::kNatural:
    case TokenKind::kOuter:
    case TokenKind::kRight:
    case TokenKind::kIndexed: return true;
    default: return IsFallbackKeyword(k);
  }
}

// A name in an expression (column, table or function name) as written bare
// when that re-parses the same, else quoted: in [brackets] where possible,
// since a bare column name is quoted but not "double quoted" (which would
// let it fall back to a string in SQLite).
std::string ExpressionName(std::string_view name) {
  if (IsPlainWord(name)) {
    std::optional<TokenKind> keyword = LookupKeyword(name);
    if (!keyword || KeywordWorksAsExpressionName(*keyword)) return std::string(name);
  }
  if (name.find(']') == std::string_view::npos) return Quote(name, '[', ']');
  return QuoteIdentifier(name);
}

class Printer {
 public:
  std::string Take() { return std::move(out_); }

  void Expr(const sql::Expr& e);
  void Select(const sql::Select& s);
  void Statement(const sql::Statement& s);

 private:
  void Append(std::string_view s) { out_ += s; }
  void ExprList(const sql::ExprList& list);
  void Names(const std::vector<std::string>& names);
  void QualifiedName(const std::string& schema, const std::string& name);
  // One per kind of expression; never inlined into Expr() (see there).
  [[gnu::noinline]] void Literal(const LiteralExpr& e);
  [[gnu::noinline]] void ColumnRef(const ColumnRefExpr& e);
  [[gnu::noinline]] void Unary(const UnaryExpr& u);
  [[gnu::noinline]] void Binary(const BinaryExpr& b);
  [[gnu::noinline]] void NullTest(const NullTestExpr& n);
  [[gnu::noinline]] void Like(const LikeExpr& l);
  [[gnu::noinline]] void Between(const BetweenExpr& b);
  [[gnu::noinline]] void InList(const InListExpr& in);
  [[gnu::noinline]] void InSelect(const InSelectExpr& in);
  [[gnu::noinline]] void InTable(const InTableExpr& in);
  [[gnu::noinline]] void Exists(const ExistsExpr& e);
  [[gnu::noinline]] void Subquery(const SubqueryExpr& e);
  [[gnu::noinline]] void Case(const CaseExpr& c);
  [[gnu::noinline]] void Cast(const CastExpr& c);
  [[gnu::noinline]] void Function(const FunctionExpr& f);
  [[gnu::noinline]] void Collate(const CollateExpr& c);
  [[gnu::noinline]] void RowValue(const RowValueExpr& r);
  [[gnu::noinline]] void Raise(const RaiseExpr& r);
  void Core(const SelectCore& core);
  void From(const FromClause& from);
  void Table(const TableRef& table);
  void Alias(bool has_alias, const std::string& alias);
  void With(const WithClause& with);
  void OrderBy(const std::vector<OrderingTerm>& terms);
  void Conflict(ConflictResolution r, std::string_view prefix);
  void IndexedColumns(const std::vector<IndexedColumn>& columns);
  void ForeignKey(const ForeignKeyClause& fk);
  void ColumnConstraintSql(const ColumnConstraint& c);
  void TableConstraintSql(const TableConstraint& c);
  void Indexed(const std::string& indexed_by, bool not_indexed);
  void Upserts(const std::vector<UpsertClause>& clauses);
  void Returning(const std::vector<ResultColumn>& columns);
  void DmlLimit(const std::vector<OrderingTerm>& order_by, const sql::Expr* limit, const sql::Expr* offset);
  // `e` in parentheses: its own when it prints with them, else added.
  void Parenthesized(const sql::Expr& e);

  std::string out_;
};

void Printer::ExprList(const sql::ExprList& list) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) Append(", ");
    Expr(*list[i]);
  }
}

void Printer::Names(const std::vector<std::string>& names) {
  Append("(");
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) Append(", ");
    Append(QuoteIdentifier(names[i]));
  }
  Append(")");
}

void Printer::QualifiedName(const std::string& schema, const std::string& name) {
  if (!schema.empty()) {
    Append(QuoteIdentifier(schema));
    Append(".");
  }
  Append(QuoteIdentifier(name));
}

void Printer::Literal(const LiteralExpr& e) {
  switch (e.literal) {
    case LiteralKind::kNull: Append("NULL"); break;
    case LiteralKind::kInteger:
    case LiteralKind::kReal: Append(e.text); break;
    case LiteralKind::kString: Append(QuoteString(e.value)); break;
    case LiteralKind::kBlob: AppendSqlBlob(e.value, /*upper_case=*/true, &out_); break;
    case LiteralKind::kCurrentTime: Append("CURRENT_TIME"); break;
    case LiteralKind::kCurrentDate: Append("CURRENT_DATE"); break;
    case LiteralKind::kCurrentTimestamp: Append("CURRENT_TIMESTAMP"); break;
  }
}

void Printer::ColumnRef(const ColumnRefExpr& e) {
  if (!e.schema.empty()) {
    Append(ExpressionName(e.schema));
    Append(".");
  }
  if (!e.table.empty()) {
    Append(ExpressionName(e.table));
    Append(".");
  }
  switch (e.column_quote) {
    case QuoteStyle::kNone: Append(ExpressionName(e.column)); break;
    case QuoteStyle::kDouble: Append(Quote(e.column, '"', '"')); break;
    case QuoteStyle::kBracket:
      Append(e.column.find(']') == std::string::npos ? Quote(e.column, '[', ']') : Quote(e.column, '"', '"'));
      break;
    case QuoteStyle::kBacktick: Append(Quote(e.column, '`', '`')); break;
    case QuoteStyle::kSingle: Append(Quote(e.column, '\'', '\'')); break;
  }
}

// Expr() recurses through the tree, so it only dispatches: each case lives in
// its own non-inlined function, keeping the recursive frames small (ASan
// makes big ones).
void Printer::Expr(const sql::Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral: Literal(e.As<LiteralExpr>()); break;
    case ExprKind::kColumnRef: ColumnRef(e.As<ColumnRefExpr>()); break;
    case ExprKind::kParameter: Append(e.As<ParameterExpr>().text); break;
    case ExprKind::kUnary: Unary(e.As<UnaryExpr>()); break;
    case ExprKind::kBinary: Binary(e.As<BinaryExpr>()); break;
    case ExprKind::kNullTest: NullTest(e.As<NullTestExpr>()); break;
    case ExprKind::kLike: Like(e.As<LikeExpr>()); break;
    case ExprKind::kBetween: Between(e.As<BetweenExpr>()); break;
    case ExprKind::kInList: InList(e.As<InListExpr>()); break;
    case ExprKind::kInSelect: InSelect(e.As<InSelectExpr>()); break;
    case ExprKind::kInTable: InTable(e.As<InTableExpr>()); break;
    case ExprKind::kExists: Exists(e.As<ExistsExpr>()); break;
    case ExprKind::kSubquery: Subquery(e.As<SubqueryExpr>()); break;
    case ExprKind::kCase: Case(e.As<CaseExpr>()); break;
    case ExprKind::kCast: Cast(e.As<CastExpr>()); break;
    case ExprKind::kFunction: Function(e.As<FunctionExpr>()); break;
    case ExprKind::kCollate: Collate(e.As<CollateExpr>()); break;
    case ExprKind::kRowValue: RowValue(e.As<RowValueExpr>()); break;
    case ExprKind::kRaise: Raise(e.As<RaiseExpr>()); break;
  }
}

void Printer::Unary(const UnaryExpr& u) {
  Append("(");
  Append(UnaryOpSql(u.op));
  if (u.op == UnaryOp::kNot) Append(" ");
  Expr(*u.operand);
  Append(")");
}

void Printer::Binary(const BinaryExpr& b) {
  Append("(");
  Expr(*b.left);
  Append(" ");
  Append(BinaryOpSql(b.op));
  Append(" ");
  Expr(*b.right);
  Append(")");
}

void Printer::NullTest(const NullTestExpr& n) {
  Append("(");
  Expr(*n.operand);
  Append(n.not_null ? " NOTNULL)" : " ISNULL)");
}

void Printer::Like(const LikeExpr& l) {
  Append("(");
  Expr(*l.left);
  Append(l.negated ? " NOT " : " ");
  Append(LikeOpSql(l.op));
  Append(" ");
  Expr(*l.pattern);
  if (l.escape) {
    Append(" ESCAPE ");
    Expr(*l.escape);
  }
  Append(")");
}

void Printer::Between(const BetweenExpr& b) {
  Append("(");
  Expr(*b.operand);
  Append(b.negated ? " NOT BETWEEN " : " BETWEEN ");
  Expr(*b.low);
  Append(" AND ");
  Expr(*b.high);
  Append(")");
}

void Printer::InList(const InListExpr& in) {
  Append("(");
  Expr(*in.operand);
  Append(in.negated ? " NOT IN (" : " IN (");
  ExprList(in.list);
  Append("))");
}

void Printer::InSelect(const InSelectExpr& in) {
  Append("(");
  Expr(*in.operand);
  Append(in.negated ? " NOT IN (" : " IN (");
  Select(*in.select);
  Append("))");
}

void Printer::InTable(const InTableExpr& in) {
  Append("(");
  Expr(*in.operand);
  Append(in.negated ? " NOT IN " : " IN ");
  QualifiedName(in.schema, in.table);
  if (in.has_args) {
    Append("(");
    ExprList(in.args);
    Append(")");
  }
  Append(")");
}

void Printer::Exists(const ExistsExpr& e) {
  Append("EXISTS (");
  Select(*e.select);
  Append(")");
}

void Printer::Subquery(const SubqueryExpr& e) {
  Append("(");
  Select(*e.select);
  Append(")");
}

void Printer::Case(const CaseExpr& c) {
  Append("CASE");
  if (c.operand) {
    Append(" ");
    Expr(*c.operand);
  }
  for (const CaseWhen& w : c.whens) {
    Append(" WHEN ");
    Expr(*w.when);
    Append(" THEN ");
    Expr(*w.then);
  }
  if (c.else_result) {
    Append(" ELSE ");
    Expr(*c.else_result);
  }
  Append(" END");
}

void Printer::Cast(const CastExpr& c) {
  Append("CAST(");
  Expr(*c.operand);
  Append(" AS");
  if (!c.type_name.empty()) {
    Append(" ");
    Append(c.type_name);
  }
  Append(")");
}

void Printer::Function(const FunctionExpr& f) {
  Append(ExpressionName(f.name));
  Append("(");
  if (f.star) {
    Append("*");
  } else {
    if (f.distinct) Append("DISTINCT ");
    ExprList(f.args);
  }
  Append(")");
}

void Printer::Collate(const CollateExpr& c) {
  Append("(");
  Expr(*c.operand);
  Append(" COLLATE ");
  Append(QuoteIdentifier(c.collation));
  Append(")");
}

void Printer::RowValue(const RowValueExpr& r) {
  Append("(");
  ExprList(r.elements);
  Append(")");
}

void Printer::Raise(const RaiseExpr& r) {
  Append("RAISE(");
  switch (r.raise) {
    case RaiseKind::kIgnore: Append("IGNORE"); break;
    case RaiseKind::kRollback: Append("ROLLBACK"); break;
    case RaiseKind::kAbort: Append("ABORT"); break;
    case RaiseKind::kFail: Append("FAIL"); break;
  }
  if (r.message) {
    Append(", ");
    Expr(*r.message);
  }
  Append(")");
}

void Printer::Parenthesized(const sql::Expr& e) {
  switch (e.kind) {
    case ExprKind::kUnary:
    case ExprKind::kBinary:
    case ExprKind::kNullTest:
    case ExprKind::kLike:
    case ExprKind::kBetween:
    case ExprKind::kInList:
    case ExprKind::kInSelect:
    case ExprKind::kInTable:
    case ExprKind::kCollate:
    case ExprKind::kSubquery: Expr(e); break;
    default:
      Append("(");
      Expr(e);
      Append(")");
      break;
  }
}

void Printer::Alias(bool has_alias, const std::string& alias) {
  if (!has_alias) return;
  Append(" AS ");
  Append(QuoteIdentifier(alias));
}

void Printer::With(const WithClause& with) {
  Append(with.recursive ? "WITH RECURSIVE " : "WITH ");
  for (size_t i = 0; i < with.ctes.size(); ++i) {
    const CommonTableExpr& cte = with.ctes[i];
    if (i > 0) Append(", ");
    Append(QuoteIdentifier(cte.name));
    if (!cte.columns.empty()) Names(cte.columns);
    Append(" AS ");
    if (cte.materialization == Materialization::kMaterialized) Append("MATERIALIZED ");
    if (cte.materialization == Materialization::kNotMaterialized) Append("NOT MATERIALIZED ");
    Append("(");
    Select(*cte.select);
    Append(")");
  }
  Append(" ");
}

void Printer::OrderBy(const std::vector<OrderingTerm>& terms) {
  for (size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) Append(", ");
    Expr(*terms[i].expr);
    if (terms[i].order == SortOrder::kAsc) Append(" ASC");
    if (terms[i].order == SortOrder::kDesc) Append(" DESC");
    if (terms[i].nulls == NullsOrder::kFirst) Append(" NULLS FIRST");
    if (terms[i].nulls == NullsOrder::kLast) Append(" NULLS LAST");
  }
}

void Printer::Select(const sql::Select& s) {
  if (s.with) With(*s.with);
  for (size_t i = 0; i < s.cores.size(); ++i) {
    if (i > 0) {
      Append(" ");
      Append(CompoundOpSql(s.ops[i - 1]));
      Append(" ");
    }
    Core(s.cores[i]);
  }
  if (!s.order_by.empty()) {
    Append(" ORDER BY ");
    OrderBy(s.order_by);
  }
  if (s.limit) {
    Append(" LIMIT ");
    Expr(*s.limit);
    if (s.offset) {
      Append(" OFFSET ");
      Expr(*s.offset);
    }
  }
}

void Printer::Core(const SelectCore& core) {
  if (core.kind == SelectCore::Kind::kValues) {
    Append("VALUES ");
    for (size_t i = 0; i < core.rows.size(); ++i) {
      if (i > 0) Append(", ");
      Append("(");
      ExprList(core.rows[i]);
      Append(")");
    }
    return;
  }
  Append(core.distinct ? "SELECT DISTINCT " : "SELECT ");
  for (size_t i = 0; i < core.columns.size(); ++i) {
    const ResultColumn& c = core.columns[i];
    if (i > 0) Append(", ");
    switch (c.kind) {
      case ResultColumn::Kind::kStar: Append("*"); break;
      case ResultColumn::Kind::kTableStar:
        Append(QuoteIdentifier(c.table));
        Append(".*");
        break;
      case ResultColumn::Kind::kExpr:
        Expr(*c.expr);
        Alias(c.has_alias, c.alias);
        break;
    }
  }
  if (core.from) {
    Append(" FROM ");
    From(*core.from);
  }
  if (core.where) {
    Append(" WHERE ");
    Expr(*core.where);
  }
  if (!core.group_by.empty()) {
    Append(" GROUP BY ");
    ExprList(core.group_by);
  }
  if (core.having) {
    Append(" HAVING ");
    Expr(*core.having);
  }
}

void Printer::From(const FromClause& from) {
  for (size_t i = 0; i < from.items.size(); ++i) {
    const FromItem& item = from.items[i];
    if (i > 0) {
      if (item.join == JoinKind::kComma) {
        Append(", ");
      } else {
        Append(" ");
        if (item.natural) Append("NATURAL ");
        Append(JoinKindSql(item.join));
        Append(" ");
      }
    }
    Table(*item.table);
    if (item.on) {
      Append(" ON ");
      Expr(*item.on);
    }
    if (item.has_using) {
      Append(" USING ");
      Names(item.using_columns);
    }
  }
}

void Printer::Indexed(const std::string& indexed_by, bool not_indexed) {
  if (!indexed_by.empty()) {
    Append(" INDEXED BY ");
    Append(QuoteIdentifier(indexed_by));
  }
  if (not_indexed) Append(" NOT INDEXED");
}

void Printer::Table(const TableRef& table) {
  switch (table.kind) {
    case TableRef::Kind::kTable:
      QualifiedName(table.schema, table.name);
      if (table.has_args) {
        Append("(");
        ExprList(table.args);
        Append(")");
      }
      Alias(table.has_alias, table.alias);
      Indexed(table.indexed_by, table.not_indexed);
      break;
    case TableRef::Kind::kSubquery:
      Append("(");
      Select(*table.select);
      Append(")");
      Alias(table.has_alias, table.alias);
      break;
    case TableRef::Kind::kJoin:
      Append("(");
      From(*table.join);
      Append(")");
      Alias(table.has_alias, table.alias);
      break;
  }
}

void Printer::Conflict(ConflictResolution r, std::string_view prefix) {
  if (r == ConflictResolution::kDefault) return;
  Append(prefix);
  Append(ConflictResolutionSql(r));
}

void Printer::IndexedColumns(const std::vector<IndexedColumn>& columns) {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) Append(", ");
    Expr(*columns[i].expr);
    if (columns[i].order == SortOrder::kAsc) Append(" ASC");
    if (columns[i].order == SortOrder::kDesc) Append(" DESC");
  }
}

void Printer::ForeignKey(const ForeignKeyClause& fk) {
  Append("REFERENCES ");
  Append(QuoteIdentifier(fk.table));
  if (!fk.columns.empty()) Names(fk.columns);
  auto action = [this](std::string_view what, ForeignKeyAction a) {
    if (a == ForeignKeyAction::kDefault) return;
    Append(what);
    switch (a) {
      case ForeignKeyAction::kSetNull: Append("SET NULL"); break;
      case ForeignKeyAction::kSetDefault: Append("SET DEFAULT"); break;
      case ForeignKeyAction::kCascade: Append("CASCADE"); break;
      case ForeignKeyAction::kRestrict: Append("RESTRICT"); break;
      case ForeignKeyAction::kNoAction: Append("NO ACTION"); break;
      case ForeignKeyAction::kDefault: break;
    }
  };
  action(" ON DELETE ", fk.on_delete);
  action(" ON UPDATE ", fk.on_update);
  if (!fk.match.empty()) {
    Append(" MATCH ");
    Append(QuoteIdentifier(fk.match));
  }
  if (fk.deferral == ForeignKeyClause::Deferral::kDeferrable) Append(" DEFERRABLE");
  if (fk.deferral == ForeignKeyClause::Deferral::kNotDeferrable) Append(" NOT DEFERRABLE");
  if (fk.deferral != ForeignKeyClause::Deferral::kDefault && fk.initially_deferred) Append(" INITIALLY DEFERRED");
}

void Printer::ColumnConstraintSql(const ColumnConstraint& c) {
  if (!c.name.empty()) {
    Append("CONSTRAINT ");
    Append(QuoteIdentifier(c.name));
    Append(" ");
  }
  switch (c.kind) {
    case ColumnConstraint::Kind::kPrimaryKey:
      Append("PRIMARY KEY");
      if (c.order == SortOrder::kAsc) Append(" ASC");
      if (c.order == SortOrder::kDesc) Append(" DESC");
      Conflict(c.conflict, " ON CONFLICT ");
      if (c.autoincrement) Append(" AUTOINCREMENT");
      break;
    case ColumnConstraint::Kind::kNotNull:
      Append("NOT NULL");
      Conflict(c.conflict, " ON CONFLICT ");
      break;
    case ColumnConstraint::Kind::kNull:
      Append("NULL");
      Conflict(c.conflict, " ON CONFLICT ");
      break;
    case ColumnConstraint::Kind::kUnique:
      Append("UNIQUE");
      Conflict(c.conflict, " ON CONFLICT ");
      break;
    case ColumnConstraint::Kind::kCheck:
      Append("CHECK ");
      Parenthesized(*c.expr);
      break;
    case ColumnConstraint::Kind::kDefault:
      Append("DEFAULT ");
      if (c.expr->kind == ExprKind::kLiteral) {
        Expr(*c.expr);
      } else {
        Parenthesized(*c.expr);
      }
      break;
    case ColumnConstraint::Kind::kCollate:
      Append("COLLATE ");
      Append(QuoteIdentifier(c.collation));
      break;
    case ColumnConstraint::Kind::kReferences: ForeignKey(*c.foreign_key); break;
    case ColumnConstraint::Kind::kGenerated:
      Append("GENERATED ALWAYS AS ");
      Parenthesized(*c.expr);
      if (c.stored) Append(" STORED");
      break;
  }
}

void Printer::TableConstraintSql(const TableConstraint& c) {
  if (!c.name.empty()) {
    Append("CONSTRAINT ");
    Append(QuoteIdentifier(c.name));
    Append(" ");
  }
  switch (c.kind) {
    case TableConstraint::Kind::kPrimaryKey:
    case TableConstraint::Kind::kUnique:
      Append(c.kind == TableConstraint::Kind::kPrimaryKey ? "PRIMARY KEY (" : "UNIQUE (");
      IndexedColumns(c.columns);
      if (c.autoincrement) Append(" AUTOINCREMENT");
      Append(")");
      Conflict(c.conflict, " ON CONFLICT ");
      break;
    case TableConstraint::Kind::kCheck:
      Append("CHECK ");
      Parenthesized(*c.check);
      Conflict(c.conflict, " ON CONFLICT ");
      break;
    case TableConstraint::Kind::kForeignKey:
      Append("FOREIGN KEY ");
      Names(c.fk_columns);
      Append(" ");
      ForeignKey(*c.foreign_key);
      break;
  }
}

void Printer::Upserts(const std::vector<UpsertClause>& clauses) {
  for (const UpsertClause& c : clauses) {
    Append(" ON CONFLICT");
    if (!c.target.empty()) {
      Append(" (");
      for (size_t k = 0; k < c.target.size(); ++k) {
        if (k > 0) Append(", ");
        Expr(*c.target[k]);
      }
      Append(")");
      if (c.target_where) {
        Append(" WHERE ");
        Expr(*c.target_where);
      }
    }
    if (!c.do_update) {
      Append(" DO NOTHING");
      continue;
    }
    Append(" DO UPDATE SET ");
    for (size_t k = 0; k < c.set_columns.size(); ++k) {
      if (k > 0) Append(", ");
      if (c.set_columns[k].size() == 1) {
        Append(QuoteIdentifier(c.set_columns[k][0]));
      } else {
        Names(c.set_columns[k]);
      }
      Append(" = ");
      Expr(*c.set_values[k]);
    }
    if (c.where) {
      Append(" WHERE ");
      Expr(*c.where);
    }
  }
}

void Printer::Returning(const std::vector<ResultColumn>& columns) {
  if (columns.empty()) return;
  Append(" RETURNING ");
  for (size_t i = 0; i < columns.size(); ++i) {
    const ResultColumn& c = columns[i];
    if (i > 0) Append(", ");
    switch (c.kind) {
      case ResultColumn::Kind::kStar: Append("*"); break;
      case ResultColumn::Kind::kTableStar:
        Append(QuoteIdentifier(c.table));
        Append(".*");
        break;
      case ResultColumn::Kind::kExpr:
        Expr(*c.expr);
        Alias(c.has_alias, c.alias);
        break;
    }
  }
}

void Printer::DmlLimit(const std::vector<OrderingTerm>& order_by, const sql::Expr* limit, const sql::Expr* offset) {
  if (!order_by.empty()) {
    Append(" ORDER BY ");
    OrderBy(order_by);
  }
  if (limit == nullptr) return;
  Append(" LIMIT ");
  Expr(*limit);
  if (offset != nullptr) {
    Append(" OFFSET ");
    Expr(*offset);
  }
}

void Printer::Statement(const sql::Statement& s) {
  switch (s.kind) {
    case StatementKind::kSelect: Select(*s.As<SelectStatement>().select); break;
    case StatementKind::kInsert: {
      const auto& i = s.As<InsertStatement>();
      if (i.with) With(*i.with);
      if (i.replace) {
        Append("REPLACE");
      } else {
        Append("INSERT");
        Conflict(i.conflict, " OR ");
      }
      Append(" INTO ");
      QualifiedName(i.schema, i.table);
      Alias(i.has_alias, i.alias);
      if (!i.columns.empty()) {
        Append(" ");
        Names(i.columns);
      }
      if (i.default_values) {
        Append(" DEFAULT VALUES");
      } else {
        Append(" ");
        Select(*i.select);
        Upserts(i.upserts);
      }
      Returning(i.returning);
      break;
    }
    case StatementKind::kUpdate: {
      const auto& u = s.As<UpdateStatement>();
      if (u.with) With(*u.with);
      Append("UPDATE");
      Conflict(u.conflict, " OR ");
      Append(" ");
      QualifiedName(u.schema, u.table);
      Alias(u.has_alias, u.alias);
      Indexed(u.indexed_by, u.not_indexed);
      Append(" SET ");
      for (size_t k = 0; k < u.assignments.size(); ++k) {
        const Assignment& a = u.assignments[k];
        if (k > 0) Append(", ");
        if (a.columns.size() == 1) {
          Append(QuoteIdentifier(a.columns[0]));
        } else {
          Names(a.columns);
        }
        Append(" = ");
        Expr(*a.value);
      }
      if (u.from) {
        Append(" FROM ");
        From(*u.from);
      }
      if (u.where) {
        Append(" WHERE ");
        Expr(*u.where);
      }
      Returning(u.returning);
      DmlLimit(u.order_by, u.limit.get(), u.offset.get());
      break;
    }
    case StatementKind::kDelete: {
      const auto& d = s.As<DeleteStatement>();
      if (d.with) With(*d.with);
      Append("DELETE FROM ");
      QualifiedName(d.schema, d.table);
      Alias(d.has_alias, d.alias);
      Indexed(d.indexed_by, d.not_indexed);
      if (d.where) {
        Append(" WHERE ");
        Expr(*d.where);
      }
      Returning(d.returning);
      DmlLimit(d.order_by, d.limit.get(), d.offset.get());
      break;
    }
    case StatementKind::kCreateTable: {
      const auto& t = s.As<CreateTableStatement>();
      Append(t.temp ? "CREATE TEMP TABLE " : "CREATE TABLE ");
      if (t.if_not_exists) Append("IF NOT EXISTS ");
      QualifiedName(t.schema, t.name);
      if (t.as_select) {
        Append(" AS ");
        Select(*t.as_select);
        break;
      }
      Append(" (");
      bool first = true;
      for (const ColumnDef& c : t.columns) {
        if (!first) Append(", ");
        first = false;
        Append(QuoteIdentifier(c.name));
        if (!c.type_name.empty()) {
          Append(" ");
          Append(c.type_name);
        }
        for (const ColumnConstraint& cc : c.constraints) {
          Append(" ");
          ColumnConstraintSql(cc);
        }
      }
      for (const TableConstraint& tc : t.constraints) {
        if (!first) Append(", ");
        first = false;
        TableConstraintSql(tc);
      }
      Append(")");
      if (t.without_rowid) Append(" WITHOUT ROWID");
      if (t.strict) Append(t.without_rowid ? ", STRICT" : " STRICT");
      break;
    }
    case StatementKind::kCreateIndex: {
      const auto& i = s.As<CreateIndexStatement>();
      Append(i.unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
      if (i.if_not_exists) Append("IF NOT EXISTS ");
      QualifiedName(i.schema, i.name);
      Append(" ON ");
      Append(QuoteIdentifier(i.table));
      Append(" (");
      IndexedColumns(i.columns);
      Append(")");
      if (i.where) {
        Append(" WHERE ");
        Expr(*i.where);
      }
      break;
    }
    case StatementKind::kCreateView: {
      const auto& v = s.As<CreateViewStatement>();
      Append(v.temp ? "CREATE TEMP VIEW " : "CREATE VIEW ");
      if (v.if_not_exists) Append("IF NOT EXISTS ");
      QualifiedName(v.schema, v.name);
      if (!v.columns.empty()) Names(v.columns);
      Append(" AS ");
      Select(*v.select);
      break;
    }
    case StatementKind::kCreateTrigger: {
      const auto& t = s.As<CreateTriggerStatement>();
      Append(t.temp ? "CREATE TEMP TRIGGER " : "CREATE TRIGGER ");
      if (t.if_not_exists) Append("IF NOT EXISTS ");
      QualifiedName(t.schema, t.name);
      switch (t.timing) {
        case CreateTriggerStatement::Timing::kDefault: break;
        case CreateTriggerStatement::Timing::kBefore: Append(" BEFORE"); break;
        case CreateTriggerStatement::Timing::kAfter: Append(" AFTER"); break;
        case CreateTriggerStatement::Timing::kInsteadOf: Append(" INSTEAD OF"); break;
      }
      switch (t.event) {
        case CreateTriggerStatement::Event::kDelete: Append(" DELETE"); break;
        case CreateTriggerStatement::Event::kInsert: Append(" INSERT"); break;
        case CreateTriggerStatement::Event::kUpdate: Append(" UPDATE"); break;
      }
      if (!t.update_columns.empty()) {
        Append(" OF ");
        for (size_t k = 0; k < t.update_columns.size(); ++k) {
          if (k > 0) Append(", ");
          Append(QuoteIdentifier(t.update_columns[k]));
        }
      }
      Append(" ON ");
      Append(QuoteIdentifier(t.table));
      if (t.for_each_row) Append(" FOR EACH ROW");
      if (t.when) {
        Append(" WHEN ");
        Expr(*t.when);
      }
      Append(" BEGIN ");
      for (const StatementPtr& b : t.body) {
        Statement(*b);
        Append("; ");
      }
      Append("END");
      break;
    }
    case StatementKind::kDrop: {
      const auto& d = s.As<DropStatement>();
      switch (d.object) {
        case DropStatement::Object::kTable: Append("DROP TABLE "); break;
        case DropStatement::Object::kIndex: Append("DROP INDEX "); break;
        case DropStatement::Object::kView: Append("DROP VIEW "); break;
        case DropStatement::Object::kTrigger: Append("DROP TRIGGER "); break;
      }
      if (d.if_exists) Append("IF EXISTS ");
      QualifiedName(d.schema, d.name);
      break;
    }
    case StatementKind::kBegin:
      switch (s.As<BeginStatement>().mode) {
        case BeginStatement::Mode::kDeferred: Append("BEGIN"); break;
        case BeginStatement::Mode::kImmediate: Append("BEGIN IMMEDIATE"); break;
        case BeginStatement::Mode::kExclusive: Append("BEGIN EXCLUSIVE"); break;
      }
      break;
    case StatementKind::kCommit: Append("COMMIT"); break;
    case StatementKind::kRollback: {
      Append("ROLLBACK");
      const auto& r = s.As<RollbackStatement>();
      if (!r.savepoint.empty()) {
        Append(" TO ");
        Append(QuoteIdentifier(r.savepoint));
      }
      break;
    }
    case StatementKind::kSavepoint:
      Append("SAVEPOINT ");
      Append(QuoteIdentifier(s.As<SavepointStatement>().name));
      break;
    case StatementKind::kRelease:
      Append("RELEASE ");
      Append(QuoteIdentifier(s.As<ReleaseStatement>().name));
      break;
    case StatementKind::kExplain: {
      const auto& e = s.As<ExplainStatement>();
      Append(e.query_plan ? "EXPLAIN QUERY PLAN " : "EXPLAIN ");
      Statement(*e.statement);
      break;
    }
    case StatementKind::kPragma: {
      const auto& p = s.As<PragmaStatement>();
      Append("PRAGMA ");
      QualifiedName(p.schema, p.name);
      if (p.has_value) {
        Append(p.call_form ? "(" : " = ");
        const char c = p.value.empty() ? '\0' : p.value[0];
        const bool number = (c >= '0' && c <= '9') || c == '-' || c == '.';
        Append(number ? p.value : QuoteIdentifier(p.value));
        if (p.call_form) Append(")");
      }
      break;
    }
    case StatementKind::kAttach:
      Append("ATTACH ");
      Expr(*s.As<AttachStatement>().file);
      Append(" AS ");
      Expr(*s.As<AttachStatement>().name);
      break;
    case StatementKind::kDetach:
      Append("DETACH ");
      Expr(*s.As<DetachStatement>().name);
      break;
    case StatementKind::kVacuum: {
      const auto& v = s.As<VacuumStatement>();
      Append("VACUUM");
      if (!v.schema.empty()) {
        Append(" ");
        Append(QuoteIdentifier(v.schema));
      }
      if (v.into) {
        Append(" INTO ");
        Expr(*v.into);
      }
      break;
    }
    case StatementKind::kAlterTable: {
      const auto& a = s.As<AlterTableStatement>();
      Append("ALTER TABLE ");
      QualifiedName(a.schema, a.table);
      switch (a.action) {
        case AlterTableStatement::Action::kRenameTable: Append(" RENAME TO "); break;
        case AlterTableStatement::Action::kRenameColumn:
          Append(" RENAME COLUMN ");
          Append(QuoteIdentifier(a.column));
          Append(" TO ");
          break;
        case AlterTableStatement::Action::kAddColumn: {
          Append(" ADD COLUMN ");
          Append(QuoteIdentifier(a.column_def.name));
          if (!a.column_def.type_name.empty()) {
            Append(" ");
            Append(a.column_def.type_name);
          }
          for (const ColumnConstraint& cc : a.column_def.constraints) {
            Append(" ");
            ColumnConstraintSql(cc);
          }
          break;
        }
        case AlterTableStatement::Action::kDropColumn:
          Append(" DROP COLUMN ");
          Append(QuoteIdentifier(a.column));
          break;
      }
      if (!a.new_name.empty()) Append(QuoteIdentifier(a.new_name));
      break;
    }
    case StatementKind::kReindex:
    case StatementKind::kAnalyze: {
      const bool reindex = s.kind == StatementKind::kReindex;
      Append(reindex ? "REINDEX" : "ANALYZE");
      const std::string& schema = reindex ? s.As<ReindexStatement>().schema : s.As<AnalyzeStatement>().schema;
      const std::string& name = reindex ? s.As<ReindexStatement>().name : s.As<AnalyzeStatement>().name;
      if (!name.empty()) {
        Append(" ");
        QualifiedName(schema, name);
      }
      break;
    }
  }
}

}  // namespace

std::string QuoteIdentifier(std::string_view name) {
  if (IsPlainWord(name) && !LookupKeyword(name)) return std::string(name);
  return Quote(name, '"', '"');
}

std::string QuoteString(std::string_view value) {
  std::string out;
  AppendSqlString(value, &out);
  return out;
}

std::string ToSql(const Expr& expr) {
  Printer p;
  p.Expr(expr);
  return p.Take();
}

std::string ToSql(const Select& select) {
  Printer p;
  p.Select(select);
  return p.Take();
}

std::string ToSql(const Statement& statement) {
  Printer p;
  p.Statement(statement);
  return p.Take();
}

}  // namespace sluice::sql
