#!/usr/bin/env bash
# cannot_run_test.sh SLUICE: a mapper, reducer or combiner that cannot run
# at all (sh's status 127 or 126, a script without #!, a missing script of
# an interpreter) fails its task at once — no retries, which would only
# fail the same way — with a hint at the cause; an ordinary failure is
# still retried.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
corpus 3000 >in.txt

# cannot NAME PATTERN ARGS...: the job fails (exit 1) without a second
# attempt of any task, and its message matches PATTERN.
cannot() {
  local name=$1 pattern=$2
  shift 2
  mr "$name" "$@" --input in.txt --split-size 10K --max-attempts 4
  if [ "$rc" -ne 1 ]; then
    fail "$name: exit $rc (expected 1)"
    cat "$name.err"
  elif ! grep -q "failed (not retried)" "$name.err" || ! grep -Eq -- "$pattern" "$name.err"; then
    fail "$name: message"
    cat "$name.err"
  elif grep -q "_00000[0-9]_1" "$name.err" || ls "$name/_logs" 2>/dev/null | grep -q "_1\.log$"; then
    fail "$name: a task was retried"
  else
    ok "$name: fails at once with: $(grep -Eo -- "$pattern" "$name.err" | head -1)"
  fi
}

cannot missing "'./mapper.py' does not exist in $WORK" --mapper ./mapper.py --reducer cat
printf '#!/usr/bin/env python3\nimport sys\nfor line in sys.stdin:\n    print(line, end="")\n' >mapper.py
chmod +x mapper.py
cannot not_on_path "'mapper.py' is not on the tasks' PATH, but $WORK/mapper.py exists: write ./mapper.py" \
  --mapper mapper.py --reducer cat
chmod -x mapper.py
cannot not_executable "'./mapper.py' is not executable: chmod \+x ./mapper.py" --mapper ./mapper.py --reducer cat
cannot shipped_not_executable "'mapper.py' \(.*\) is not executable: chmod \+x mapper.py" \
  --file mapper.py --mapper mapper.py --reducer cat
printf 'import sys\nfor line in sys.stdin:\n    print(line, end="")\n' >noshebang.py
chmod +x noshebang.py
cannot no_shebang "'./noshebang.py' has no #! line, so /bin/sh ran it as a shell script" --mapper ./noshebang.py \
  --reducer cat
printf '#!/usr/bin/env python3\r\nimport sys\r\n' >dos.py
chmod +x dos.py
cannot dos_line_endings "ends in a carriage return \(DOS line endings\)" --mapper ./dos.py --reducer cat
cannot missing_script "'nothere.py' does not exist in $WORK, so python3 could not open it" \
  --mapper "python3 -u nothere.py" --reducer cat
cannot missing_reducer "task_local_0001_r_00000[01] failed \(not retried\).*'./reducer.sh' does not exist" \
  --mapper cat --reducer ./reducer.sh --reducers 2
cannot missing_combiner "combiner exited with status 127; the command cannot run: 'no-such-combiner' is not on" \
  --mapper "$PROGS/wc_mapper.sh" --combiner no-such-combiner --reducer "$PROGS/sum_reducer.sh"
cannot generic_127 "a command it ran was not found" --mapper "cat | no-such-filter" --reducer cat

# An ordinary failure is still retried.
mr ordinary --mapper "cat >/dev/null; exit 1" --reducer cat --input in.txt --max-attempts 3
[ "$rc" -eq 1 ] && grep -q "failed after 3 attempt(s)" ordinary.err && ! grep -q "not retried" ordinary.err \
  && ok "an ordinary failure is retried" || { fail "ordinary failure"; cat ordinary.err; }
finish
