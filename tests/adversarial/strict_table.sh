#!/usr/bin/env bash
# strict_table.sh SLUICE: a STRICT table took any value in any column (and
# any declared type), so data its schema promised to refuse was stored.
# Values that cannot be stored losslessly must be refused through INSERT,
# INSERT ... SELECT, UPDATE and .import, and again after the file database
# is reopened; declared types STRICT does not allow must be refused.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf '5,x\nfive,y\n' >rows.csv
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
CREATE TABLE bad(x VARCHAR(10)) STRICT;
CREATE TABLE s(x INT, y ANY) STRICT;
INSERT INTO s VALUES ('abc', 1);
INSERT INTO s SELECT 2.5, 1;
INSERT INTO s VALUES ('12', '007');
UPDATE s SET x = x'00';
.import --csv rows.csv s
SQL
grep -qF 'unknown datatype for bad.x: "VARCHAR(10)"' err || fail "VARCHAR(10) accepted in a STRICT table: $(cat err)"
grep -qF "cannot store TEXT value in INT column s.x" err || fail "TEXT stored in INT column: $(cat err)"
grep -qF "cannot store REAL value in INT column s.x" err || fail "REAL 2.5 stored in INT column: $(cat err)"
grep -qF "cannot store BLOB value in INT column s.x" err || fail "UPDATE stored a BLOB in INT column: $(cat err)"
[ "$(grep -c 'cannot store' err)" -eq 4 ] || fail "want 4 refusals (INSERT, SELECT, UPDATE, .import row 2): $(cat err)"

"$sluice" sql db.sluice >out 2>err <<'SQL'
INSERT INTO s VALUES ('reopened', 1);
SELECT group_concat(typeof(x) || ':' || x || ':' || typeof(y) || ':' || y, ',') FROM (SELECT * FROM s ORDER BY x);
SQL
grep -qF "cannot store TEXT value in INT column s.x" err || fail "reopened STRICT table took TEXT: $(cat err)"
[ "$(cat out)" = "integer:5:text:x,integer:12:text:007" ] || fail "rows stored: got '$(cat out)'"
exit 0
