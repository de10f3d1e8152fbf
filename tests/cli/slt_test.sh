#!/usr/bin/env bash
# slt_test.sh SLUICE: what `sluice slt` prints. Like sqllogictest's own
# runner it reports every failure by default -- file:line, the record, the
# SQL, expected and got -- and --quiet leaves the reports out but keeps the
# counts and the exit status.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

cat >"$dir/t.test" <<'T'
statement ok
CREATE TABLE t(a INTEGER, b TEXT)

statement ok
INSERT INTO t VALUES(1, 'one'), (2, 'two')

query IT rowsort
SELECT a, b
  FROM t
----
1
one
2
deux

statement ok
INSERT INTO nosuch VALUES(1)

query I nosort
SELECT count(*) FROM t
----
2
T

"$sluice" slt "$dir/t.test" >"$dir/out" 2>"$dir/err"
rc=$?
check "a failing file exits 1 (got $rc)" test $rc -eq 1
check "the query failure is reported at its line" grep -q "^$dir/t.test:7: FAIL: wrong result$" "$dir/out"
check "the record line is shown" grep -q "^  query IT rowsort$" "$dir/out"
check "the SQL is shown, every line" grep -Pzq '    SELECT a, b\n      FROM t\n' "$dir/out"
check "expected and got are shown" grep -Pzq '  expected \(4 lines\):\n    1\n    one\n    2\n    deux\n  got \(4 lines\):\n    1\n    one\n    2\n    two\n' "$dir/out"
check "the statement failure is reported with the engine's error" \
  grep -q "^$dir/t.test:16: FAIL: statement failed: no such table: nosuch$" "$dir/out"
check "per-file and total counts" grep -Pzq "$dir/t.test: 3 passed, 2 failed, 0 skipped \\([0-9.]+s\\)\n3 passed, 2 failed, 0 skipped\n" "$dir/out"
check "nothing on stderr" test ! -s "$dir/err"

"$sluice" slt --quiet "$dir/t.test" >"$dir/quiet" 2>&1
rc=$?
check "--quiet: still exit 1 (got $rc)" test $rc -eq 1
check "--quiet: no failure report" bash -c "! grep -q FAIL '$dir/quiet'"
check "--quiet: the counts" grep -q "^3 passed, 2 failed, 0 skipped$" "$dir/quiet"
"$sluice" slt -q "$dir/t.test" >"$dir/q" 2>&1
check "-q prints what --quiet prints (but the time)" diff <(sed 's/([0-9.]*s)//' "$dir/q") <(sed 's/([0-9.]*s)//' "$dir/quiet")

"$sluice" slt "$dir/missing.test" >"$dir/out" 2>&1
rc=$?
check "a missing file exits 1 (got $rc) and says why" grep -q "missing.test: cannot open: No such file or directory" "$dir/out"
check "a missing file counts as a failure" grep -q "^0 passed, 1 failed, 0 skipped$" "$dir/out"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
