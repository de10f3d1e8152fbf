#!/usr/bin/env bash
# sqltest_cli_test.sh SLUICE: `sluice slt` on .sqltest files -- the expect
# variants, skips, setups, the corpus databases loaded from their dumps
# (pristine for every test), the failure report, --only/--results, and
# --engine sqlite3 agreeing on the same file.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap "rm -rf $dir" EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

# A corpus root: database/ with a dump (and, for sqlite3, the database).
mkdir -p "$dir/root/database" "$dir/root/cases"
cat >"$dir/root/database/testing.sql" <<'S'
BEGIN TRANSACTION;
CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO users VALUES(1,'ann');
INSERT INTO users VALUES(2,'bob');
COMMIT;
S
if [ -x /usr/bin/sqlite3 ]; then /usr/bin/sqlite3 "$dir/root/database/testing.db" <"$dir/root/database/testing.sql"; fi

cat >"$dir/root/cases/mem.sqltest" <<'T'
@database :memory:

setup t {
    CREATE TABLE t(a, b);
    INSERT INTO t VALUES (1, 'x'), (2, NULL);
    SELECT 'setup output is dropped';
}

@setup t
test exact {
    SELECT a, b FROM t ORDER BY a;
}
expect {
    1|x
    2|
}

@setup t
test unordered {
    SELECT a FROM t;
}
expect unordered {
    2
    1
}

test error-substring {
    SELECT * FROM nosuch;
}
expect error {
    no such TABLE: nosuch
}

test pattern {
    SELECT 3 || '.40.1';
}
expect pattern {
    ^3\.\d+\.\d+$
}

test raw {
    SELECT '  a';
}
expect raw {
  a
}

test wrong {
    SELECT 1;
}
expect {
    2
}

@skip "not this one"
test skipped {
    SELECT 1;
}
expect {
    1
}

@skip-if sqlite "Turso-only behaviour"
test skipped-for-sqlite {
    SELECT 1;
}
expect {
    0
}

@backend rust
test other-backend {
    SELECT 1;
}
expect {
    0
}
T

cat >"$dir/root/cases/default.sqltest" <<'T'
@database :default:

test count {
    SELECT count(*) FROM users;
}
expect {
    2
}

test names {
    SELECT name FROM users ORDER BY id;
}
expect {
    ann
    bob
}
T

# A test that writes to a corpus database must leave the next one pristine
# (sluice has no read-only mode; sqlite3 refuses the write, see -readonly).
cat >"$dir/root/cases/writes.sqltest" <<'T'
@database :default:

test write {
    DELETE FROM users;
    SELECT count(*) FROM users;
}
expect {
    0
}

test after-write {
    SELECT count(*) FROM users;
}
expect {
    2
}
T

cd "$dir/root"
"$sluice" slt cases/mem.sqltest >"$dir/out" 2>"$dir/err"
rc=$?
check "a failing file exits 1 (got $rc)" test $rc -eq 1
check "the failure names file:line and the reason" grep -q '^cases/mem.sqltest:48: FAIL: wrong result$' "$dir/out"
check "the failure shows the test, SQL, expected and got" \
  grep -Pzq '  test wrong\n    SELECT 1;\n  expected \(1 lines\):\n    2\n  got \(1 lines\):\n    1\n' "$dir/out"
check "per-file line" grep -Pq '^cases/mem.sqltest: 5 passed, 1 failed, 2 skipped \([0-9.]+s\)$' "$dir/out"
check "total line" grep -q '^5 passed, 1 failed, 2 skipped$' "$dir/out"
check "nothing on stderr" test ! -s "$dir/err"

"$sluice" slt --results "$dir/results" cases/default.sqltest cases/writes.sqltest >"$dir/out" 2>&1
rc=$?
check "the :default: database is loaded from its dump (rc $rc)" test $rc -eq 0
check "a write does not reach the next test" grep -q '^pass cases/writes.sqltest:after-write$' "$dir/results"
check "--results lists every test run by key" \
  test "$(cut -d' ' -f2 "$dir/results" | tr '\n' ' ')" = \
  "cases/default.sqltest:count cases/default.sqltest:names cases/writes.sqltest:write cases/writes.sqltest:after-write "

printf 'cases/mem.sqltest:exact\ncases/mem.sqltest:wrong\n' >"$dir/only"
"$sluice" slt --quiet --only "$dir/only" cases >"$dir/out" 2>&1
check "--only runs the listed tests only, over a directory" grep -q '^1 passed, 1 failed, 0 skipped$' "$dir/out"
check "--quiet leaves the report out" bash -c "! grep -q ': FAIL' '$dir/out'"

printf '@database :memory:\ntest t {\n SELECT 1;\n' >"$dir/root/cases/bad.sqltest"
"$sluice" slt cases/bad.sqltest >"$dir/out" 2>&1
rc=$?
check "an unparsable file is a failure naming the line (rc $rc)" \
  grep -q '^cases/bad.sqltest: FAIL: not a valid .sqltest file: line 2: unterminated { block$' "$dir/out"
rm "$dir/root/cases/bad.sqltest"

# A runaway test is interrupted at --test-timeout and fails; the run goes on.
cat >"$dir/root/cases/slow.sqltest" <<'T'
@database :memory:

test runaway {
    CREATE TABLE t(a);
    INSERT INTO t VALUES (1);
    INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t;
    INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t;
    INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t; INSERT INTO t SELECT a FROM t;
    INSERT INTO t SELECT a FROM t;
    SELECT count(*) FROM t x, t y, t z, t w;
}
expect {
    1
}

test next {
    SELECT 1;
}
expect {
    1
}
T
start=$SECONDS
"$sluice" slt --test-timeout 1 cases/slow.sqltest >"$dir/out" 2>&1
check "a runaway test is interrupted (took $((SECONDS - start)) s)" grep -q 'interrupted (9)' "$dir/out"
check "the run goes on after it" grep -q '^1 passed, 1 failed, 0 skipped$' "$dir/out"
rm "$dir/root/cases/slow.sqltest"

"$sluice" slt --engine sqlite3 "$dir/x.test" >"$dir/out" 2>&1
rc=$?
check "--engine sqlite3 refuses sqllogictest files (rc $rc)" test $rc -eq 2

if [ -x /usr/bin/sqlite3 ]; then
  "$sluice" slt --engine sqlite3 --results "$dir/r3" cases/mem.sqltest cases/default.sqltest cases/writes.sqltest \
    >"$dir/out3" 2>&1
  check "sqlite3: same counts on the memory file" grep -q '^cases/mem.sqltest: 5 passed, 1 failed, 2 skipped' "$dir/out3"
  check "sqlite3: the :default: database file, read-only" grep -q '^fail cases/writes.sqltest:write$' "$dir/r3"
  check "sqlite3: the readonly error is reported" grep -q 'attempt to write a readonly database' "$dir/out3"
  check "sqlite3: reads pass" grep -q '^pass cases/default.sqltest:names$' "$dir/r3"
fi

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
