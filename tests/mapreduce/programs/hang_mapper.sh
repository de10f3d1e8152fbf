#!/bin/sh
# Hangs (without reading all its input) on the first attempt of task 0;
# behaves as the word-count mapper otherwise.
if [ "$mapreduce_task_attempt_id" = "attempt_local_0001_m_000000_0" ]; then
  head -n 1 >/dev/null
  exec sleep 600
fi
exec "$(dirname "$0")/wc_mapper.sh"
