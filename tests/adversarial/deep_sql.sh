#!/usr/bin/env bash
# deep_sql.sh SLUICE_BINARY
# A chain of 3,000 WITH tables overflowed the stack while binding (the
# parser bounds one statement's nesting, but views and WITH tables compose
# queries), a view chain deeper than 64 was called "circularly defined",
# and 200 nested queries each joining 64 tables made a plan 12,800 deep
# whose filter push-down overflowed the stack. Now each gives a clear
# error naming its limit or the right answer, never a crash (exit
# 134/139), a hang or "circular". The limits: sqlite3's parser stack
# ("parser stack overflow") and expression depth ("Expression tree is too
# large (maximum depth 1000)"), 1000 nested views, WITH tables and
# subqueries ("... nested too deeply (maximum depth 1000)", where sqlite3
# answers a CTE or view chain), 2000 tables in nested FROM clauses. Chains
# within the limits still answer.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
# An AddressSanitizer build needs several times a release build's stack
# for the same depth (larger frames, redzones): give it 8x the usual 8 MB,
# so that the depth limits are what is tested, not ASan's frame sizes.
if ldd "$sluice" 2>/dev/null | grep -q libasan || grep -qa __asan_init "$sluice"; then
  ulimit -s $((8 * 8192)) 2>/dev/null || true
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "deep_sql: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

python3 - <<'PY'
def cte(n):
    parts = ["c0 AS (SELECT 1 AS x)"] + [f"c{i} AS (SELECT x + 1 AS x FROM c{i - 1})" for i in range(1, n)]
    return "WITH " + ", ".join(parts) + f" SELECT x FROM c{n - 1};\n"
def views(n):
    body = ["BEGIN;", "CREATE VIEW v0 AS SELECT 1 AS x;"]
    body += [f"CREATE VIEW v{i} AS SELECT x + 1 AS x FROM v{i - 1};" for i in range(1, n)]
    return "\n".join(body + ["COMMIT;"]) + "\n"
def subqueries(n):
    return "SELECT x FROM " + "(SELECT x + 1 AS x FROM " * (n - 1) + "(SELECT 1 AS x)" + ")" * (n - 1) + ";\n"
def joins(n):  # n nested queries, each joining 64 tables
    q = "SELECT 1 AS x"
    for _ in range(n):
        q = "SELECT s.x + 1 AS x FROM " + ", ".join(f"t t{j}" for j in range(1, 64)) + f", ({q}) s WHERE t1.a = 1"
    return q
for name, text in {
    "cte3000": cte(3000), "cte900": cte(900),
    "views3000": views(3000), "views900": views(900),
    "sub3000": subqueries(3000), "sub100": subqueries(100),
    "paren": "SELECT " + "(" * 100000 + "1" + ")" * 100000 + ";\n",
    "plus": "SELECT " + "+".join(["1"] * 100000) + ";\n",
    "joins": "CREATE TABLE t(a); INSERT INTO t VALUES(1);\n" + joins(200) + ";\n",
    "plus900": "SELECT " + "+".join(["1"] * 900) + ";\n",
    "neg": "SELECT " + "- " * 100000 + "1;\n",
    "case": "SELECT " + "CASE WHEN 1 THEN " * 100000 + "1" + " END" * 100000 + ";\n",
    "func": "SELECT " + "abs(" * 100000 + "1" + ")" * 100000 + ";\n",
}.items():
    open(name + ".sql", "w").write(text)
PY

# run NAME DB SQL_FILE: sluice under a 30 s timeout; sets status, out, err.
run() {
  timeout 30 "$sluice" sql "$2" <"$3" >out 2>err
  status=$?
  case $status in
    124) fail "$1: hung (killed after 30 s)" ;;
    134 | 136 | 137 | 139) fail "$1: crashed (exit status $status): $(head -c 300 err)" ;;
  esac
  if grep -qi "circular" err; then fail "$1: called circular: $(head -c 300 err)"; fi
}
# deep NAME ANSWER SQL_FILE ERROR: the right answer, or exit 1 with an
# error matching the extended regular expression ERROR.
deep() {
  run "$1" :memory: "$3"
  [ "$status" -eq 124 ] && return
  if [ "$status" -eq 0 ]; then
    [ "$(cat out)" = "$2" ] && [ ! -s err ] || fail "$1: wrong answer '$(head -c 200 out)' / '$(head -c 200 err)', want $2"
  else
    [ "$status" -eq 1 ] || fail "$1: exit status $status"
    grep -qE "$4" err || fail "$1: stderr '$(head -c 300 err)', want an error with '$4'"
  fi
}
depth="nested too deeply \(maximum depth 1000\)"
tree="Expression tree is too large \(maximum depth 1000\)"
stack="parser stack overflow"
deep "3000 chained CTEs" 3000 cte3000.sql "$depth"
# (sqlite3's parser stack overflows from 30 nested subqueries on.)
deep "3000 nested subqueries" 3000 sub3000.sql "$depth|$stack"
deep "200 nested 64-table joins" 201 joins.sql "joins nested too deeply|$depth|$stack"
deep "100k parentheses" 1 paren.sql "$stack"
deep "1+1+...+1 (100k terms)" 100000 plus.sql "$tree"
deep "100k unary minus" 0 neg.sql "$stack|$tree"
deep "100k nested CASE" 1 case.sql "$stack|$tree"
deep "100k nested abs()" 1 func.sql "$stack|$tree"

# Where sqlite3 says exactly this, so must we.
if command -v sqlite3 >/dev/null; then
  for f in paren plus; do
    want=$(sqlite3 :memory: <$f.sql 2>&1)
    got=$(timeout 30 "$sluice" sql :memory: <$f.sql 2>&1)
    [ "$got" = "$want" ] || fail "$f.sql: sluice says '$got', sqlite3 '$want'"
  done
fi

# Within the limits: right answers.
deep "900 chained CTEs" 900 cte900.sql "(none)"
deep "100 nested subqueries" 100 sub100.sql "(none)"
deep "1+...+1 (900 terms)" 900 plus900.sql "(none)"

# 3000 chained views, created in one transaction (one schema commit each
# would be 3000 checkpoints, each with its fsyncs, as slow as sqlite3's
# 3000 journal commits): every CREATE VIEW succeeds (the schema is not too
# deep, and not circular); querying the deepest is answered or refused
# with the depth error; the database reopens (schema loading does not
# recurse through the chain) and a shallow view still answers.
run "creating 3000 chained views" views.db views3000.sql
[ "$status" -eq 0 ] && [ ! -s err ] || fail "creating 3000 chained views: exit status $status, '$(head -c 300 err)'"
echo "SELECT x FROM v2999;" >q_deep.sql
run "selecting the 3000th view" views.db q_deep.sql
if [ "$status" -eq 0 ]; then
  [ "$(cat out)" = 3000 ] || fail "selecting the 3000th view: '$(head -c 200 out)'"
else
  grep -qE "$depth" err || fail "selecting the 3000th view: exit $status, '$(head -c 300 err)'"
fi
echo "SELECT x FROM v899; SELECT count(*) FROM sqlite_schema WHERE type = 'view';" >q_shallow.sql
run "selecting the 900th view" views.db q_shallow.sql
[ "$status" -eq 0 ] && [ "$(cat out | tr '\n' ' ')" = "900 3000 " ] ||
  fail "selecting the 900th view: exit $status, '$(head -c 200 out)' / '$(head -c 200 err)'"
echo "SELECT x FROM v899;" >>views900.sql
run "900 views in memory" :memory: views900.sql
[ "$status" -eq 0 ] && [ "$(cat out)" = 900 ] || fail "900 views in memory: '$(head -c 200 out)' / '$(head -c 200 err)'"
exit $((failures > 0))
