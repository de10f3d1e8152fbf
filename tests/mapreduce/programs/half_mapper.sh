#!/bin/sh
# Reads only the first half of its input (100 lines) and exits 0.
head -n 100 | LC_ALL=C awk '{ for (i = 1; i <= NF; i++) print $i "\t1" }'
exit 0
