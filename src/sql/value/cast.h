// CAST(x AS type) with SQLite's rules (sqlite3VdbeMemCast). The target is
// given as an affinity (AffinityFromTypeName of the type name: CAST(x AS
// VARCHAR(10)) is a TEXT cast, CAST(x AS FOO) a NUMERIC one).
//
//   INTEGER  NULL stays NULL; REAL truncates toward zero and saturates
//            (1e20 -> 9223372036854775807); TEXT/BLOB use the integer
//            prefix: '  12  ' -> 12, '12abc' -> 12, '1e3' -> 1 (!),
//            'abc' -> 0, '9223372036854775808' -> 9223372036854775807.
//   REAL     numbers convert; TEXT/BLOB use the real prefix ('1.5e' -> 1.5).
//   NUMERIC  INTEGER and REAL unchanged (CAST(3.0 AS NUMERIC) stays 3.0);
//            TEXT/BLOB become INTEGER when the text is an integer prefix
//            ('12abc' -> 12, 'abc' -> 0, '' -> 0) or a REAL equal to a small
//            int ('3.0' -> 3, '1e3' -> 1000), else REAL ('1e20', '1.5x').
//   TEXT     numbers print as text; BLOB bytes are re-typed as TEXT.
//   BLOB     the text form's bytes as BLOB; a BLOB stays.
#ifndef SLUICE_SQL_VALUE_CAST_H_
#define SLUICE_SQL_VALUE_CAST_H_

#include "sql/value/affinity.h"
#include "sql/value/value.h"

namespace sluice::sql {

// kNone is treated as BLOB (no type name means no conversion target;
// SQLite's grammar always has one).
Value CastValue(const Value& v, Affinity target);

}  // namespace sluice::sql

#endif  // SLUICE_SQL_VALUE_CAST_H_
