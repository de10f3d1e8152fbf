#!/bin/sh
# Sums the values of each key of sorted "key<TAB>n" lines.
LC_ALL=C exec awk -F '\t' '
  $1 != key { if (NR > 1) print key "\t" sum; key = $1; sum = 0 }
  { sum += $2 }
  END { if (NR > 0) print key "\t" sum }'
