// Operator: the physical operator interface. The executor instantiates one
// operator per plan node (binder/plan.h) for each run; operators pull
// DataChunks from their children (Next) and hand chunks up.
//
// Blocking operators (hash-join build, hash aggregate, sort, set ops)
// consume their input on the first Next() in the local -> combine ->
// finalize shape that morsel-driven parallelism will reuse: per-input-chunk
// work goes into a local state, states are merged, then finalized.
//
// Errors (runtime errors in SQLite's words: "integer overflow", ...) come
// back as a Status from Next(); the operator must not be called again.
#ifndef SLUICE_SQL_EXEC_OPERATOR_H_
#define SLUICE_SQL_EXEC_OPERATOR_H_

#include <memory>

#include "sluice/result.h"
#include "sql/plan/plan.h"
#include "sql/exec/data_chunk.h"
#include "sql/exec/exec_context.h"

namespace sluice::sql {

class Operator {
 public:
  virtual ~Operator() = default;
  // Fills `out` (reset to the node's output width) with the next rows.
  // Returns false, with `out` empty, when there are no more rows. A true
  // return may come with an empty chunk only if more may follow.
  virtual Result<bool> Next(DataChunk* out) = 0;
};

using OperatorPtr = std::unique_ptr<Operator>;

// The operator tree for `node`. REQUIRES: node planned (planner.h);
// `ctx` and `node` outlive the operators.
OperatorPtr MakeOperator(const PlanNode& node, ExecContext* ctx);

// Runs `node` to the end, appending all rows to `out` (Init'ed here).
Status Materialize(const PlanNode& node, ExecContext* ctx, RowStore* out);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_EXEC_OPERATOR_H_
