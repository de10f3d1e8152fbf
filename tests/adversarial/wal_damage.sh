#!/usr/bin/env bash
# wal_damage.sh SLUICE_BINARY
# Damaged database files must never lose committed transactions in
# silence. A log damaged before valid records, or in its header, once made
# sluice ignore everything from the damage on, say `ok` to PRAGMA
# integrity_check, and fold what it had read into a new image at close
# (resetting the log: the loss became permanent); an image truncated to 0
# bytes opened as a new empty database over its log. Now: a torn last
# record is still ignored (a crash mid-append, as in SQLite), any other
# damage (a log cut short included) is reported on open and by
# integrity_check, the database is read-only, and the log stays as it was
# with a copy in DB-wal.corrupt; an empty or truncated image next to its
# log is refused.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
writer=
trap '[ -n "$writer" ] && kill -9 "$writer" 2>/dev/null; rm -rf "$dir"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

rows=6
# Each insert below is one committed transaction, one record in the log.
# The writer is killed (not closed: a clean close folds the log into the
# image) once it has printed "ready", i.e. after every commit.
make_db() {
  local db=$1
  rm -f "$dir/in" "$dir/writer.out"
  mkfifo "$dir/in"
  "$sluice" sql "$db" <"$dir/in" >"$dir/writer.out" 2>&1 &
  writer=$!
  exec 3>"$dir/in"  # kept open: at end of input the shell would close the database
  {
    echo "create table t(a integer primary key, b text);"
    for i in $(seq 1 $rows); do echo "insert into t values ($i, 'row $i');"; done
    echo "select 'ready';"
  } >&3
  for _ in $(seq 1 400); do
    grep -q ready "$dir/writer.out" 2>/dev/null && break
    sleep 0.05
  done
  kill -9 "$writer" 2>/dev/null
  wait "$writer" 2>/dev/null
  writer=
  exec 3>&-
  grep -q ready "$dir/writer.out" || fail "the writer did not get ready: $(cat "$dir/writer.out")"
}

# Offsets of the log's records: a 32-byte header, then blocks of a 25-byte
# header (stored_len: little-endian u64 first) and stored_len bytes.
record_offsets() {
  python3 - "$1" <<'PY'
import struct, sys
data = open(sys.argv[1], "rb").read()
pos = 32
while pos + 25 <= len(data):
    n = struct.unpack_from("<Q", data, pos)[0]
    if n == 0:
        break
    print(pos)
    pos += 25 + n
PY
}

flip_byte() {  # file offset
  python3 - "$1" "$2" <<'PY'
import sys
path, at = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    if at >= f.seek(0, 2):
        sys.exit(f"{path} has no byte {at} any more")
    f.seek(at)
    b = f.read(1)
    f.seek(at)
    f.write(bytes([b[0] ^ 0x10]))
PY
}

# --- a record in the middle of the log: reported, read-only, kept --------
db=$dir/middle.db
make_db "$db"
mapfile -t at < <(record_offsets "$db-wal")
[ "${#at[@]}" -eq "$rows" ] || fail "expected $rows log records, found ${#at[@]}"
flip_byte "$db-wal" $((at[2] + 30))
cp "$db-wal" "$dir/damaged-wal"
out=$("$sluice" sql "$db" "select count(*) from t;" 2>"$dir/err")
grep -q "Warning: $db-wal: database disk image is malformed: record at offset ${at[2]}" "$dir/err" ||
  fail "no warning naming $db-wal and offset ${at[2]} on open: $(cat "$dir/err")"
[ "$out" = 2 ] || fail "expected the 2 rows before the damage, got: $out"
check=$("$sluice" sql "$db" "pragma integrity_check;" 2>/dev/null)
[ "$check" != ok ] && grep -q -- "-wal" <<<"$check" ||
  fail "integrity_check does not report the damaged log: $check"
err=$("$sluice" sql "$db" "insert into t values (100, 'new');" 2>&1)
rc=$?
[ $rc -ne 0 ] && grep -q "database disk image is malformed" <<<"$err" ||
  fail "a write to a database with a damaged log did not fail (rc $rc): $err"
"$sluice" sql "$db" "pragma wal_checkpoint; vacuum;" >/dev/null 2>&1
cmp -s "$db-wal" "$dir/damaged-wal" || fail "the damaged log was changed (reset or overwritten)"
cmp -s "$db-wal.corrupt" "$dir/damaged-wal" || fail "no copy of the damaged log in $db-wal.corrupt"
# The committed rows after the damage are still in the log: undoing the
# flip gives all of them back.
flip_byte "$db-wal" $((at[2] + 30))
out=$("$sluice" sql "$db" "select count(*), sum(a) from t;" 2>"$dir/err")
[ "$out" = "$rows|21" ] || fail "after repairing the byte expected $rows|21, got: $out $(cat "$dir/err")"

# --- the log header: the whole log was thrown away ------------------------
db=$dir/header.db
make_db "$db"
flip_byte "$db-wal" 5
cp "$db-wal" "$dir/damaged-wal"
out=$("$sluice" sql "$db" "select count(*) from t;" 2>"$dir/err")
grep -q "Warning: $db-wal: database disk image is malformed: log header" "$dir/err" ||
  fail "no warning for a damaged log header: $(cat "$dir/err")"
err=$("$sluice" sql "$db" "insert into t values (100, 'new');" 2>&1) && fail "a write after a damaged log header succeeded"
check=$("$sluice" sql "$db" "pragma integrity_check;" 2>/dev/null)
[ "$check" != ok ] || fail "integrity_check says ok with a damaged log header"
cmp -s "$db-wal" "$dir/damaged-wal" || fail "the log with a damaged header was reset"
cmp -s "$db-wal.corrupt" "$dir/damaged-wal" || fail "no copy of the log with a damaged header"
flip_byte "$db-wal" 5
out=$("$sluice" sql "$db" "select count(*) from t;" 2>&1)
[ "$out" = "$rows" ] || fail "after repairing the header expected $rows rows, got: $out"

# --- a log cut short (truncated inside a record) ---------------------------
db=$dir/cut.db
make_db "$db"
mapfile -t at < <(record_offsets "$db-wal")
truncate -s $((at[3] + 10)) "$db-wal"
cp "$db-wal" "$dir/damaged-wal"
out=$("$sluice" sql "$db" "select count(*) from t;" 2>"$dir/err")
grep -q "Warning: $db-wal: database disk image is malformed: the log is cut short at offset $((at[3] + 10))" "$dir/err" ||
  fail "no warning for a log cut short: $(cat "$dir/err")"
[ "$out" = 3 ] || fail "a log cut inside its 4th record: expected 3 rows, got: $out"
check=$("$sluice" sql "$db" "pragma integrity_check;" 2>/dev/null)
[ "$check" != ok ] || fail "integrity_check says ok for a log cut short"
"$sluice" sql "$db" "insert into t values (100, 'new');" >/dev/null 2>&1 && fail "a write after a log cut short succeeded"
cmp -s "$db-wal" "$dir/damaged-wal" || fail "the log cut short was changed"

# --- a torn last record (a crash mid-append) is not an error ---------------
# The log is grown with zeros ahead of its records: the end of a torn
# record is zeros, the file keeps its size.
db=$dir/torn.db
make_db "$db"
mapfile -t at < <(record_offsets "$db-wal")
last=${at[$((rows - 1))]}
python3 - "$db-wal" $((last + 30)) <<'PY'
import sys
path, at = sys.argv[1], int(sys.argv[2])
with open(path, "r+b") as f:
    f.seek(at)
    f.write(bytes(200))
PY
out=$("$sluice" sql "$db" "select count(*) from t; pragma integrity_check;" 2>"$dir/err")
[ "$out" = "$((rows - 1))"$'\n'"ok" ] || fail "a torn tail: expected $((rows - 1)) rows and ok, got: $out"
[ ! -s "$dir/err" ] || fail "a torn tail gave a warning: $(cat "$dir/err")"
"$sluice" sql "$db" "insert into t values (100, 'new');" || fail "a write after a torn tail failed"
out=$("$sluice" sql "$db" "select count(*) from t;" 2>&1)
[ "$out" = "$rows" ] || fail "after cutting a torn tail expected $rows rows, got: $out"
[ ! -e "$db-wal.corrupt" ] || fail "a torn tail was taken for damage"

# --- an image truncated to 0 bytes, or cut short, next to its log ----------
for keep in 0 7 40; do
  db=$dir/image-$keep.db
  make_db "$db"
  cp "$db-wal" "$dir/kept-wal"
  truncate -s "$keep" "$db"
  err=$("$sluice" sql "$db" "select count(*) from t;" 2>&1)
  rc=$?
  [ $rc -ne 0 ] || fail "an image cut to $keep bytes opened: $err"
  grep -q "$db: database disk image is malformed\|$db: database file is truncated" <<<"$err" ||
    fail "an image cut to $keep bytes: no clear error naming it: $err"
  "$sluice" sql "$db" "create table u(x); insert into u values (1);" >/dev/null 2>&1 &&
    fail "a writer started a new database over an image cut to $keep bytes"
  cmp -s "$db-wal" "$dir/kept-wal" || fail "the log of an image cut to $keep bytes was changed"
  [ "$(stat -c %s "$db")" -eq "$keep" ] || fail "the image cut to $keep bytes was replaced"
done

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "wal damage checks passed"
