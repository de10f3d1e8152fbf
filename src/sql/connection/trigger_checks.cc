// CREATE TRIGGER's checks, in sqlite3's order and with its messages (see
// triggers.h): the program's steps, the table or view, the
// name, and the timing a table or view allows.
#include "sql/connection/triggers.h"

namespace sluice::sql {

namespace {

using TriggerTiming = CreateTriggerStatement::Timing;

// The schema a program step names its target table in; empty when none.
const std::string& StepSchema(const Statement& step) {
  static const std::string kNone;
  switch (step.kind) {
    case StatementKind::kInsert: return step.As<InsertStatement>().schema;
    case StatementKind::kUpdate: return step.As<UpdateStatement>().schema;
    case StatementKind::kDelete: return step.As<DeleteStatement>().schema;
    default: return kNone;
  }
}

// Whether a program step carries a RETURNING clause.
bool StepReturns(const Statement& step) {
  switch (step.kind) {
    case StatementKind::kInsert: return !step.As<InsertStatement>().returning.empty();
    case StatementKind::kUpdate: return !step.As<UpdateStatement>().returning.empty();
    case StatementKind::kDelete: return !step.As<DeleteStatement>().returning.empty();
    default: return false;
  }
}

}  // namespace

Status CheckCreateTrigger(const Catalog& catalog, const CreateTriggerStatement& c, int64_t* error_offset) {
  for (const StatementPtr& step : c.body) {
    if (!StepSchema(*step).empty()) {
      return Status::InvalidArgument(
          "qualified table names are not allowed on INSERT, UPDATE, and DELETE statements within triggers");
    }
    // sqlite3's parser refuses the clause where it meets it, so after the
    // step's table name was checked.
    if (StepReturns(*step)) return Status::InvalidArgument("cannot use RETURNING in a trigger");
  }
  if (NameEqualsNoCase(c.table, "sqlite_master") || NameEqualsNoCase(c.table, "sqlite_schema")) {
    return Status::InvalidArgument("cannot create trigger on system table");
  }
  const bool is_table = catalog.FindTable(c.table) != nullptr;
  const bool is_view = !is_table && catalog.FindView(c.table) != nullptr;
  if (!is_table && !is_view) return Status::InvalidArgument("no such table: main." + c.table);
  if (c.name.size() >= 7 && NameEqualsNoCase(std::string_view(c.name).substr(0, 7), "sqlite_")) {
    return Status::InvalidArgument("object name reserved for internal use: " + c.name);
  }
  if (catalog.FindTrigger(c.name) != nullptr) {
    if (c.if_not_exists) return Status::OK();
    if (error_offset != nullptr) *error_offset = static_cast<int64_t>(c.name_span.begin);
    return Status::InvalidArgument("trigger " + c.name + " already exists");
  }
  if (c.table.size() >= 7 && NameEqualsNoCase(std::string_view(c.table).substr(0, 7), "sqlite_")) {
    return Status::InvalidArgument("cannot create trigger on system table");
  }
  if (is_view && c.timing != TriggerTiming::kInsteadOf) {
    return Status::InvalidArgument(std::string("cannot create ") +
                                   (c.timing == TriggerTiming::kAfter ? "AFTER" : "BEFORE") +
                                   " trigger on view: " + c.table);
  }
  if (is_table && c.timing == TriggerTiming::kInsteadOf) {
    return Status::InvalidArgument("cannot create INSTEAD OF trigger on table: " + c.table);
  }
  if (c.parameter_count > 0) return Status::InvalidArgument("trigger cannot use variables");
  return Status::OK();
}

}  // namespace sluice::sql
