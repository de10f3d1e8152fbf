// .parameter (Shell::DoParameter) and the binding of its values to every
// statement the shell runs (Shell::BindParameters), as sqlite3 3.40's
// shell does with its table temp.sqlite_parameters(key, value):
//
//   .parameter init               nothing to create here (kept for scripts)
//   .parameter set NAME VALUE     VALUE is an SQL expression ("1+2" is 3,
//                                 "x'00'" a blob); one that does not
//                                 evaluate is stored as text ("hello")
//   .parameter unset NAME         forgets NAME
//   .parameter list               "NAME VALUE" lines sorted by name, names
//                                 padded to the longest, values quoted
//   .parameter clear              forgets every name
//
// Any other form prints the command's help, as sqlite3 does (not an
// error). Before a statement runs, each of its parameters gets the value
// stored under its name as written (`:x`, `@x`, `$x`, `?3`; a bare `?` is
// `?N` for its position), or NULL. The values live in the shell, not in a
// temp table of the database: `SELECT * FROM temp.sqlite_parameters` is
// not available.
#include <algorithm>
#include <cstdio>

#include "shell/shell.h"

namespace sluice::shell {

namespace {

// VALUE evaluated as sqlite3's "REPLACE INTO ... VALUES(key, VALUE)" does:
// an expression of one value, else the text itself.
ShellParameter EvaluateParameter(Database* db, const std::string& value) {
  ShellParameter p;
  std::string sql = "SELECT v, quote(v) FROM (SELECT (";
  sql.append(value);
  sql.append(") AS v)");
  PrepareOutcome prepared = db->Prepare(sql);
  if (prepared.status.ok() && prepared.statement && prepared.consumed == sql.size()) {
    Statement& s = *prepared.statement;
    Result<bool> row = s.Step();
    if (row.ok() && *row) {
      p.value = ReadCell(s, 0);
      p.integer = s.column_int64(0);
      p.quoted = std::string(s.column_text(1));
      return p;
    }
  }
  p.value = Cell::Text(value);
  std::string quoted = "'";
  for (char c : value) {
    quoted.push_back(c);
    if (c == '\'') quoted.push_back('\'');
  }
  quoted.push_back('\'');
  p.quoted = std::move(quoted);
  return p;
}

}  // namespace

CommandResult Shell::DoParameter(const std::vector<std::string>& args) {
  const size_t nargs = args.size();
  const std::string_view sub = nargs >= 2 ? std::string_view(args[1]) : std::string_view();
  if (nargs == 2 && sub == "clear") {
    parameters_.clear();
  } else if (nargs == 2 && sub == "init") {
    // sqlite3 creates its table here; the shell's store always exists.
  } else if (nargs == 2 && sub == "list") {
    size_t width = 0;
    for (const auto& [name, p] : parameters_) width = std::max(width, name.size());
    for (const auto& [name, p] : parameters_) {
      buffer_ += name;
      buffer_.append(width - name.size(), ' ');
      buffer_.push_back(' ');
      buffer_.append(p.quoted);
      buffer_.push_back('\n');
    }
  } else if (nargs == 4 && sub == "set") {
    parameters_[args[2]] = EvaluateParameter(db_, args[3]);
  } else if (nargs == 3 && sub == "unset") {
    parameters_.erase(args[2]);
  } else {
    PrintHelp("parameter");
  }
  return CommandResult::kOk;
}

void Shell::BindParameters(Statement* stmt) {
  const int n = stmt->bind_parameter_count();
  if (n == 0 || parameters_.empty()) return;
  for (int i = 1; i <= n; ++i) {
    // A bare ? is named by its position.
    char position[24];
    std::snprintf(position, sizeof(position), "?%d", i);
    std::string_view written = stmt->bind_parameter_name(i);
    const std::string name = written.empty() ? std::string(position) : std::string(written);
    auto it = parameters_.find(name);
    if (it == parameters_.end()) continue;  // NULL, as prepared
    const ShellParameter& p = it->second;
    switch (p.value.type) {
      case ColumnType::kNull: (void)stmt->BindNull(i); break;
      case ColumnType::kInteger: (void)stmt->BindInt64(i, p.integer); break;
      case ColumnType::kReal: (void)stmt->BindDouble(i, p.value.real); break;
      case ColumnType::kText: (void)stmt->BindText(i, p.value.bytes); break;
      case ColumnType::kBlob: (void)stmt->BindBlob(i, p.value.bytes); break;
    }
  }
}

}  // namespace sluice::shell
