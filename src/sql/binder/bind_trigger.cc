// Binding inside a trigger program (trigger_row.h): NEW.x / OLD.x as
// constants of the firing row, and RAISE() as a call of raise()
// (function/raise.h) that fails with the RAISE's status when evaluated.
#include "sql/binder/binder_internal.h"
#include "sql/binder/trigger_row.h"
#include "sql/function/raise.h"

namespace sluice::sql {

namespace {

static_assert(static_cast<int>(RaiseKind::kFail) == static_cast<int>(RaiseAction::kFail) &&
              static_cast<int>(RaiseKind::kIgnore) == static_cast<int>(RaiseAction::kIgnore));

bool IsRowidName(std::string_view n) {
  return NameEqualsNoCase(n, "rowid") || NameEqualsNoCase(n, "oid") || NameEqualsNoCase(n, "_rowid_");
}

}  // namespace

void Binder::SetTriggerRow(const TriggerRowContext* row) { impl_->trigger_row_ = row; }

BoundExprPtr Binder::Impl::BindTriggerRowRef(const ColumnRefExpr& ref) {
  const TriggerRowContext& t = *trigger_row_;
  const std::vector<Value>* row = nullptr;
  if (NameEqualsNoCase(ref.table, "new") && t.has_new) row = &t.new_row;
  if (NameEqualsNoCase(ref.table, "old") && t.has_old) row = &t.old_row;
  if (row == nullptr) return nullptr;
  for (size_t c = 0; c < t.names.size(); ++c) {
    if (!NameEqualsNoCase(t.names[c], ref.column)) continue;
    // No affinity (sqlite3: NEW.a = 5 is false for the TEXT '5') unless
    // it is the rowid; the column's collation.
    BoundExprPtr e = MakeConstant((*row)[c]);
    if (static_cast<int>(c) == t.rowid_alias) e->affinity = Affinity::kInteger;
    e->collation = t.collations[c];
    e->collation_source = CollationSource::kColumn;
    return e;
  }
  if (IsRowidName(ref.column) && row->size() > t.names.size()) {
    BoundExprPtr e = MakeConstant(row->back());
    e->affinity = Affinity::kInteger;
    return e;
  }
  return nullptr;
}

Result<BoundExprPtr> Binder::Impl::BindRaise(const RaiseExpr& r, ExprContext& ctx) {
  auto e = std::make_unique<BoundExpr>(BoundKind::kFunction);
  e->function = &RaiseFunction();
  e->children.push_back(MakeConstant(Value::Integer(static_cast<int64_t>(r.raise))));
  if (r.message != nullptr) {
    SLUICE_ASSIGN_OR_RETURN(BoundExprPtr message, BindExpr(*r.message, ctx));
    e->children.push_back(std::move(message));
  }
  return e;
}

}  // namespace sluice::sql
