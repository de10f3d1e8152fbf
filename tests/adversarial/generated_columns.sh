#!/usr/bin/env bash
# generated_columns.sh SLUICE: generated columns were accepted and never
# computed (they read NULL), and could be written directly. They must be
# computed on INSERT, INSERT ... SELECT, UPDATE and .import, kept after the
# file database is reopened, usable in WHERE and indexes, and refused as
# targets of INSERT and UPDATE.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
printf '7,0,0\n' >rows.csv
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
CREATE TABLE g(x INT, y INT GENERATED ALWAYS AS (x * 2) VIRTUAL, z AS (y + 1) STORED);
INSERT INTO g VALUES (1);
INSERT INTO g SELECT 2;
INSERT INTO g(x) VALUES (3);
UPDATE g SET x = 4 WHERE x = 3;
.import --csv rows.csv g
INSERT INTO g(x, y) VALUES (5, 0);
UPDATE g SET z = 0;
SQL
grep -qF 'cannot INSERT into generated column "y"' err || fail "INSERT into a generated column not refused: $(cat err)"
grep -qF 'cannot UPDATE generated column "z"' err || fail "UPDATE of a generated column not refused: $(cat err)"

out=$("$sluice" sql db.sluice 2>&1 <<'SQL'
CREATE INDEX gz ON g(z);
SELECT group_concat(x || ':' || y || ':' || z, ',') FROM (SELECT * FROM g ORDER BY x);
SELECT x FROM g WHERE z = 9;
SQL
)
[ "$out" = "1:2:3,2:4:5,4:8:9,7:14:15
4" ] || fail "generated values after reopening: got '$out'"
exit 0
