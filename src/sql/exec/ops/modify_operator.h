// ModifyOperator: what the operators of INSERT, UPDATE and DELETE
// (insert.cc, update.cc, delete.cc) share. On its first Next it runs the
// whole write (Run: read all input, then change the table) and emits one
// row, the number of rows changed; after that it is done. An error of Run
// is the statement's error, and the table is as before it.
#ifndef SLUICE_SQL_EXEC_OPS_MODIFY_OPERATOR_H_
#define SLUICE_SQL_EXEC_OPS_MODIFY_OPERATOR_H_

#include <cstdint>

#include "sluice/result.h"
#include "sql/exec/operator.h"

namespace sluice::sql::ops {

class ModifyOperator : public Operator {
 public:
  explicit ModifyOperator(const PlanNode& node) : node_(node) {}

  Result<bool> Next(DataChunk* out) final {
    out->Reset(node_.outputs.size());
    if (done_) return false;
    done_ = true;
    SLUICE_ASSIGN_OR_RETURN(int64_t n, Run());
    out->column(0).push_back(Value::Integer(n));
    out->SetSize(1);
    return true;
  }

 protected:
  // The write; returns the number of rows changed.
  virtual Result<int64_t> Run() = 0;

  const PlanNode& node_;

 private:
  bool done_ = false;
};

}  // namespace sluice::sql::ops

#endif  // SLUICE_SQL_EXEC_OPS_MODIFY_OPERATOR_H_
