// The table-valued PRAGMA functions in FROM: `pragma_NAME[(arg[, schema])]`
// for every pragma of sql/pragma (pragma_table.h), as sqlite3 3.40 has
// them: the pragma's columns, then for those that take an argument the
// hidden columns `arg` and `schema`, which `*` leaves out. The rows are made
// when the statement is bound, from the argument's value, which must be a
// literal or a bound parameter: an argument that reads a column of another
// FROM item (or any other expression) is refused. The schema argument may be main
// (temp is refused, see below); another is "unknown database 'x'", reported when
// the statement is prepared (sqlite3 reports it when it runs).
#include "base/ascii.h"
#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"
#include "sql/binder/pragma_context.h"
#include "sql/value/conversion.h"

namespace sluice::sql {

PragmaContext MakePragmaContext(const Catalog& catalog) {
  return PragmaContext{catalog, [&catalog](const ViewInfo& view) -> Result<std::vector<ViewColumn>> {
                         Binder binder(catalog);
                         SLUICE_ASSIGN_OR_RETURN(BoundQuery q, binder.BindSelect(*view.ast->select, *view.ast));
                         std::vector<ViewColumn> columns;
                         for (size_t i = 0; i < q.names.size(); ++i) {
                           std::string name = i < view.ast->columns.size() ? view.ast->columns[i] : q.names[i];
                           columns.push_back({std::move(name), q.decl_types[i]});
                         }
                         return columns;
                       }};
}

Result<TablePtr> Binder::Impl::PragmaTable(const TableRef& ref, size_t* visible_columns) {
  constexpr std::string_view kPrefix = "pragma_";
  if (ref.name.size() <= kPrefix.size() || !EqualsIgnoreAsciiCase(ref.name.substr(0, kPrefix.size()), kPrefix)) {
    return TablePtr();
  }
  const PragmaTableDef* def = FindPragmaTable(std::string_view(ref.name).substr(kPrefix.size()));
  if (def == nullptr) return TablePtr();
  // The argument, then the schema; a pragma without an argument takes
  // nothing (as in sqlite3, which then has no hidden columns either).
  const size_t max_args = (def->takes_arg ? 1 : 0) + (def->takes_schema ? 1 : 0);
  if (ref.args.size() > max_args) {
    return Status::InvalidArgument("too many arguments on " + ref.name + "() - max " + std::to_string(max_args));
  }
  std::vector<Value> args;
  for (const ExprPtr& a : ref.args) {
    Scope empty;
    ExprContext ctx{&empty};
    Result<BoundExprPtr> bound = BindExpr(*a, ctx);
    if (!bound.ok() || (*bound)->kind != BoundKind::kConstant) {
      return Status::InvalidArgument("the arguments of " + ref.name +
                                     "() must be literal values or parameters, not columns or expressions");
    }
    args.push_back((*bound)->constant.Owned());
  }
  std::optional<std::string> arg;
  Value schema;
  if (!args.empty() && !args[0].is_null()) arg = TextForm(args[0]);
  if (args.size() > 1) schema = args[1];
  auto t = std::make_shared<Table>();
  t->name = ref.name;
  std::vector<std::string> names = def->columns;
  *visible_columns = names.size();
  if (def->takes_arg) names.push_back("arg");
  if (def->takes_schema) names.push_back("schema");
  for (const std::string& name : names) {
    ColumnInfo c;
    c.name = name;
    c.affinity = Affinity::kBlob;
    t->columns_info.push_back(c);
  }
  t->data.InitColumns(names.size());
  if (!schema.is_null() && !EqualsIgnoreAsciiCase(TextForm(schema), "main")) {
    // The TEMP schema shares main's catalog (catalog.h): its pragmas are
    // not told apart from main's yet, so they are refused rather than
    // answered with main's rows. sqlite3 reports other names when it runs.
    if (EqualsIgnoreAsciiCase(TextForm(schema), "temp")) {
      return Status::InvalidArgument(ref.name + " of schema 'temp' is not supported");
    }
    return Status::InvalidArgument("unknown database '" + TextForm(schema) + "'");
  }
  int64_t rowid = 1;
  for (std::vector<Value>& row : def->rows(MakePragmaContext(catalog_), arg)) {
    row.resize(def->columns.size());
    if (def->takes_arg) row.push_back(arg ? Value::Text(*arg) : Value());
    if (def->takes_schema) row.push_back(schema);
    t->data.AppendRow(std::move(row), rowid++);
  }
  return t;
}

}  // namespace sluice::sql
