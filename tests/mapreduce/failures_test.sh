#!/usr/bin/env bash
# failures_test.sh SLUICE: fault tolerance. A mapper that fails at random
# still gives the right answer; a hanging mapper is timed out and retried; a
# mapper that reads half its input and exits 0 fails the job; a failed task
# stops the job at once; a job that fails leaves no partial part file; usage
# errors exit 2.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
corpus 20000 >in.txt
reference_counts in.txt >want.txt

mr flaky --mapper "$PROGS/flaky_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt --split-size 60K \
  --reducers 2 --parallel 2
[ "$rc" -eq 0 ] || { fail "flaky mapper: exited $rc"; cat flaky.err; }
parts flaky | sort >got.txt
same want.txt got.txt "randomly failing mapper: still the right answer"
"$SLUICE" mr run --mapper "$PROGS/flaky_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt \
  --split-size 60K --output flaky2 2>flaky2.err
maps=$(grep -o 'Launched map tasks=[0-9]*' flaky2.err | cut -d= -f2)
failed=$(grep -o 'Failed map tasks=[0-9]*' flaky2.err | cut -d= -f2)
[ -n "$maps" ] && [ -n "$failed" ] && [ "$failed" -ge 3 ] && ok "failed attempts counted ($failed of $maps launched)" \
  || { fail "failed attempts not counted"; cat flaky2.err; }
grep -q "attempt attempt_local_0001_m_000000_0 failed: exited with status 1" flaky2.err \
  && ok "each failed attempt is reported" || fail "failed attempt not reported"
ls flaky2/_logs/attempt_local_0001_m_000000_0.log >/dev/null 2>&1 && grep -q "failing attempt 0 on purpose" flaky2/_logs/attempt_local_0001_m_000000_0.log \
  && ok "per-attempt stderr log kept" || fail "no per-attempt log"

mr hang --mapper "$PROGS/hang_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt --split-size 60K \
  --task-timeout 1s
[ "$rc" -eq 0 ] || { fail "hanging mapper: exited $rc"; cat hang.err; }
parts hang | sort >got_hang.txt
same want.txt got_hang.txt "hanging mapper: timed out, retried, right answer"
"$SLUICE" mr run --mapper "$PROGS/hang_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt \
  --split-size 60K --task-timeout 1s --output hang2 2>hang2.err
grep -q "attempt_local_0001_m_000000_0 failed: timed out" hang2.err && ok "the timeout is reported" \
  || { fail "timeout not reported"; cat hang2.err; }

mr half --mapper "$PROGS/half_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt --max-attempts 2
[ "$rc" -eq 1 ] && ok "half-reading mapper that exits 0 fails the job (exit 1)" || fail "half mapper: exit $rc"
grep -q "without reading all of its input" half.err && grep -q "task task_local_0001_m_000000 failed after 2 attempt(s)" half.err \
  && ok "the failure names the task and the reason" || { fail "half mapper message"; cat half.err; }
[ ! -e half ] && ok "no output left behind" || fail "failed job left: $(ls -A half)"

# A task that fails for good stops the job at once, even while a task
# before it (collected first) would run for a long time.
start=$(date +%s)
mr stops --mapper 'if [ "$mapreduce_task_partition" = 0 ]; then sleep 30; fi; cat >/dev/null; exit 5' \
  --reducer cat --input in.txt --split-size 60K --parallel 2 --max-attempts 1
took=$(($(date +%s) - start))
[ "$rc" -eq 1 ] && [ "$took" -lt 15 ] && grep -q "exited with status 5" stops.err \
  && ok "a failed task stops the job at once (${took}s)" || { fail "failed task: exit $rc after ${took}s"; cat stops.err; }

printf '#!/bin/sh\ncat >/dev/null\necho "something broke: line 42" >&2\nexit 3\n' >broken.sh && chmod +x broken.sh
mr broken --mapper "$PROGS/wc_mapper.sh" --reducer ./broken.sh --input in.txt --reducers 2 --max-attempts 3
[ "$rc" -eq 1 ] && ok "reducer failing every attempt fails the job" || fail "broken reducer: exit $rc"
grep -q "exited with status 3" broken.err && grep -q "something broke: line 42" broken.err \
  && ok "message has the exit status and the stderr tail" || { fail "broken message"; cat broken.err; }
if [ -d broken ]; then
  [ -z "$(find broken -name 'part-*')" ] && [ ! -e broken/_SUCCESS ] && [ ! -e broken/_temporary ] \
    && ok "no partial part file, logs kept in broken/_logs" || fail "partial output: $(find broken)"
else
  fail "logs of the failed attempts were not kept"
fi

# Usage and setup errors: exit 2, a message, nothing written.
expect2() {
  local what=$1 pattern=$2; shift 2
  "$SLUICE" mr "$@" >/dev/null 2>err.txt
  local s=$?
  if [ $s -eq 2 ] && grep -Eq -- "$pattern" err.txt; then ok "$what"; else fail "$what (exit $s): $(cat err.txt)"; fi
}
mkdir exists
expect2 "existing output" "already exists" run --mapper cat --reducer cat --input in.txt --output exists
expect2 "missing input" "does not exist: nope.txt" run --mapper cat --reducer cat --input nope.txt --output o1
expect2 "missing mapper" "mapper" run --reducer cat --input in.txt --output o2
expect2 "missing reducer" "no reducer" run --mapper cat --input in.txt --output o3
expect2 "bad size" "sort-memory.*bad size" run --mapper cat --reducer cat --input in.txt --output o4 --sort-memory lots
expect2 "bad timeout" "task-timeout" run --mapper cat --reducer cat --input in.txt --output o5 --task-timeout soon
expect2 "unknown option" "nonsense" run --mapper cat --reducer cat --input in.txt --output o6 --nonsense
expect2 "no subcommand" "missing subcommand" 
expect2 "unknown -D property" "mapreduce.job.name: not a property" run -D mapreduce.job.name=x --mapper cat --reducer cat \
  --input in.txt --output o7
"$SLUICE" mr run -D mapreduce.job.reduces=3 -Dmapreduce.task.timeout=600000 -jobconf mapreduce.map.maxattempts=2 \
  -mapper cat -reducer cat -input in.txt -output dprops --quiet && [ -f dprops/part-00002 ] && [ ! -e dprops/part-00003 ] \
  && ok "-D mapreduce.job.reduces=3 (and other -D / -jobconf properties)" || fail "-D properties"
expect2 "unknown subcommand" "unknown subcommand 'walk'" walk
[ ! -e o1 ] && [ ! -e o2 ] && [ ! -e o4 ] && [ ! -e o7 ] && ok "usage errors write nothing" || fail "usage error wrote output"
touch exists/stale
"$SLUICE" mr run --mapper cat --reducer cat --input in.txt --output exists --overwrite --quiet && [ -f exists/_SUCCESS ] \
  && [ ! -e exists/stale ] && ok "--overwrite replaces the output" || fail "--overwrite"
[ -z "$(ls -A . | grep sluice-)" ] && ok "--overwrite leaves nothing beside the output" || fail "left: $(ls -A | grep sluice-)"
# A failed job under --overwrite keeps the old output whole.
cp -r exists before
"$SLUICE" mr run --mapper false --reducer cat --input in.txt --output exists/ --overwrite --quiet --max-attempts 1 \
  2>/dev/null && fail "a failing mapper succeeded"
diff -r before exists >/dev/null && ok "a failed --overwrite job keeps the old output" || fail "old output lost or changed"
"$SLUICE" mr run --help | grep -q -- "-numReduceTasks" && ok "run --help" || fail "run --help"
finish
