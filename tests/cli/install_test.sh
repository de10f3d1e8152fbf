#!/usr/bin/env bash
# install_test.sh SLUICE: the set-up of README.md. `make run` builds only
# the binary it runs; `make install` (PREFIX, DESTDIR) puts `sluice` on
# PATH and mr.py in share/sluice, with which the chapter's own command,
# `python3 mr.py run count_vowels_mapper.py sum_reducer.py INPUT OUTPUT`,
# runs the vowel count; `make uninstall` removes both.
set -uo pipefail
sluice=$(realpath "$1")
repo=$(cd "$(dirname "$0")/../.." && pwd)
chapter=$repo/../shared/chapter/mapreduce
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what"; failures=$((failures + 1)); fi
}

# `make run` builds the sluice target, not every test and example (-n:
# print the commands without running them).
make -s -n -C "$repo" run >"$dir/run.cmds" 2>&1
check "make run builds --target sluice" grep -q -- "--build --preset release --target sluice$" "$dir/run.cmds"
check "make run builds nothing else" bash -c "[ \$(grep -c -- '--build' '$dir/run.cmds') -eq 1 ]"
check "make run starts the binary it built" grep -q "^./build/release/sluice sql" "$dir/run.cmds"

# A staged install (-o sluice: the binary under test is installed as is,
# not rebuilt).
make -s -C "$repo" -o sluice install DESTDIR="$dir/stage" PREFIX=/opt/sl SLUICE_BINARY="$sluice" >"$dir/install.log" 2>&1
check "make install succeeds" test $? -eq 0
check "sluice lands in DESTDIR/PREFIX/bin" test -x "$dir/stage/opt/sl/bin/sluice"
check "mr.py lands in DESTDIR/PREFIX/share/sluice" cmp -s "$repo/python/mr.py" "$dir/stage/opt/sl/share/sluice/mr.py"
check "the installed sluice runs" bash -c "'$dir/stage/opt/sl/bin/sluice' --version | grep -q '^sluice '"

# The chapter's command, with nothing but the installed files: sluice found
# on PATH, mr.py copied beside the chapter's mapper and reducer.
mkdir "$dir/job"
cp "$chapter/count_vowels_mapper.py" "$chapter/sum_reducer.py" "$chapter/haiku.txt" "$dir/job/"
cp "$dir/stage/opt/sl/share/sluice/mr.py" "$dir/job/"
(cd "$dir/job" && env -u SLUICE -u PYTHONPATH PATH="$dir/stage/opt/sl/bin:/usr/bin:/bin" \
  python3 mr.py run count_vowels_mapper.py sum_reducer.py haiku.txt out >../mr.out 2>../mr.err)
check "python3 mr.py run ... exits 0" test $? -eq 0 || cat "$dir/mr.err"
check "python3 mr.py run ... counts the vowels" cmp -s "$chapter/haiku.expected" "$dir/job/out/part-00000"
# Without sluice on PATH mr.py says what to do.
(cd "$dir/job" && env -u SLUICE PATH=/usr/bin:/bin python3 mr.py run count_vowels_mapper.py sum_reducer.py haiku.txt out2 \
  >/dev/null 2>"$dir/nosluice.err")
rc=$?
check "without sluice on PATH: exit 2 (got $rc)" test $rc -eq 2
check "without sluice on PATH: make install is named" grep -q "make install" "$dir/nosluice.err"

make -s -C "$repo" uninstall DESTDIR="$dir/stage" PREFIX=/opt/sl >/dev/null 2>&1
check "make uninstall removes sluice" test ! -e "$dir/stage/opt/sl/bin/sluice"
check "make uninstall removes share/sluice" test ! -e "$dir/stage/opt/sl/share/sluice"

[ $failures -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
