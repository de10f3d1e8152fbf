// UPDATE ... FROM (SQLite 3.33+): the table written is joined with the
// FROM items (bound in a scope of their own, so that their NATURAL / USING
// joins see only each other; a NATURAL / USING column found in two items
// to its left is ambiguous there), and SET and WHERE see the columns of both.
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
  // sqlite3 reads the FROM items as a subquery, where a NATURAL / USING
  // column must name one column of the items to its left: with two (not
  // merged by a USING of their own) it is "ambiguous column name".
  for (size_t k = 0; k < items.columns.size(); ++k) {
    const ScopeColumn& dup = items.columns[k];
    if (!dup.using_dup) continue;
    int matches = 0;
    for (size_t j = 0; j < k; ++j) {
      const ScopeColumn& c = items.columns[j];
      if (!c.hidden && !c.using_dup && NameEqualsNoCase(c.name, dup.name)) ++matches;
    }
    if (matches > 1) return Status::InvalidArgument("ambiguous column name: " + dup.name);
  }
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
