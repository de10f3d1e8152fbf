#!/usr/bin/env bash
# upsert_foreign_keys.sh SLUICE: with PRAGMA foreign_keys=ON, an UPSERT's
# DO UPDATE changed parent keys that child rows held, and child keys to
# parents that do not exist, without a word (the statement was checked as
# a plain INSERT). Each must fail with sqlite3's "FOREIGN KEY constraint
# failed" (a deferred key at COMMIT), on a file database and after it is
# reopened, and leave the rows as they were.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cd "$dir" || exit 1
fail() { echo "FAIL: $*" >&2; exit 1; }

"$sluice" sql db.sluice >out 2>err <<'SQL'
PRAGMA foreign_keys = ON;
CREATE TABLE p(id INTEGER PRIMARY KEY, val INTEGER UNIQUE);
CREATE TABLE c(id INTEGER PRIMARY KEY, pid REFERENCES p(id) ON UPDATE RESTRICT, pval REFERENCES p(val));
CREATE TABLE d(id INTEGER PRIMARY KEY, pid REFERENCES p(id) DEFERRABLE INITIALLY DEFERRED);
INSERT INTO p VALUES (1, 100);
INSERT INTO c VALUES (10, 1, 100);
INSERT INTO d VALUES (20, 1);
INSERT INTO p VALUES (1, 0) ON CONFLICT(id) DO UPDATE SET id = 2;
INSERT INTO p VALUES (1, 0) ON CONFLICT(id) DO UPDATE SET val = 200;
INSERT INTO c VALUES (10, 0, 0) ON CONFLICT(id) DO UPDATE SET pid = 9;
BEGIN;
INSERT INTO d VALUES (20, 0) ON CONFLICT(id) DO UPDATE SET pid = 9;
COMMIT;
ROLLBACK;
SQL
[ "$(grep -c 'FOREIGN KEY constraint failed' err)" -eq 4 ] ||
  fail "want 4 refusals (parent id, parent val, child pid, deferred COMMIT): $(cat err)"

"$sluice" sql db.sluice >out 2>err <<'SQL'
PRAGMA foreign_keys = ON;
INSERT INTO c VALUES (10, 0, 0) ON CONFLICT(id) DO UPDATE SET pid = 7;
SELECT * FROM p;
SELECT * FROM c;
SELECT * FROM d;
SQL
grep -qF "FOREIGN KEY constraint failed" err || fail "reopened database does not check DO UPDATE: $(cat err)"
[ "$(cat out)" = "$(printf '1|100\n10|1|100\n20|1')" ] || fail "rows changed: got '$(cat out)'"
exit 0
