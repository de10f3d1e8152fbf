#!/usr/bin/env bash
# run_case.sh check|record PROGRAM... -- CASE_DIR NAME [SQL_DIR]
#
# Runs one golden case of the shell: PROGRAM (`sluice sql`, or `sqlite3` when
# recording) with the arguments listed one per line in NAME.args (if any),
# NAME.sql on stdin, in a fresh temporary directory that holds a link
# `data` to tests/shell/data (so .import/.read/.output use relative paths).
#   check:  compares stdout with NAME.expected, stderr with NAME.stderr and
#           the exit status with NAME.status, byte for byte; prints a diff
#           and fails on any difference.
#   record: writes those three files (run it with sqlite3 3.40 to make the
#           goldens: see README.md).
# With SQL_DIR, NAME.sql and NAME.expected are read from there (the chapter
# scripts in ../shared/chapter/sql) and only NAME.stderr / NAME.status from
# CASE_DIR.
set -uo pipefail
mode=$1; shift
program=()
while [ "$1" != "--" ]; do program+=("$1"); shift; done
shift
case_dir=$(cd "$1" && pwd); name=$2
sql_dir=$case_dir
if [ $# -ge 3 ]; then sql_dir=$(cd "$3" && pwd); fi
data_dir=$(cd "$case_dir/../data" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$data_dir" "$work/data"
args=()
if [ -f "$case_dir/$name.args" ]; then
  while IFS= read -r line || [ -n "$line" ]; do args+=("$line"); done <"$case_dir/$name.args"
fi
(cd "$work" && "${program[@]}" "${args[@]}" <"$sql_dir/$name.sql" >"$work/stdout" 2>"$work/stderr")
status=$?
echo "$status" >"$work/status"
if [ "$mode" = record ]; then
  [ "$sql_dir" = "$case_dir" ] && cp "$work/stdout" "$case_dir/$name.expected"
  cp "$work/stderr" "$case_dir/$name.stderr"
  cp "$work/status" "$case_dir/$name.status"
  exit 0
fi
fail=0
for part in expected:stdout stderr:stderr status:status; do
  golden="$case_dir/$name.${part%%:*}"
  [ "$part" = expected:stdout ] && golden="$sql_dir/$name.expected"
  if ! diff -u --label "$name.${part%%:*} (sqlite3)" --label "$name ${part#*:} (sluice)" "$golden" "$work/${part#*:}"; then
    fail=1
  fi
done
if [ $fail -ne 0 ]; then echo "FAIL: $name"; exit 1; fi
echo "ok: $name"
