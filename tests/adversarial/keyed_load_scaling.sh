#!/usr/bin/env bash
# keyed_load_scaling.sh SLUICE_BINARY
# A UNIQUE or PRIMARY KEY table rebuilt its hash index on every statement,
# and an INTEGER PRIMARY KEY below the largest re-sorted the whole table on
# insert, so keyed single-row statements were quadratic: 20k shuffled
# inserts took 39 s (sqlite3: 0.08 s), 200k over 10 minutes. Later a point
# DELETE, or an INSERT OR REPLACE of a taken key or value, still moved
# every later row: about 25 ms each in a 200k-row table.
# This is NOT a timing assertion: it checks the algorithmic behaviour by
# its results. 200k shuffled keys are inserted one row at a time into
# t(k INTEGER PRIMARY KEY, v UNIQUE) in one transaction, then 30k point
# UPDATEs, DELETEs, INSERTs, INSERT OR REPLACEs and lookups run, some
# breaking a UNIQUE constraint on purpose. The output, every error message
# (sqlite3's, with its line), the count, the sums and the final rows must
# be what a model of the table (below, in Python) says, and what sqlite3
# does for the same script. The whole run has `timeout 120` (sluice takes
# about 5 s): a return of the quadratic behaviour fails the script as a
# hang, not as a slow pass.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "keyed_load_scaling: $*" >&2
  failures=$((failures + 1))
}
cd "$dir" || exit 1

# script.sql, and what it must give: want.out (stdout), want.err
# (stderr), want.rows (the final table, "k|v" by k).
python3 - <<'PY'
import random
rnd = random.Random(20261207)
n, ops = 200000, 30000
lines, out, err = [], [], []
def emit(sql):
    lines.append(sql)
def unique_error(col):
    err.append(f"Runtime error near line {len(lines)}: UNIQUE constraint failed: t.{col} (19)")
by_k, by_v = {}, {}
def put(k, v):
    by_k[k] = v
    by_v[v] = k
def drop(k):
    del by_v[by_k.pop(k)]

emit("CREATE TABLE t(k INTEGER PRIMARY KEY, v UNIQUE);")
emit("BEGIN;")
keys = list(range(1, n + 1))
rnd.shuffle(keys)
for i, k in enumerate(keys):
    v = k * 7919 % 1000003  # distinct for distinct k (1000003 is prime)
    emit(f"INSERT INTO t VALUES({k}, {v});")
    put(k, v)
    if i % 20000 == 19999:  # a taken key, then a taken value
        old = rnd.choice(keys[:i])
        emit(f"INSERT INTO t VALUES({old}, -1);")
        unique_error("k")
        emit(f"INSERT INTO t VALUES({n + 1 + i}, {by_k[old]});")
        unique_error("v")
emit("COMMIT;")
emit("SELECT count(*), sum(k), sum(v) FROM t;")
out.append(f"{len(by_k)}|{sum(by_k)}|{sum(by_k.values())}")

emit("BEGIN;")
next_v = 2000000
for _ in range(ops):
    op = rnd.randrange(6)
    k = rnd.randrange(1, n + 3000)
    if op == 0:  # UPDATE to a fresh value, or (1 in 4) to another row's value
        other = rnd.choice(keys)
        if rnd.randrange(4) == 0 and other in by_k:
            v = by_k[other]
        else:
            next_v += 1
            v = next_v
        emit(f"UPDATE t SET v = {v} WHERE k = {k};")
        if k in by_k:
            if v in by_v and by_v[v] != k:
                unique_error("v")
            else:
                drop(k)
                put(k, v)
    elif op == 1:
        emit(f"DELETE FROM t WHERE k = {k};")
        if k in by_k:
            drop(k)
    elif op == 2:  # INSERT: may hit a taken key
        next_v += 1
        emit(f"INSERT INTO t VALUES({k}, {next_v});")
        if k in by_k:
            unique_error("k")
        else:
            put(k, next_v)
    elif op == 3:  # INSERT OR REPLACE: may replace the row of k and the row holding v
        other = rnd.randrange(1, n + 1)
        if rnd.randrange(2) == 0 and other in by_k:
            v = by_k[other]
        else:
            v = next_v + 1
        next_v += 1
        emit(f"INSERT OR REPLACE INTO t VALUES({k}, {v});")
        if k in by_k:
            drop(k)
        if v in by_v:
            drop(by_v[v])
        put(k, v)
    elif op == 4:  # point lookup by key
        emit(f"SELECT v FROM t WHERE k = {k};")
        if k in by_k:
            out.append(str(by_k[k]))
    else:  # point lookup by the UNIQUE value
        v = k * 7919 % 1000003
        emit(f"SELECT k FROM t WHERE v = {v};")
        if v in by_v:
            out.append(str(by_v[v]))
emit("COMMIT;")
emit("SELECT count(*), sum(k), sum(v) FROM t;")
out.append(f"{len(by_k)}|{sum(by_k)}|{sum(by_k.values())}")

open("script.sql", "w").write("\n".join(lines) + "\n")
open("want.out", "w").write("\n".join(out) + "\n")
open("want.err", "w").write("\n".join(err) + "\n")
open("want.rows", "w").write("".join(f"{k}|{by_k[k]}\n" for k in sorted(by_k)))
print(len(err), file=open("want.errors", "w"))
PY
[ -s script.sql ] || { echo "keyed_load_scaling: could not generate the script" >&2; exit 1; }
[ "$(cat want.errors)" -ge 100 ] || fail "the script breaks only $(cat want.errors) constraints: it tests too little"

timeout 120 "$sluice" sql db <script.sql >got.out 2>got.err
status=$?
if [ "$status" -eq 124 ]; then
  fail "200k keyed inserts and 30k point statements did not finish in 120 s (sluice takes ~5 s): keyed statements are quadratic again"
  exit 1
fi
# Errors in a script: exit 1, as sqlite3.
[ "$status" -eq 1 ] || fail "exit status $status, want 1 (the script breaks constraints on purpose)"
cmp -s got.out want.out || fail "stdout differs from the model: $(diff want.out got.out | head -5)"
cmp -s got.err want.err || fail "stderr differs from the model: $(diff want.err got.err | head -5)"
timeout 60 "$sluice" sql db "SELECT k, v FROM t ORDER BY k" >got.rows 2>err || fail "reading the rows back: $(cat err)"
cmp -s got.rows want.rows || fail "the table differs from the model: $(diff want.rows got.rows | head -5)"
[ "$(timeout 60 "$sluice" sql db "PRAGMA integrity_check" 2>&1)" = ok ] || fail "integrity_check fails"
dups=$(timeout 60 "$sluice" sql db "SELECT count(*) FROM (SELECT v FROM t GROUP BY v HAVING count(*) > 1)" 2>&1)
[ "$dups" = 0 ] || fail "$dups duplicated values in the UNIQUE column"

# sqlite3 agrees with the model (so the model is right), when installed.
if command -v sqlite3 >/dev/null; then
  timeout 120 sqlite3 sq.db <script.sql >sq.out 2>sq.err
  cmp -s sq.out want.out && cmp -s sq.err want.err || fail "sqlite3 disagrees with the model: fix this script"
  sqlite3 sq.db "SELECT k, v FROM t ORDER BY k" >sq.rows
  cmp -s sq.rows got.rows || fail "the table differs from sqlite3's"
fi
exit $((failures > 0))
