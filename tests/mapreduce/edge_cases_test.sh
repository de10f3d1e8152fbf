#!/usr/bin/env bash
# edge_cases_test.sh SLUICE: map-only jobs, empty input, lines without tabs,
# keys with bytes >= 0x80, one huge key, directories as input.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

# Map-only: one part per split, the mapper's lines in input order, each
# "key<TAB>value" (a line without a tab gets one, as Hadoop writes it).
printf 'b\t1\na\nc\t2\tx\n' >small.txt
mr maponly --mapper cat --input small.txt --reducers 0
[ "$rc" -eq 0 ] || fail "map-only exited $rc"
printf 'b\t1\na\t\nc\t2\tx\n' >want_maponly.txt
same want_maponly.txt maponly/part-00000 "map-only output (no-tab line gets a tab)"
mr none --mapper cat --input small.txt -reducer NONE
same want_maponly.txt none/part-00000 "-reducer NONE is map-only"
corpus 3000 >in.txt
mr maponly2 --mapper cat --input in.txt --reducers 0 --split-size 20K --parallel 3
n=$(ls maponly2 | grep -c part-)
[ "$n" -gt 1 ] && ok "map-only: $n part files, one per split" || fail "map-only: $n part files"
sed 's/$/\t/' in.txt >want_cat.txt
parts maponly2 >got_cat.txt
same want_cat.txt got_cat.txt "map-only parts in order = input"

# Empty input: the map task runs, the reducer runs on nothing: an empty
# part-00000 and _SUCCESS.
: >empty.txt
mr empty --mapper "$PROGS/wc_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input empty.txt
[ "$rc" -eq 0 ] && [ -f empty/part-00000 ] && [ ! -s empty/part-00000 ] && [ -f empty/_SUCCESS ] \
  && ok "empty input: empty part-00000 and _SUCCESS" || fail "empty input (rc $rc): $(ls empty 2>&1)"

# Lines without tabs are all key; the reducer sees "key<TAB>" lines, sorted.
printf 'pear\napple\npear\n\nfig\n' >notab.txt
mr notab --mapper cat --reducer cat --input notab.txt
printf '\t\napple\t\nfig\t\npear\t\npear\t\n' >want_notab.txt
same want_notab.txt notab/part-00000 "lines without tabs: all key, empty value"

# Keys with bytes >= 0x80 sort as unsigned bytes and partition as Hadoop's.
printf '\xc3\xa9t\xc3\xa9\t1\nzebra\t1\n\xff\t1\nalpha\t1\n\x80\t1\n\xc3\xa9t\xc3\xa9\t1\nZ\t1\n' >high.txt
mr high1 --mapper cat --reducer "$PROGS/sum_reducer.sh" --input high.txt
printf 'Z\t1\nalpha\t1\nzebra\t1\n\x80\t1\n\xc3\xa9t\xc3\xa9\t2\n\xff\t1\n' >want_high.txt
same want_high.txt high1/part-00000 "bytes >= 0x80: unsigned byte order"
corpus 5000 >in5.txt
mr high4 --mapper "$PROGS/wc_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in5.txt --reducers 4
python3 "$HERE/check_partitions.py" high4 4 && ok "UTF-8 keys in Hadoop's partitions, sorted" || fail "partitions of UTF-8 keys"

# One huge key (3 MiB), bigger than the sort buffer of --sort-memory 1M.
python3 -c "import sys; sys.stdout.write('k' * (3 << 20) + '\tbig\nsmall\tx\n')" >huge.txt
mr huge --mapper cat --reducer cat --input huge.txt --sort-memory 1M
[ "$rc" -eq 0 ] || { fail "huge key exited $rc"; cat huge.err; }
python3 -c "import sys; sys.stdout.write('k' * (3 << 20) + '\tbig\nsmall\tx\n')" >want_huge.txt
same want_huge.txt huge/part-00000 "one huge key survives sort, spill and merge"

# A directory as input: its files in name order, hidden and _ files skipped.
mkdir indir && printf 'x y\n' >indir/a.txt && printf 'y\n' >indir/b.txt && printf 'junk\n' >indir/_ignored && printf 'junk\n' >indir/.hidden
mr fromdir --mapper "$PROGS/wc_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input indir
printf 'x\t1\ny\t2\n' >want_dir.txt
same want_dir.txt fromdir/part-00000 "directory input"
# Two --input paths, and a job's output used as the next job's input.
mr chained --mapper cat --reducer cat --input fromdir small.txt
[ "$(wc -l <chained/part-00000)" = 5 ] && ok "several inputs; _SUCCESS of a previous output skipped" \
  || fail "chained: $(cat chained/part-00000)"
finish
