// What a trigger program sees while it runs: the NEW and OLD rows of the
// row that fired it (TriggerRowContext, given to Binder::SetTriggerRow).
// RAISE() binds to function/raise.h.
//
// A trigger program is bound again for every row it runs for: NEW.x and
// OLD.x bind as constants of the row's values with the column's collation
// and, as in sqlite3, no affinity (NEW.a = 5 is false for a TEXT '5')
// except the rowid's, which is INTEGER.
#ifndef SLUICE_SQL_BINDER_TRIGGER_ROW_H_
#define SLUICE_SQL_BINDER_TRIGGER_ROW_H_

#include <string>
#include <vector>

#include "sql/value/affinity.h"
#include "sql/value/compare.h"
#include "sql/value/value.h"

namespace sluice::sql {

struct TriggerRowContext {
  // The columns of the table (or view) the trigger is on (`affinities`:
  // what a view applies to NEW; the binder gives NEW/OLD none).
  std::vector<std::string> names;
  std::vector<Affinity> affinities;
  std::vector<Collation> collations;
  // The column that is the rowid (INTEGER PRIMARY KEY), or -1: it and the
  // rowid keep INTEGER affinity.
  int rowid_alias = -1;
  // Which pseudo-rows exist: NEW for INSERT and UPDATE, OLD for UPDATE and
  // DELETE. Each holds one value per column, then the rowid.
  bool has_new = false;
  bool has_old = false;
  std::vector<Value> new_row;
  std::vector<Value> old_row;
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_BINDER_TRIGGER_ROW_H_
