#!/usr/bin/env bash
# interrupt_test.sh SLUICE: Ctrl-C (SIGINT) and SIGTERM stop a job: its
# tasks' processes are killed, the partial output is removed, exit 130.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
corpus 2000 >in.txt

for sig in INT TERM; do
  pids=$WORK/pids.$sig
  : >"$pids"
  "$SLUICE" mr run --mapper "$PROGS/sleep_mapper.sh $pids" --reducer cat --input in.txt --split-size 10K \
    --parallel 2 --output out.$sig 2>err.$sig &
  job=$!
  for _ in $(seq 1 500); do [ "$(wc -l <"$pids")" -ge 2 ] && break; sleep 0.02; done
  [ "$(wc -l <"$pids")" -ge 2 ] || fail "SIG$sig: the mappers did not start"
  [ -d out.$sig/_temporary ] && ok "SIG$sig: the job is running" || fail "SIG$sig: no _temporary while running"
  kill -$sig $job
  wait $job
  rc=$?
  [ $rc -eq 130 ] && ok "SIG$sig: exit 130" || { fail "SIG$sig: exit $rc"; cat err.$sig; }
  grep -q "interrupted" err.$sig && ok "SIG$sig: says interrupted" || fail "SIG$sig: message: $(cat err.$sig)"
  [ ! -e out.$sig ] && ok "SIG$sig: partial output removed" || fail "SIG$sig: left $(find out.$sig)"
  alive=0
  while read -r pid; do
    if kill -0 "$pid" 2>/dev/null && [ "$(awk '{print $3}' /proc/$pid/stat 2>/dev/null)" != Z ]; then alive=$((alive + 1)); fi
  done <"$pids"
  [ $alive -eq 0 ] && ok "SIG$sig: the mappers were killed" || fail "SIG$sig: $alive mapper(s) still running"
done
# A closed stderr (the reader of a status pipe went away) does not stop the
# job half-way: sluice ignores SIGPIPE, finishes and cleans up.
seq 1 2000 >small.txt
"$SLUICE" mr run --mapper "sh -c 'sleep 1; cat'" --reducer cat --input small.txt --output piped \
  --status-interval 100ms 2>&1 | head -1 >/dev/null
rc=${PIPESTATUS[0]}
[ $rc -eq 0 ] && [ -f piped/_SUCCESS ] && [ ! -e piped/_temporary ] && ok "closed stderr: the job completes" \
  || fail "closed stderr: exit $rc, left $(ls -A piped 2>&1)"
finish
