// How the shell prints a CREATE statement from sqlite_schema (.schema,
// .dump): sqlite3 3.40's printSchemaLine().
#ifndef SLUICE_SHELL_SCHEMA_TEXT_H_
#define SLUICE_SHELL_SCHEMA_TEXT_H_

#include <string>
#include <string_view>

namespace sluice::shell {

// `sql` + `tail`. When `tail` starts with ';' and `sql` has a comment, the
// first of "", "*/", "\n" that makes `sql` + it + ";" a complete statement
// is appended first (so the ';' does not end up inside the comment). A
// CREATE TABLE whose name starts with a quote becomes CREATE TABLE IF NOT
// EXISTS.
std::string SchemaLine(std::string sql, std::string_view tail);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_SCHEMA_TEXT_H_
