#!/bin/sh
# Word-count mapper: one "word<TAB>1" line per space-separated word.
LC_ALL=C exec awk '{ for (i = 1; i <= NF; i++) print $i "\t1" }'
