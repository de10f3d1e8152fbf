#!/usr/bin/env bash
# mr_orphan.sh SLUICE_BINARY
# A streaming mapper that leaves a background child holding its stdout open
# (`(sleep N &) ; cat`, `sleep N & exec cat`) once hung its attempt until
# --task-timeout (10 minutes by default), and the child outlived the job, a
# timeout and Ctrl-C: the process-group kill was skipped once the mapper's
# own process had exited. Each case here must end promptly (within 20 s)
# and leave no process the mapper started alive — even one that left the
# task's process group (setsid) while holding its stdout.
set -uo pipefail
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(mktemp -d)
failures=0
running_job=
# A duration no other process on the machine sleeps for, to find strays.
marker=$((900000 + $$ % 90000))
# kill_ours PIDFILE: kills the recorded processes still running with our
# marker (a pid may have been reused since).
kill_ours() {
  local pid
  while read -r pid; do
    grep -q "$marker" "/proc/$pid/cmdline" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done <"$1"
}
cleanup() {
  [ -n "$running_job" ] && kill -9 "$running_job" 2>/dev/null
  [ -f "$dir/pids" ] && kill_ours "$dir/pids"
  rm -rf "$dir"
}
trap cleanup EXIT
cd "$dir" || exit 1
seq 1 5000 >in.txt
: >pids

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# alive PIDFILE: how many recorded processes still run (zombies are dead).
alive() {
  local n=0 pid state
  while read -r pid; do
    state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)
    if [ -n "$state" ] && [ "$state" != Z ] && grep -q "$marker" "/proc/$pid/cmdline" 2>/dev/null; then
      n=$((n + 1))
    fi
  done <"$1"
  echo "$n"
}

# run_job NAME SECONDS ARGS...: runs the job in the background; gives up
# (kills it) after SECONDS. Sets $rc (124 when it had to be killed).
run_job() {
  local name=$1 limit=$2
  shift 2
  "$sluice" mr run --quiet "$@" --output "$name" 2>"$name.err" &
  local job=$!
  running_job=$job
  local waited=0
  while kill -0 "$job" 2>/dev/null && [ "$waited" -lt $((limit * 10)) ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  if kill -0 "$job" 2>/dev/null; then
    kill -9 "$job" 2>/dev/null
    wait "$job" 2>/dev/null
    rc=124
  else
    wait "$job"
    rc=$?
  fi
  running_job=
}

check_no_orphans() {
  local what=$1
  sleep 0.3  # a killed child's exit is asynchronous
  local n
  n=$(alive pids)
  [ "$n" -eq 0 ] || fail "$what: $n process(es) started by the mapper survived the job"
  kill_ours pids
  : >pids
}

case_number=0
# 1. The job succeeds promptly, with all of its output, and no child lives on.
for mapper in "(sleep $marker & echo \$! >>$dir/pids) ; cat" "sleep $marker & echo \$! >>$dir/pids; exec cat" \
  "setsid sh -c 'echo \$\$ >>$dir/pids; exec sleep $marker' & exec cat"; do
  name=out$((++case_number))
  start=$(date +%s)
  run_job "$name" 20 --mapper "$mapper" --reducer cat --input in.txt --split-size 10K --parallel 2
  took=$(($(date +%s) - start))
  if [ "$rc" -eq 124 ]; then
    fail "mapper '$mapper': the job still ran after 20 s (it waits for the child's stdout)"
  elif [ "$rc" -ne 0 ]; then
    fail "mapper '$mapper': exit $rc: $(cat "$name.err")"
  else
    [ "$(cut -f1 "$name"/part-* | sort -n | cmp - in.txt && echo same)" = same ] \
      || fail "mapper '$mapper': output differs from the input"
    [ "$took" -le 15 ] || fail "mapper '$mapper': took ${took}s"
  fi
  [ -s pids ] || fail "mapper '$mapper': no child recorded"
  check_no_orphans "mapper '$mapper'"
done

# 2. Ctrl-C while the mappers' own processes have exited and their children
# hold the pipes: exit 130 (or 0 when the job beat the signal), no child left.
"$sluice" mr run --quiet --mapper "sleep $marker & echo \$! >>$dir/pids; exec cat" --reducer cat --input in.txt \
  --output int 2>int.err &
job=$!
running_job=$job
for _ in $(seq 1 100); do [ -s pids ] && break; sleep 0.05; done
sleep 0.3
kill -INT "$job"
for _ in $(seq 1 200); do kill -0 "$job" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$job" 2>/dev/null; then
  fail "Ctrl-C: the job still ran 20 s after SIGINT"
  kill -9 "$job"
fi
wait "$job"
rc=$?
running_job=
[ "$rc" -eq 130 ] || [ "$rc" -eq 0 ] || fail "Ctrl-C: exit $rc: $(cat int.err)"
check_no_orphans "Ctrl-C"

# 3. The job kills a task (another one failed): the killed task's children
# go too. Task 0 leaves a child holding stdout; task 1 fails at once.
mapper="if [ \"\$mapreduce_task_partition\" = 0 ]; then sleep $marker & echo \$! >>$dir/pids; exec cat; else exit 3; fi"
run_job killed 20 --mapper "$mapper" --reducer cat --input in.txt --split-size 10K --parallel 2 --max-attempts 1
[ "$rc" -eq 1 ] || fail "a failing task: exit $rc (expected 1): $(cat killed.err)"
check_no_orphans "a task killed because another failed"

# 4. The timeout: a mapper that hangs with a background child.
run_job timeout 20 --mapper "sleep $marker & echo \$! >>$dir/pids; sleep $marker" --reducer cat --input in.txt \
  --task-timeout 1s --max-attempts 1
[ "$rc" -eq 1 ] && grep -q "timed out" timeout.err || fail "hanging mapper: exit $rc: $(cat timeout.err)"
check_no_orphans "a timed-out attempt"

# Nothing with our marker anywhere (a child recorded nowhere, say).
strays=$(pgrep -f "sleep $marker" | wc -l)
[ "$strays" -eq 0 ] || fail "$strays 'sleep $marker' process(es) still running"

if [ "$failures" -ne 0 ]; then
  echo "$failures check(s) failed" >&2
  exit 1
fi
echo "mr orphan checks passed"
