// Schema text rewrites of ALTER TABLE RENAME: the CREATE statements kept in
// sqlite_schema (tables, indexes, views, triggers) name tables and columns;
// renaming one edits those names in place, token by token, keeping the
// rest of the text (spacing, comments, quoting) as written — as sqlite3
// 3.26+ does with legacy_alter_table=OFF.
//
// The edits work on any object's SQL text by its tokens, not on a parsed
// form of one statement kind, so every kind of schema object (and kinds
// added later) is handled the same way. Which identifier is a table name
// is told by the token before it (FROM, JOIN, INTO, UPDATE, TABLE, ON of a
// CREATE INDEX / TRIGGER, REFERENCES, a comma in a FROM list) or after it
// (`t.col`); which is a column of the renamed table by its qualifier (the
// table, an alias of it, NEW/OLD of a trigger on it) or, unqualified, by
// the statement reading that table. The rewritten names are quoted the way
// sqlite3's renameEditSql() quotes them.
#ifndef SLUICE_SQL_CONNECTION_SCHEMA_RENAME_H_
#define SLUICE_SQL_CONNECTION_SCHEMA_RENAME_H_

#include <string>
#include <string_view>

#include "sluice/result.h"

namespace sluice::sql {

// `sql` with every reference to table `from` naming table `to` instead
// (always written quoted, as sqlite3 does). Unchanged when none.
Result<std::string> RenameTableInSql(std::string_view sql, std::string_view from, std::string_view to);

// `sql` with every reference to column `from` of table `table` naming
// `to` instead. `quote_new`: the new name was written quoted in the ALTER
// statement (then every rewritten name is quoted; otherwise only those
// that were quoted, or need quotes).
Result<std::string> RenameColumnInSql(std::string_view sql, std::string_view table, std::string_view from,
                                      std::string_view to, bool quote_new);

// `name` as a double-quoted identifier ("a""b" for a"b).
std::string QuotedName(std::string_view name);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_SCHEMA_RENAME_H_
