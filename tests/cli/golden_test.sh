#!/usr/bin/env bash
# golden_test.sh EXPECTED_FILE COMMAND [ARGS...]
# Runs COMMAND and compares its standard output with EXPECTED_FILE byte for
# byte; on a difference prints a unified diff and fails. The command must
# also exit 0.
set -uo pipefail
expected=$1; shift
actual=$(mktemp)
trap 'rm -f "$actual"' EXIT
"$@" >"$actual"
rc=$?
if [ $rc -ne 0 ]; then echo "FAIL: '$*' exited $rc"; exit 1; fi
if ! diff -u "$expected" "$actual"; then echo "FAIL: output of '$*' differs from $expected"; exit 1; fi
echo "ok: $(wc -l <"$actual") lines match $expected"
