// VACUUM [schema] INTO file (sqlite3's VACUUM INTO): writes a compacted
// copy of the database to a new sluice database file — the current
// catalog as a fresh image with an empty log (the image Backup writes) —
// and leaves the database itself as it is. Errors are sqlite3's: an
// unknown schema at prepare time, a filename that is not text, an output
// file that exists and is not empty, a file that cannot be created.
#include "sql/connection/connection_internal.h"
#include "sql/connection/vacuum_into.h"
#include "sql/exec/expr_eval.h"

namespace sluice::sql {

Status CheckVacuum(const VacuumStatement& v, int64_t* error_offset) {
  if (v.schema.empty() || NameEqualsNoCase(v.schema, "main")) return Status::OK();
  // sluice has no attached databases; its temp schema holds nothing that
  // VACUUM temp INTO could copy, and is refused rather than written empty.
  if (NameEqualsNoCase(v.schema, "temp") && v.into != nullptr) {
    return Status::InvalidArgument("VACUUM temp INTO is not supported");
  }
  if (NameEqualsNoCase(v.schema, "temp")) return Status::OK();
  // The caret goes under the name: the first token after the keyword.
  size_t at = v.sql.find_first_not_of(" \t\r\n", 6);
  if (error_offset != nullptr && at != std::string::npos) *error_offset = static_cast<int64_t>(v.span.begin + at);
  return Status::InvalidArgument("unknown database " + v.schema);
}

Status RunVacuumInto(DatabaseImpl& db, const VacuumStatement& v) {
  Binder binder(db.catalog(), db.parameters());
  SLUICE_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.BindConstantExpr(*v.into, v));
  ExecContext ctx;
  SLUICE_ASSIGN_OR_RETURN(Value name, EvaluateConstant(*bound, &ctx));
  if (!name.is_text()) return Status::InvalidArgument("non-text filename");
  std::string path(name.bytes());
  // sqlite3 writes to a temporary file that it deletes again: nothing to
  // see, so nothing to write.
  if (path.empty()) return Status::OK();
  Env* env = Env::Default();
  if (env->FileExists(path)) {
    Result<uint64_t> size = env->FileSize(path);
    if (!size.ok() || *size > 0) return Status::InvalidArgument("output file already exists");
  }
  Status written = db.Backup(path);
  if (!written.ok() && written.result_code() != ResultCode::kNotADb) {
    return Status::InvalidArgument("unable to open database: " + path, ResultCode::kCantOpen);
  }
  return written;
}

}  // namespace sluice::sql
