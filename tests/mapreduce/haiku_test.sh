#!/usr/bin/env bash
# haiku_test.sh SLUICE: the chapter's acceptance example. The chapter's
# count_vowels_mapper.py and sum_reducer.py, with our python/mr.py, give
# haiku.expected both through the Unix pipeline of the chapter and through
# `sluice mr run` (also with Hadoop's option spellings and -file).
source "$(dirname "$0")/lib.sh"
cd "$WORK"

PYTHONPATH=$REPO/python sh -c "cat '$CHAPTER/haiku.txt' | '$CHAPTER/count_vowels_mapper.py' | sort | '$CHAPTER/sum_reducer.py'" >pipeline.out
same "$CHAPTER/haiku.expected" pipeline.out "cat | mapper | sort | reducer gives haiku.expected"

# sluice ships mr.py to its tasks itself: no PYTHONPATH needed.
env -u PYTHONPATH "$SLUICE" mr run --quiet --mapper "$CHAPTER/count_vowels_mapper.py" --reducer "$CHAPTER/sum_reducer.py" \
  --input "$CHAPTER/haiku.txt" --output out1 2>out1.err
rc=$?
[ $rc -eq 0 ] || { fail "sluice mr run exited $rc"; cat out1.err; }
same "$CHAPTER/haiku.expected" out1/part-00000 "sluice mr run gives haiku.expected"
[ -f out1/_SUCCESS ] && [ ! -s out1/_SUCCESS ] && ok "_SUCCESS written" || fail "_SUCCESS missing"
[ "$(ls -A out1 | tr '\n' ' ')" = "_SUCCESS part-00000 " ] && ok "nothing else in the output directory" || fail "output dir: $(ls -A out1)"
[ -s out1.err ] && fail "--quiet printed: $(cat out1.err)" || ok "--quiet prints nothing"

# Hadoop Streaming's spellings; -file ships the programs, found by name.
mkdir job && cp "$CHAPTER/count_vowels_mapper.py" "$CHAPTER/sum_reducer.py" job/
"$SLUICE" mr run -mapper count_vowels_mapper.py -reducer sum_reducer.py -file job/count_vowels_mapper.py \
  -file job/sum_reducer.py -input "$CHAPTER/haiku.txt" -output out2 -numReduceTasks 1 --quiet 2>out2.err
rc=$?
[ $rc -eq 0 ] || { fail "Hadoop spellings: exited $rc"; cat out2.err; }
same "$CHAPTER/haiku.expected" out2/part-00000 "Hadoop spellings and -file give haiku.expected"
# As on a Hadoop node, shipped files sit in the task's working directory.
"$SLUICE" mr run -mapper "python3 count_vowels_mapper.py" -reducer ./sum_reducer.py -file job/count_vowels_mapper.py \
  -file job/sum_reducer.py -input "$CHAPTER/haiku.txt" -output out_cwd --quiet 2>out_cwd.err
same "$CHAPTER/haiku.expected" out_cwd/part-00000 "-file: 'python3 mapper.py' and './reducer.py' run in the task directory"

# Three reducers: Hadoop's partitioning spreads the vowels; together they
# are still the expected counts.
mr out3 --mapper "$CHAPTER/count_vowels_mapper.py" --reducer "$CHAPTER/sum_reducer.py" --input "$CHAPTER/haiku.txt" --reducers 3
[ "$rc" -eq 0 ] || fail "3 reducers: exited $rc"
parts out3 | sort >out3.all
same "$CHAPTER/haiku.expected" out3.all "3 reducers together give haiku.expected"
# Keys 'a' 'e' 'i' 'o' 'u' (with their quotes) land where Hadoop's HashPartitioner puts them.
python3 - out3 <<'PY' && ok "keys are in Hadoop's partitions" || fail "keys in the wrong partitions"
import sys, glob
def part(key, r):
    h = 1
    for b in key:
        h = (31 * h + (b - 256 if b >= 128 else b)) & 0xffffffff
    return (h & 0x7fffffff) % r
names = sorted(glob.glob(sys.argv[1] + "/part-*"))
assert len(names) == 3, names
seen = 0
for p, name in enumerate(names):
    for line in open(name, "rb"):
        assert part(line.split(b"\t")[0], 3) == p, (name, line)
        seen += 1
assert seen == 5, seen
PY

# The summary (not --quiet) reports counters.
"$SLUICE" mr run --mapper "$CHAPTER/count_vowels_mapper.py" --reducer "$CHAPTER/sum_reducer.py" \
  --input "$CHAPTER/haiku.txt" --output out4 2>out4.err >out4.stdout
grep -q "Map input records=3" out4.err && grep -q "Reduce output records=5" out4.err && grep -q "succeeded" out4.err \
  && ok "summary with counters on stderr" || { fail "summary"; cat out4.err; }
[ -s out4.stdout ] && fail "stdout not empty" || ok "stdout stays empty"
finish
