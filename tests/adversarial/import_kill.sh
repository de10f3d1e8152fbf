#!/usr/bin/env bash
# import_kill.sh SLUICE_BINARY
# `.import` into a file database is one transaction, as in sqlite3 (BEGIN,
# an INSERT per record, COMMIT): a writer killed with SIGKILL in the middle
# of an import leaves either none of the file's rows or all of them, never
# a part. The CSV has short records (filled with NULL), which once sent the
# import down a second path that committed in pieces.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0

rows=600000
python3 - "$dir/data.csv" "$rows" <<'PY'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
with open(path, "w") as f:
    f.write("a,b\n")
    for i in range(rows):
        f.write(f"{i}\n" if i % 1000 == 999 else f"{i},{i % 97}\n")
PY

for delay in 0.2 0.4 0.7 1.0; do
  db=$dir/import-$delay.db
  "$sluice" sql "$db" "create table t(a integer, b integer);"
  "$sluice" sql "$db" ".import --csv --skip 1 $dir/data.csv t" 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  got=$("$sluice" sql "$db" "select count(*) from t;" 2>&1)
  if [ "$got" != 0 ] && [ "$got" != "$rows" ]; then
    echo "FAIL: import killed after ${delay}s left $got of $rows rows (expected 0 or $rows)"
    failures=$((failures + 1))
  fi
  check=$("$sluice" sql "$db" "pragma integrity_check;" 2>&1)
  if [ "$check" != ok ]; then
    echo "FAIL: integrity_check after a killed import: $check"
    failures=$((failures + 1))
  fi
done

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "import kill checks passed"
