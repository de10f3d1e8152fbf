// UPDATE ... FROM (SQLite 3.33+): the table written is joined with the
// FROM items (bound in a scope of their own, so that their NATURAL / USING
// joins see only each other), and SET and WHERE see the columns of both.
// A FROM item may not be the target table itself under its own name
// (without an alias on either), as in sqlite3. Which matching FROM row a target row takes when several match
// is up to the update operator (PlanNode::update_rowid).
#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Status CheckUpdateFromNames(const UpdateStatement& update) {
  if (update.from == nullptr || update.has_alias) return Status::OK();
  for (const FromItem& item : update.from->items) {
    const TableRef& ref = *item.table;
    if (ref.kind == TableRef::Kind::kTable && !ref.has_alias && NameEqualsNoCase(ref.name, update.table)) {
      return Status::InvalidArgument("target object/alias may not appear in FROM clause: " + ref.name);
    }
  }
  return Status::OK();
}

Result<PlanPtr> Binder::Impl::BindUpdateFrom(const FromClause& from, const std::string& alias, PlanPtr target,
                                             Scope* scope) {
  (void)alias;
  Scope items;
  items.has_from = true;
  SLUICE_ASSIGN_OR_RETURN(PlanPtr joined, BindFrom(from, &items, nullptr));
  for (ScopeColumn& c : items.columns) scope->columns.push_back(std::move(c));
  for (std::string& t : items.tables) scope->tables.push_back(std::move(t));
  auto join = std::make_shared<PlanNode>(PlanKind::kJoin);
  join->join_type = JoinType::kInner;
  join->outputs = target->outputs;
  join->outputs.insert(join->outputs.end(), joined->outputs.begin(), joined->outputs.end());
  join->children.push_back(std::move(target));
  join->children.push_back(std::move(joined));
  return PlanPtr(join);
}

}  // namespace sluice::sql
