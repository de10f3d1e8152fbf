#!/bin/sh
# sum_reducer.sh with two pauses, so that the job's status lines show the
# reduce phase part-way (after 300,000 bytes of input) and after all of its
# input has been read.
{ head -c 300000; sleep 1; cat; } | "$(dirname "$0")/sum_reducer.sh" && sleep 1
