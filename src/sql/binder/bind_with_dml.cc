// WITH before INSERT, UPDATE and DELETE: the common table expressions are
// visible to the statement's SELECT, WHERE and SET expressions (and their
// subqueries), as in SQLite; the table the statement writes is always a
// real table, even when a CTE has its name.
#include "sql/binder/binder.h"
#include "sql/binder/binder_internal.h"

namespace sluice::sql {

Status Binder::Impl::PushDmlWith(const WithClause* with) {
  if (with == nullptr) return Status::OK();
  if (with->recursive) return Status::InvalidArgument("recursive common table expressions are not supported");
  for (const CommonTableExpr& cte : with->ctes) ctes_.push_back(&cte);
  return Status::OK();
}

}  // namespace sluice::sql
