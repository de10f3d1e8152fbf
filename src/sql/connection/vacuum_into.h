// VACUUM's prepare-time check and VACUUM INTO (vacuum_into.cc).
#ifndef SLUICE_SQL_CONNECTION_VACUUM_INTO_H_
#define SLUICE_SQL_CONNECTION_VACUUM_INTO_H_

#include "sluice/status.h"
#include "sql/ast/statement.h"
#include "sql/connection/database_impl.h"

namespace sluice::sql {

// The schema named by VACUUM [schema] [INTO file] exists: "unknown
// database NAME" (sqlite3's prepare-time error, *error_offset at the
// name) otherwise.
Status CheckVacuum(const VacuumStatement& v, int64_t* error_offset);
// Writes the copy of VACUUM ... INTO. REQUIRES: v.into; no transaction open.
Status RunVacuumInto(DatabaseImpl& db, const VacuumStatement& v);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_CONNECTION_VACUUM_INTO_H_
