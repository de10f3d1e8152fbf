// PRAGMA index_info and index_xinfo (pragma_schema.h): the terms of an
// index as its CREATE INDEX (or the table constraint behind an automatic
// index) wrote them — column or expression, DESC, the collation's name as
// written — and, for index_xinfo, what the index stores besides its key.
#include <algorithm>

#include "base/ascii.h"
#include "sql/parser/parser.h"
#include "sql/pragma/pragma_schema.h"

namespace sluice::sql {

namespace {

struct IndexTerm {
  int cid = -2;  // -2: an expression; -1: the rowid
  bool desc = false;
  std::string coll;  // as written; empty: the column's or BINARY
  bool key = true;
};

// The COLLATE a column declares, as written, or "".
std::string DeclaredCollation(const CreateTableStatement* create, int cid) {
  if (create == nullptr || cid < 0 || static_cast<size_t>(cid) >= create->columns.size()) return "";
  std::string coll;
  for (const ColumnConstraint& c : create->columns[static_cast<size_t>(cid)].constraints) {
    if (c.kind == ColumnConstraint::Kind::kCollate) coll = c.collation;
  }
  return coll;
}

IndexTerm TermOf(const Table& t, const IndexedColumn& term) {
  IndexTerm out;
  out.desc = term.order == SortOrder::kDesc;
  const Expr* e = term.expr.get();
  while (e != nullptr && e->kind == ExprKind::kCollate) {
    if (out.coll.empty()) out.coll = e->As<CollateExpr>().collation;
    e = e->As<CollateExpr>().operand.get();
  }
  std::string_view column = TermColumn(term);
  if (!column.empty()) out.cid = t.column_index(column);
  if (out.cid < 0) out.cid = -2;
  return out;
}

// A column-level constraint of `kind` on column `cid` as an index term.
std::optional<std::vector<IndexTerm>> ColumnConstraintTerms(const CreateTableStatement& create, int cid,
                                                            ColumnConstraint::Kind kind) {
  for (const ColumnConstraint& c : create.columns[static_cast<size_t>(cid)].constraints) {
    if (c.kind != kind) continue;
    IndexTerm term;
    term.cid = cid;
    term.desc = c.order == SortOrder::kDesc;
    return std::vector<IndexTerm>{term};
  }
  return std::nullopt;
}

// The terms of an automatic index: those of the PRIMARY KEY or UNIQUE
// constraint over the same columns; without one, its columns ascending.
std::vector<IndexTerm> AutomaticTerms(const Table& t, const IndexDef& idx) {
  const CreateTableStatement* create = CreateOf(t);
  if (create != nullptr) {
    const auto column_kind = idx.primary_key ? ColumnConstraint::Kind::kPrimaryKey : ColumnConstraint::Kind::kUnique;
    const auto table_kind = idx.primary_key ? TableConstraint::Kind::kPrimaryKey : TableConstraint::Kind::kUnique;
    if (idx.columns.size() == 1) {
      if (auto terms = ColumnConstraintTerms(*create, idx.columns[0], column_kind)) return *terms;
    }
    for (const TableConstraint& c : create->constraints) {
      if (c.kind != table_kind) continue;
      std::vector<IndexTerm> terms;
      std::vector<int> columns;
      for (const IndexedColumn& term : c.columns) {
        terms.push_back(TermOf(t, term));
        columns.push_back(terms.back().cid);
      }
      if (columns == idx.columns) return terms;
    }
  }
  std::vector<IndexTerm> terms;
  for (int cid : idx.columns) {
    IndexTerm term;
    term.cid = cid;
    terms.push_back(term);
  }
  return terms;
}

struct FoundIndex {
  TablePtr table;
  std::vector<IndexTerm> terms;
  bool primary_key = false;
};

std::optional<FoundIndex> FindIndexTerms(const Catalog& catalog, const std::string& name) {
  FoundIndex found;
  size_t pos = 0;
  found.table = catalog.FindIndex(name, &pos);
  if (found.table == nullptr) {
    // A WITHOUT ROWID table's name stands for its PRIMARY KEY index.
    TablePtr t = catalog.FindTable(name);
    const CreateTableStatement* create = t != nullptr ? CreateOf(*t) : nullptr;
    if (create == nullptr || !create->without_rowid) return std::nullopt;
    for (size_t i = 0; i < t->indexes.size(); ++i) {
      if (t->indexes[i].primary_key) {
        found.table = t;
        pos = i;
      }
    }
    if (found.table == nullptr) return std::nullopt;
  }
  const Table& t = *found.table;
  const IndexDef& idx = t.indexes[pos];
  found.primary_key = idx.primary_key;
  if (!idx.sql.empty()) {
    Result<StatementPtr> parsed = ParseStatement(idx.sql);
    if (!parsed.ok() || *parsed == nullptr || (*parsed)->kind != StatementKind::kCreateIndex) return std::nullopt;
    for (const IndexedColumn& term : (*parsed)->As<CreateIndexStatement>().columns) {
      found.terms.push_back(TermOf(t, term));
    }
  } else {
    found.terms = AutomaticTerms(t, idx);
  }
  return found;
}

Value ColumnName(const Table& t, int cid) {
  if (cid < 0 || static_cast<size_t>(cid) >= t.columns_info.size()) return Value();
  return Value::Text(t.columns_info[static_cast<size_t>(cid)].name);
}

PragmaRowSet IndexRows(const PragmaContext& ctx, const std::optional<std::string>& arg, bool xinfo) {
  if (!arg) return {};
  std::optional<FoundIndex> found = FindIndexTerms(ctx.catalog, *arg);
  if (!found) return {};
  const Table& t = *found->table;
  const CreateTableStatement* create = CreateOf(t);
  std::vector<IndexTerm> terms = found->terms;
  if (xinfo) {
    if (create != nullptr && create->without_rowid) {
      // The PRIMARY KEY index stores the other columns; a secondary index
      // the PRIMARY KEY columns it does not have already.
      std::vector<int> stored;
      if (found->primary_key) {
        for (size_t c = 0; c < create->columns.size(); ++c) stored.push_back(static_cast<int>(c));
      } else {
        stored = PrimaryKeyColumns(*create);
      }
      for (int cid : stored) {
        bool present = std::any_of(terms.begin(), terms.end(), [&](const IndexTerm& x) { return x.cid == cid; });
        if (present) continue;
        IndexTerm extra;
        extra.cid = cid;
        extra.key = false;
        terms.push_back(extra);
      }
    } else {
      IndexTerm rowid;
      rowid.cid = -1;
      rowid.key = false;
      terms.push_back(rowid);
    }
  }
  PragmaRowSet rows;
  for (size_t i = 0; i < terms.size(); ++i) {
    const IndexTerm& term = terms[i];
    std::vector<Value> row{Value::Integer(static_cast<int64_t>(i)), Value::Integer(term.cid), ColumnName(t, term.cid)};
    if (xinfo) {
      std::string coll = term.coll;
      if (coll.empty() && term.key) coll = DeclaredCollation(create, term.cid);
      if (coll.empty()) coll = "BINARY";
      row.push_back(Value::Integer(term.desc ? 1 : 0));
      row.push_back(Value::Text(coll));
      row.push_back(Value::Integer(term.key ? 1 : 0));
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

PragmaRowSet IndexInfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  return IndexRows(ctx, arg, false);
}

PragmaRowSet IndexXinfoRows(const PragmaContext& ctx, const std::optional<std::string>& arg) {
  return IndexRows(ctx, arg, true);
}

}  // namespace sluice::sql
