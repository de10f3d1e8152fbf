#!/usr/bin/env bash
# savepoint_autocommit.sh SLUICE_BINARY
# A script that brackets its writes with SAVEPOINT ... ROLLBACK TO ...
# RELEASE (as sqlite3 users and ORMs do) once had its SAVEPOINT refused and
# its writes committed one by one in autocommit, so ROLLBACK TO took nothing
# back. On a file database, compared with sqlite3 3.40 on the same script:
#   - the table ends as sqlite3 leaves it, with the same errors;
#   - what ROLLBACK TO took back never reaches the files;
#   - a writer killed with SIGKILL inside a savepoint loses only that
#     uncommitted work, and a RELEASE that committed survives the kill.
set -uo pipefail
sluice=$(realpath "$1")
dir=$(mktemp -d)
writer=
trap '[ -n "$writer" ] && kill -9 "$writer" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# 1. The script, without -bail (errors reported, the script goes on).
cat >"$dir/transfer.sql" <<'SQL'
create table acct(id integer primary key, owner text unique, bal integer);
insert into acct values (1, 'ann', 100), (2, 'bob', 0);
savepoint transfer;
update acct set bal = bal - 70 where id = 1;
update acct set bal = bal + 70 where id = 2;
savepoint audit;
insert into acct values (3, 'ann', 0);
insert into acct values (3, 'cy', 5);
rollback to audit;
rollback to transfer;
update acct set bal = bal - 10 where id = 1;
update acct set bal = bal + 10 where id = 2;
release transfer;
rollback to transfer;
SQL
want_rows=$(cd "$dir" && sqlite3 want.db <transfer.sql 2>want.err; sqlite3 want.db "select * from acct order by id;")
(cd "$dir" && "$sluice" sql got.db <transfer.sql >/dev/null 2>got.err)
got_rows=$("$sluice" sql "$dir/got.db" "select * from acct order by id;" 2>&1)
[ "$got_rows" = "$want_rows" ] || fail "after SAVEPOINT ... ROLLBACK TO ... RELEASE the table holds
$got_rows
sqlite3 leaves
$want_rows"
cmp -s "$dir/want.err" "$dir/got.err" || fail "errors differ from sqlite3's: $(diff "$dir/want.err" "$dir/got.err")"

# 2. What ROLLBACK TO took back is never written: a large insert rolled
#    back inside a savepoint leaves no trace in the database or its -wal.
marker=rolled_back_marker_$$
"$sluice" sql "$dir/got.db" "savepoint big; insert into acct values (4, 'dee', 1);
savepoint inner; create table big(v); insert into big values (1);
$(for _ in $(seq 12); do printf 'insert into big select v + (select count(*) from big) from big;\n'; done)
insert into acct select 100 + v, '$marker' || v, 0 from big;
rollback to inner; release big;" >/dev/null 2>"$dir/err2" || fail "savepoint script: $(cat "$dir/err2")"
for f in "$dir/got.db" "$dir/got.db-wal"; do
  [ -e "$f" ] && grep -q "$marker" "$f" && fail "rows taken back by ROLLBACK TO reached $(basename "$f")"
done
got=$("$sluice" sql "$dir/got.db" "select count(*), max(id) from acct;" 2>&1)
[ "$got" = "3|4" ] || fail "after the released savepoint: $got, expected 3|4"

# 3. SIGKILL between statements. The writer reads a FIFO; `.shell touch`
#    tells us when the statements before it have run.
mkfifo "$dir/in"
"$sluice" sql "$dir/got.db" <"$dir/in" >"$dir/out3" 2>"$dir/err3" &
writer=$!
exec 3>"$dir/in"
cat >&3 <<SQL
savepoint keep;
update acct set bal = 1000 where id = 4;
savepoint drop_me;
update acct set bal = 2000 where id = 4;
rollback to drop_me;
release keep;
savepoint lost;
update acct set bal = -1 where id = 1;
delete from acct where id = 2;
.shell touch $dir/ready
SQL
for _ in $(seq 100); do [ -e "$dir/ready" ] && break; sleep 0.1; done
[ -e "$dir/ready" ] || fail "the writer never ran its statements: $(cat "$dir/err3")"
kill -9 "$writer" 2>/dev/null
wait "$writer" 2>/dev/null
writer=
exec 3>&-
got=$("$sluice" sql "$dir/got.db" "select id, bal from acct order by id;" 2>&1 | tr '\n' ' ')
[ "$got" = "1|90 2|10 4|1000 " ] || fail "after SIGKILL inside a savepoint: '$got', expected '1|90 2|10 4|1000 ' (RELEASE committed, the open savepoint lost)"
check=$("$sluice" sql "$dir/got.db" "pragma integrity_check;" 2>&1)
[ "$check" = ok ] || fail "integrity_check after the kill: $check"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "savepoint checks passed"
