// Binder entry points (binder.h); INSERT, UPDATE and DELETE are bound in
// bind_insert.cc and bind_update.cc.
#include "sql/binder/binder.h"

#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Binder::Binder(const Catalog& catalog, const std::vector<Value>* parameters)
    : impl_(std::make_unique<Impl>(catalog, parameters)) {}
Binder::~Binder() = default;

int64_t Binder::error_offset() const { return impl_->error_offset_; }

Result<BoundQuery> Binder::BindSelect(const Select& select, const Statement& statement) {
  impl_->statement_ = &statement;
  return impl_->BindSelect(select, nullptr);
}

Result<BoundExprPtr> Binder::BindConstantExpr(const Expr& expr, const Statement& statement) {
  impl_->statement_ = &statement;
  Scope scope;
  ExprContext ctx{&scope};
  return impl_->BindExpr(expr, ctx);
}

}  // namespace sluice::sql
