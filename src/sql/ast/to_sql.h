// ToSql: prints an AST back as canonical SQL text.
//
// The output is meant for tests, EXPLAIN and diagnostics, and re-parses to
// an equivalent tree: keywords are upper case, every operator application
// is parenthesized (`((1 + (2 * 3)) = 7)`), names are quoted only when they
// must be, and a column reference keeps the quotes it was written with
// (they matter to SQLite: "x" may fall back to a string). It is NOT the text
// SQLite uses to name result columns or to store schema entries: those come
// from the source text (Statement::Text of a node's span).
//
// The printers recurse over the tree, whose depth the parser bounds
// (ParseOptions).
#ifndef SLUICE_SQL_AST_TO_SQL_H_
#define SLUICE_SQL_AST_TO_SQL_H_

#include <string>
#include <string_view>

#include "sql/ast/expr.h"
#include "sql/ast/select.h"
#include "sql/ast/statement.h"

namespace sluice::sql {

std::string ToSql(const Expr& expr);
std::string ToSql(const Select& select);
std::string ToSql(const Statement& statement);

// `name` as an identifier that re-lexes to itself: bare when it is a plain
// word and not a keyword, otherwise "double quoted" with "" escapes.
std::string QuoteIdentifier(std::string_view name);

// `value` as a string literal: 'single quoted' with '' escapes.
std::string QuoteString(std::string_view value);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_AST_TO_SQL_H_
