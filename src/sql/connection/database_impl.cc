// Database::Open and Database::Execute; DatabaseImpl::Prepare (parse one
// statement, make its cursor, catch up with other processes first) and
// DatabaseImpl::SetTempStore (PRAGMA temp_store).
#include "sql/connection/database_impl.h"

#include "sql/connection/attach.h"
#include "sql/connection/bindable_statement.h"
#include "sql/connection/connection_internal.h"
#include "sql/connection/statement_impl.h"
#include "sql/exec/expr_eval.h"
#include "sql/parser/parser.h"
#include "sluice/sqlite_file.h"

namespace sluice {

Result<std::unique_ptr<Database>> Database::Open(std::string_view path, const OpenOptions& options) {
  auto db = std::make_unique<sql::DatabaseImpl>();
  if (path.empty() || path == ":memory:") return std::unique_ptr<Database>(std::move(db));
  if (IsSqliteFile(std::string(path))) return sql::DatabaseImpl::OpenSqliteFile(std::string(path));
  Env* env = options.env != nullptr ? options.env : Env::Default();
  SLUICE_RETURN_IF_ERROR(db->OpenFile(std::string(path), env));
  return std::unique_ptr<Database>(std::move(db));
}

Status Database::Execute(std::string_view sql) {
  while (!sql.empty()) {
    PrepareOutcome p = Prepare(sql);
    if (!p.status.ok()) return p.status;
    sql.remove_prefix(p.consumed);
    if (!p.statement) {
      if (p.consumed == 0) break;
      continue;
    }
    while (true) {
      Result<bool> row = p.statement->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
    }
  }
  return Status::OK();
}

}  // namespace sluice

namespace sluice::sql {

// sqlite3's changeTempStorage: a new value closes the TEMP database,
// which drops every TEMP object; not within a transaction once in use.
Status DatabaseImpl::SetTempStore(int value) {
  if (value == temp_store_) return Status::OK();
  if (temp_used()) {
    if (in_transaction()) {
      return Status::InvalidArgument("temporary storage cannot be changed from within a transaction");
    }
    catalog_.DropTemp();  // database_list still lists temp, as in sqlite3
  }
  temp_store_ = value;
  return Status::OK();
}

PlannerOptions DatabaseImpl::DefaultPlannerOptions() {
  PlannerOptions options;
  options.evaluate_constant = [](const BoundExpr& e) {
    ExecContext ctx;
    return EvaluateConstant(e, &ctx);
  };
  return options;
}

PrepareOutcome DatabaseImpl::Prepare(std::string_view sql) {
  PrepareOutcome out;
  ScriptParser parser(sql);
  Result<StatementPtr> parsed = parser.Next();
  out.statement_offset = parser.statement_begin();
  out.consumed = parser.position();
  if (!parsed.ok()) {
    out.status = parsed.status()
                     .WithPhase(ErrorPhase::kPrepare)
                     .WithErrorOffset(parser.error().has_caret ? static_cast<int64_t>(parser.error().offset) : -1);
    return out;
  }
  if (*parsed == nullptr) {
    out.consumed = sql.size();
    return out;
  }
  // The statement's text, through its ';' when there is one.
  size_t begin = parser.statement_begin();
  size_t end = parser.position();
  std::string_view rest = sql.substr(end);
  size_t k = 0;
  while (k < rest.size() && (rest[k] == ' ' || rest[k] == '\t' || rest[k] == '\n' || rest[k] == '\r')) ++k;
  if (k < rest.size() && rest[k] == ';' && (end == begin || sql[end - 1] != ';')) {
    end += k + 1;
    out.consumed = end;
  }
  std::shared_ptr<sql::Statement> ast(std::move(*parsed));
  std::string text(sql.substr(begin, end - begin));
  int64_t error_offset = -1;
  // The database it runs in: this one, or an ATTACHed one it names.
  std::string qualifier;
  Result<DatabaseImpl*> target = RouteStatement(*this, *ast, &qualifier);
  if (!target.ok()) {
    out.status = target.status().WithPhase(ErrorPhase::kPrepare);
    return out;
  }
  Result<std::unique_ptr<StatementImpl>> prepared = PrepareParsed(**target, ast, text, &error_offset);
  if (!prepared.ok()) {
    Status status = prepared.status();
    // The routed statement lost its qualifier: name the table as written.
    constexpr std::string_view kNoSuchTable = "no such table: ";
    std::string_view message = status.message();
    if (!qualifier.empty() && message.starts_with(kNoSuchTable) &&
        message.substr(kNoSuchTable.size()).find('.') == std::string_view::npos) {
      status = Status::InvalidArgument(
          std::string(kNoSuchTable) + qualifier + "." + std::string(message.substr(kNoSuchTable.size())),
          status.result_code());
    }
    out.status = status.WithPhase(ErrorPhase::kPrepare).WithErrorOffset(error_offset);
    return out;
  }
  out.statement = std::make_unique<BindableStatement>(*target, std::move(ast), std::move(text), std::move(*prepared));
  return out;
}

}  // namespace sluice::sql
