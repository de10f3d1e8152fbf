#!/usr/bin/env bash
# slt_dir.sh SLUICE: `sluice slt DIR` once read the directory as an empty
# test file and reported "0 passed, 0 failed, 0 skipped" with exit 0 --
# whatever the directory held, even failing tests. A directory must stand
# for the test files beneath it, and one holding none must be refused.
set -uo pipefail
sluice=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
broke=0
fail() { echo "slt_dir: $*" >&2; broke=1; }

mkdir -p "$dir/suite/nested" "$dir/empty" "$dir/notests"
printf 'statement ok\nCREATE TABLE t(x)\n\nquery I nosort\nSELECT 1\n----\n1\n' >"$dir/suite/pass.test"
printf 'query I nosort\nSELECT 1\n----\n2\n' >"$dir/suite/nested/fail.test"
echo "not a test" >"$dir/notests/README.md"

# A failing test two levels down fails the run and is reported.
out=$("$sluice" slt "$dir/suite" 2>&1); rc=$?
[ $rc -eq 1 ] || fail "slt on a directory with a failing test exited $rc, want 1: $out"
grep -q "nested/fail.test:1: FAIL" <<<"$out" || fail "the failure in nested/fail.test is not reported: $out"
grep -q "^2 passed, 1 failed, 0 skipped$" <<<"$out" || fail "want 2 passed, 1 failed in total: $out"

# Only passing tests: exit 0 with the records really run.
rm "$dir/suite/nested/fail.test"
out=$("$sluice" slt "$dir/suite" 2>&1); rc=$?
[ $rc -eq 0 ] && grep -q "^2 passed, 0 failed, 0 skipped$" <<<"$out" || fail "passing directory: exit $rc: $out"

# Nothing to run: refused with a message, never "0 passed, 0 failed" and 0.
for d in empty notests; do
  out=$("$sluice" slt "$dir/$d" 2>&1 >/dev/null); rc=$?
  [ $rc -ne 0 ] || fail "slt on a directory without tests ($d) succeeded"
  grep -q "$dir/$d.*no test file" <<<"$out" || fail "slt on $d: no message naming it on stderr: $out"
done
exit $broke
