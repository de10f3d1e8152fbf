#!/bin/sh
# A word-count mapper that fails: every task's first attempt dies halfway
# through its input after emitting some pairs; later attempts fail at random
# (exit 1 or SIGKILL) except the 4th, which always succeeds.
attempt=${mapreduce_task_attempt_id##*_}
if [ "$attempt" -lt 3 ]; then
  r=$(awk -v s="$$" 'BEGIN { srand(s); print int(rand() * 3) }')
  if [ "$attempt" -eq 0 ] || [ "$r" -eq 0 ]; then
    head -n 5 | LC_ALL=C awk '{ for (i = 1; i <= NF; i++) print $i "\t1" }'
    echo "flaky mapper: failing attempt $attempt on purpose" >&2
    exit 1
  fi
  if [ "$r" -eq 1 ]; then
    head -n 3 >/dev/null
    kill -9 $$
  fi
fi
exec "$(dirname "$0")/wc_mapper.sh"
