// Test support for planner and executor tests: a catalog with tables built
// from literal rows, and a helper that binds + plans a SELECT.
#ifndef SLUICE_SQL_PLANNER_TEST_CATALOG_H_
#define SLUICE_SQL_PLANNER_TEST_CATALOG_H_

#include <memory>
#include <string>
#include <vector>

#include "sql/binder/binder.h"
#include "sql/parser/parser.h"
#include "sql/planner/planner.h"

namespace sluice::sql {

inline TablePtr AddTestTable(Catalog* catalog, const std::string& name, const std::vector<std::string>& columns,
                             const std::vector<std::vector<Value>>& rows, const std::string& type = "INTEGER") {
  auto t = std::make_shared<Table>();
  t->name = name;
  for (const std::string& c : columns) {
    ColumnInfo info;
    info.name = c;
    info.type_name = type;
    info.affinity = AffinityFromTypeName(type);
    t->columns_info.push_back(info);
  }
  t->data.InitColumns(columns.size());
  int64_t rowid = 1;
  for (const auto& r : rows) t->data.AppendRow(r, rowid++);
  catalog->AddTable(t);
  return t;
}

// Parses, binds and plans `sql` (a SELECT). Keeps the AST alive in *holder.
inline Result<BoundQuery> PlanSelect(const Catalog& catalog, const std::string& sql, const PlannerOptions& options,
                                     StatementPtr* holder) {
  SLUICE_ASSIGN_OR_RETURN(*holder, ParseStatement(sql));
  Binder binder(catalog);
  SLUICE_ASSIGN_OR_RETURN(BoundQuery q, binder.BindSelect(*(*holder)->As<SelectStatement>().select, **holder));
  SLUICE_RETURN_IF_ERROR(PlanQuery(q.plan.get(), options));
  return q;
}

}  // namespace sluice::sql

#endif  // SLUICE_SQL_PLANNER_TEST_CATALOG_H_
