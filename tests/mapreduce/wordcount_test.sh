#!/usr/bin/env bash
# wordcount_test.sh SLUICE: word count checked against `sort | uniq -c`;
# byte-identical output whatever --parallel, with and without a combiner,
# and between runs; keys in unsigned byte order within each part file.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
corpus 30000 >in.txt
reference_counts in.txt >want.txt

common=(--mapper "$PROGS/wc_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt --reducers 3
        --split-size 40K --sort-memory 2M)
mr p1 "${common[@]}" --parallel 1
[ "$rc" -eq 0 ] || { fail "parallel 1 exited $rc"; cat p1.err; }
parts p1 | sort >got.txt
same want.txt got.txt "word count equals sort | uniq -c"
[ "$(ls p1 | grep -c part-)" = 3 ] && ok "3 part files" || fail "part files: $(ls p1)"
for p in p1/part-*; do
  cut -f1 "$p" | sort -c 2>/dev/null || fail "$p not sorted by key"
done
for n in 2 4; do
  mr "p$n" "${common[@]}" --parallel $n
  [ "$rc" -eq 0 ] || fail "parallel $n exited $rc"
  diff -r p1 "p$n" >/dev/null && ok "--parallel $n output byte-identical to --parallel 1" || fail "--parallel $n differs"
done
mr again "${common[@]}" --parallel 2
diff -r p1 again >/dev/null && ok "second run byte-identical" || fail "second run differs"
mr comb "${common[@]}" --parallel 2 --combiner "$PROGS/sum_reducer.sh"
diff -r p1 comb >/dev/null && ok "with a combiner: same output" || fail "combiner changes the output"
"$SLUICE" mr run "${common[@]}" --combiner "$PROGS/sum_reducer.sh" --output comb2 2>comb2.err
grep -q "Combine input records" comb2.err && grep -q "Combine ratio" comb2.err && ok "summary reports the combiner" \
  || fail "no combine counters in the summary"
grep -Eq "Spills=[0-9]*[1-9]" comb2.err && ok "spills counted" || fail "no spills counted"

# Reporter lines: counters summed over tasks, status shown.
mr rep --mapper "$PROGS/counter_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt --split-size 100K
"$SLUICE" mr run --mapper "$PROGS/counter_mapper.sh" --reducer "$PROGS/sum_reducer.sh" --input in.txt \
  --split-size 100K --output rep2 2>rep2.err
grep -q "lines seen=30000" rep2.err && ok "reporter:counter lines summed" || { fail "reporter counters"; cat rep2.err; }
[ ! -e rep2/_logs ] && ok "reporter lines are not logged" || fail "reporter lines went to a log"

# Status lines: reduce % counts records read, never bytes (which made it 600%).
# 4 MB of pairs: more than the reducer's 1 MiB pipe holds while it pauses.
corpus 120000 >big.txt
"$SLUICE" mr run --mapper "$PROGS/wc_mapper.sh" --reducer "$PROGS/slow_sum_reducer.sh" --input big.txt \
  --status-interval 100ms --output slow 2>slow.err
pcts=$(grep -Eo '(map|reduce) [0-9]+%' slow.err | grep -Eo '[0-9]+' | sort -n | uniq)
grep -q "reduce 100% (0/1)" slow.err && ok "status line: reduce 100% while the reducer finishes" \
  || { fail "no 'reduce 100% (0/1)' status line"; cat slow.err; }
[ -n "$pcts" ] && [ "$(echo "$pcts" | tail -1)" -le 100 ] && ok "status percentages within 0-100" \
  || { fail "status percentage over 100: $(echo $pcts)"; grep -E 'reduce [0-9]+%' slow.err | tail -3; }
finish
