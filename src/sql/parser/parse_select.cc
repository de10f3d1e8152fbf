// SELECT parsing: WITH, compound selects, select cores, VALUES, result
// columns, FROM lists with joins, ORDER BY and LIMIT.
//
// As in SQLite's grammar, ORDER BY and LIMIT are parsed after each SELECT
// core; only the last core of a compound may have them (else `ORDER BY
// clause should come after UNION not before`), and they then apply to the
// whole compound. A VALUES core takes neither.
#include <string>
#include <utility>

#include "sql/lexer/keywords.h"
#include "sql/parser/parser_internal.h"

namespace sluice::sql {
namespace {

bool IsCompoundOperator(TokenKind k) {
  return k == TokenKind::kUnion || k == TokenKind::kIntersect || k == TokenKind::kExcept;
}

// SQLite's sqlite3JoinType(): the keywords between two tables (before
// JOIN), as a bitmask.
enum JoinBits : unsigned {
  kJtNatural = 1,
  kJtLeft = 2,
  kJtOuter = 4,
  kJtRight = 8,
  kJtInner = 16,
  kJtCross = 32,
  kJtError = 64,
};

unsigned JoinBitsOf(const Token& t) {
  switch (t.kind) {
    case TokenKind::kNatural: return kJtNatural;
    case TokenKind::kLeft: return kJtLeft | kJtOuter;
    case TokenKind::kOuter: return kJtOuter;
    case TokenKind::kRight: return kJtRight | kJtOuter;
    case TokenKind::kFull: return kJtLeft | kJtRight | kJtOuter;
    case TokenKind::kInner: return kJtInner;
    case TokenKind::kCross: return kJtInner | kJtCross;
    default: return kJtError;
  }
}

}  // namespace

SelectPtr Parser::ParseSelect() {
  const size_t begin = tok_.offset;
  std::unique_ptr<WithClause> with;
  if (At(TokenKind::kWith)) {
    if (!(with = ParseWith())) return {};
  }
  return ParseSelectAfterWith(std::move(with), begin);
}

// WITH [RECURSIVE] name [(cols)] AS [[NOT] MATERIALIZED] (select), ...
std::unique_ptr<WithClause> Parser::ParseWith() {
  Nesting nesting(this);  // WITH a AS (WITH b AS (...
  if (nesting.too_deep()) return StackOverflow();
  auto with = std::make_unique<WithClause>();
  with->span.begin = tok_.offset;
  if (!Expect(TokenKind::kWith)) return {};
  with->recursive = Accept(TokenKind::kRecursive);
  do {
    CommonTableExpr cte;
    cte.span.begin = tok_.offset;
    if (!ParseName(&cte.name)) return {};
    if (At(TokenKind::kLeftParen))
      if (!ParseNameList(&cte.columns)) return {};
    if (!Expect(TokenKind::kAs)) return {};
    if (Accept(TokenKind::kNot)) {
      if (!Expect(TokenKind::kMaterialized)) return {};
      cte.materialization = Materialization::kNotMaterialized;
    } else if (Accept(TokenKind::kMaterialized)) {
      cte.materialization = Materialization::kMaterialized;
    }
    if (!Expect(TokenKind::kLeftParen)) return {};
    if (!(cte.select = ParseSelect())) return {};
    if (!Expect(TokenKind::kRightParen)) return {};
    cte.span.end = last_end_;
    with->ctes.push_back(std::move(cte));
  } while (Accept(TokenKind::kComma));
  with->span.end = last_end_;
  return with;
}

SelectPtr Parser::ParseSelectAfterWith(std::unique_ptr<WithClause> with, size_t begin) {
  Nesting nesting(this);
  if (nesting.too_deep()) return StackOverflow();
  auto select = std::make_unique<Select>();
  select->with = std::move(with);
  select->span.begin = begin;
  for (;;) {
    select->cores.emplace_back();
    SelectCore& core = select->cores.back();
    if (At(TokenKind::kValues)) {
      if (!ParseValuesCore(&core)) return {};
    } else {
      if (!Expect(TokenKind::kSelect)) return {};
      if (!ParseSelectCore(&core)) return {};
      if (At(TokenKind::kOrder))
        if (!ParseOrderBy(&select->order_by)) return {};
      if (At(TokenKind::kLimit))
        if (!ParseLimit(&select->limit, &select->offset)) return {};
    }
    if (!IsCompoundOperator(kind())) break;
    CompoundOp op = CompoundOp::kUnion;
    Token op_token = Advance();
    if (op_token.kind == TokenKind::kUnion) {
      if (Accept(TokenKind::kAll)) op = CompoundOp::kUnionAll;
    } else {
      op = op_token.kind == TokenKind::kIntersect ? CompoundOp::kIntersect : CompoundOp::kExcept;
    }
    if (!select->order_by.empty() || select->limit) {
      std::string msg = select->order_by.empty() ? "LIMIT" : "ORDER BY";
      msg += " clause should come after ";
      msg += CompoundOpSql(op);
      msg += " not before";
      return ErrorAt(op_token, std::move(msg), false);
    }
    select->ops.push_back(op);
    if (static_cast<int>(select->cores.size()) >= options_.max_compound_select) {
      return ErrorAt(op_token, "too many terms in compound SELECT", false);
    }
  }
  select->span.end = last_end_;
  select->height = SelectHeight(*select);
  return select;
}

int Parser::SelectHeight(const Select& select) const {
  int h = 0;
  auto see = [&h](const ExprPtr& e) {
    if (e && e->height > h) h = e->height;
  };
  for (const SelectCore& core : select.cores) {
    for (const ExprList& row : core.rows) {
      for (const ExprPtr& e : row) see(e);
    }
    for (const ResultColumn& c : core.columns) see(c.expr);
    see(core.where);
    for (const ExprPtr& e : core.group_by) see(e);
    see(core.having);
  }
  for (const OrderingTerm& t : select.order_by) see(t.expr);
  see(select.limit);
  see(select.offset);
  return h;
}

// VALUES (exprs), (exprs), ...
bool Parser::ParseValuesCore(SelectCore* core) {
  core->kind = SelectCore::Kind::kValues;
  core->span.begin = tok_.offset;
  Advance();  // VALUES
  do {
    if (!Expect(TokenKind::kLeftParen)) return {};
    ExprList row;
    if (!ParseExprList(&row, /*allow_empty=*/false)) return {};
    if (!Expect(TokenKind::kRightParen)) return {};
    core->rows.push_back(std::move(row));
  } while (Accept(TokenKind::kComma));
  core->span.end = last_end_;
  return true;
}

// After SELECT: [DISTINCT|ALL] columns [FROM ...] [WHERE e] [GROUP BY es]
// [HAVING e]
bool Parser::ParseSelectCore(SelectCore* core) {
  core->kind = SelectCore::Kind::kSelect;
  core->span.begin = tok_.offset;
  if (Accept(TokenKind::kDistinct)) {
    core->distinct = true;
  } else {
    Accept(TokenKind::kAll);
  }
  do {
    ResultColumn column;
    if (!ParseResultColumn(&column)) return {};
    core->columns.push_back(std::move(column));
  } while (Accept(TokenKind::kComma));
  if (Accept(TokenKind::kFrom)) {
    if (!(core->from = ParseFromClause())) return {};
  }
  if (Accept(TokenKind::kWhere)) {
    if (!(core->where = ParseExpr())) return {};
  }
  if (Accept(TokenKind::kGroup)) {
    if (!Expect(TokenKind::kBy)) return {};
    if (!ParseExprList(&core->group_by, /*allow_empty=*/false)) return {};
  }
  if (Accept(TokenKind::kHaving)) {
    if (!(core->having = ParseExpr())) return {};
  }
  core->span.end = last_end_;
  return true;
}

// * | nm . * | expr [[AS] alias]
bool Parser::ParseResultColumn(ResultColumn* column) {
  column->span.begin = tok_.offset;
  if (Accept(TokenKind::kStar)) {
    column->kind = ResultColumn::Kind::kStar;
  } else if (IsNm(tok_) && Peek(1).kind == TokenKind::kDot && Peek(2).kind == TokenKind::kStar) {
    column->kind = ResultColumn::Kind::kTableStar;
    column->table = Dequote(Advance().text);
    Advance();  // .
    Advance();  // *
  } else {
    column->kind = ResultColumn::Kind::kExpr;
    if (!(column->expr = ParseExpr())) return {};
    if (!ParseAlias(&column->has_alias, &column->alias)) return {};
  }
  column->span.end = last_end_;
  return true;
}

// as ::= AS nm | ids | <nothing>
bool Parser::ParseAlias(bool* has_alias, std::string* alias) {
  if (Accept(TokenKind::kAs)) {
    if (!ParseName(alias)) return {};
    *has_alias = true;
  } else if (IsIds(tok_)) {
    *alias = Dequote(Advance().text);
    *has_alias = true;
  }
  return true;
}

// seltablist: item (joinop item)*, each item with optional ON / USING.
std::unique_ptr<FromClause> Parser::ParseFromClause() {
  Nesting nesting(this);
  if (nesting.too_deep()) return StackOverflow();
  auto from = std::make_unique<FromClause>();
  FromItem first;
  first.span.begin = tok_.offset;
  if (!ParseFromItem(&first)) return {};
  from->items.push_back(std::move(first));
  for (;;) {
    FromItem item;
    item.span.begin = tok_.offset;
    if (Accept(TokenKind::kComma)) {
      item.join = JoinKind::kComma;
    } else if (At(TokenKind::kJoin) || IsJoinKeyword(kind())) {
      if (!ParseJoinOperator(&item)) return {};
    } else {
      break;
    }
    if (!ParseFromItem(&item)) return {};
    from->items.push_back(std::move(item));
  }
  return from;
}

// joinop ::= JOIN | JOIN_KW JOIN | JOIN_KW nm JOIN | JOIN_KW nm nm JOIN
bool Parser::ParseJoinOperator(FromItem* item) {
  if (Accept(TokenKind::kJoin)) {
    item->join = JoinKind::kInner;
    return true;
  }
  Token words[3];
  int n = 0;
  words[n++] = Advance();  // a JOIN_KW
  while (!At(TokenKind::kJoin)) {
    if (n == 3 || !IsNm(tok_)) return SyntaxError();
    words[n++] = Advance();
  }
  Advance();  // JOIN
  unsigned bits = 0;
  for (int i = 0; i < n; ++i) bits |= JoinBitsOf(words[i]);
  if ((bits & (kJtInner | kJtOuter)) == (kJtInner | kJtOuter) || (bits & kJtError) != 0 ||
      (bits & (kJtOuter | kJtLeft | kJtRight)) == kJtOuter) {
    std::string msg = "unknown join type: ";
    for (int i = 0; i < n; ++i) {
      if (i > 0) msg += ' ';
      msg += words[i].text;
    }
    return ErrorAt(words[0], std::move(msg), true);
  }
  item->natural = (bits & kJtNatural) != 0;
  if ((bits & kJtLeft) && (bits & kJtRight)) {
    item->join = JoinKind::kFull;
  } else if (bits & kJtLeft) {
    item->join = JoinKind::kLeft;
  } else if (bits & kJtRight) {
    item->join = JoinKind::kRight;
  } else if (bits & kJtCross) {
    item->join = JoinKind::kCross;
  } else {
    item->join = JoinKind::kInner;
  }
  return true;
}

// One table of a FROM list and its ON / USING:
//   nm [. nm] [( args )] [as] [INDEXED BY nm | NOT INDEXED]
//   ( select ) [as]
//   ( seltablist ) [as]
bool Parser::ParseFromItem(FromItem* item) {
  const size_t begin = tok_.offset;
  TableRefPtr table;
  if (At(TokenKind::kLeftParen)) {
    Advance();
    if (StartsSelect(tok_)) {
      table = std::make_unique<TableRef>(TableRef::Kind::kSubquery);
      if (!(table->select = ParseSelect())) return {};
    } else {
      table = std::make_unique<TableRef>(TableRef::Kind::kJoin);
      if (!(table->join = ParseFromClause())) return {};
    }
    if (!Expect(TokenKind::kRightParen)) return {};
    if (!ParseAlias(&table->has_alias, &table->alias)) return {};
  } else {
    table = std::make_unique<TableRef>(TableRef::Kind::kTable);
    if (!ParseQualifiedName(&table->schema, &table->name)) return {};
    if (Accept(TokenKind::kLeftParen)) {
      table->has_args = true;
      if (!ParseExprList(&table->args, /*allow_empty=*/true)) return {};
      if (!Expect(TokenKind::kRightParen)) return {};
      if (!ParseAlias(&table->has_alias, &table->alias)) return {};
    } else {
      if (!ParseAlias(&table->has_alias, &table->alias)) return {};
      if (!ParseIndexedBy(&table->indexed_by, &table->not_indexed)) return {};
    }
  }
  table->span = SourceSpan{begin, last_end_};
  item->table = std::move(table);
  if (At(TokenKind::kOn) || At(TokenKind::kUsing)) {
    const Token keyword = tok_;
    if (item->join == JoinKind::kComma && item->span.begin == begin) {
      // The first table of a FROM list (SQLite's sqlite3SrcListAppendFromTerm).
      return ErrorAt(keyword, "a JOIN clause is required before " + std::string(KeywordSpelling(keyword.kind)), false);
    }
    Advance();
    if (keyword.kind == TokenKind::kOn) {
      if (!(item->on = ParseExpr())) return {};
    } else {
      item->has_using = true;
      if (!ParseNameList(&item->using_columns)) return {};
    }
  }
  item->span.end = last_end_;
  return true;
}

// ORDER BY expr [ASC|DESC] [NULLS FIRST|LAST], ...
bool Parser::ParseOrderBy(std::vector<OrderingTerm>* terms) {
  Advance();  // ORDER
  if (!Expect(TokenKind::kBy)) return {};
  do {
    OrderingTerm term;
    term.span.begin = tok_.offset;
    if (!(term.expr = ParseExpr())) return {};
    if (Accept(TokenKind::kAsc)) {
      term.order = SortOrder::kAsc;
    } else if (Accept(TokenKind::kDesc)) {
      term.order = SortOrder::kDesc;
    }
    if (Accept(TokenKind::kNulls)) {
      if (Accept(TokenKind::kFirst)) {
        term.nulls = NullsOrder::kFirst;
      } else {
        if (!Expect(TokenKind::kLast)) return {};
        term.nulls = NullsOrder::kLast;
      }
    }
    term.span.end = last_end_;
    terms->push_back(std::move(term));
  } while (Accept(TokenKind::kComma));
  return true;
}

// LIMIT n [OFFSET m] | LIMIT m, n
bool Parser::ParseLimit(ExprPtr* limit, ExprPtr* offset) {
  Advance();  // LIMIT
  ExprPtr first = ParseExpr();
  if (!first) return {};
  if (Accept(TokenKind::kOffset)) {
    *limit = std::move(first);
    if (!(*offset = ParseExpr())) return {};
  } else if (Accept(TokenKind::kComma)) {
    *offset = std::move(first);  // LIMIT m, n: m is the offset
    if (!(*limit = ParseExpr())) return {};
  } else {
    *limit = std::move(first);
  }
  return true;
}

}  // namespace sluice::sql
