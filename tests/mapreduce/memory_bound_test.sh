#!/usr/bin/env bash
# memory_bound_test.sh SLUICE EXAMPLES_BINDIR  (make test-long; ~1 min)
# 200 MB of text through a word-count job with --sort-memory 16M, whose
# intermediate data (36M pairs, ~250 MB) is 15x the budget: the job must be
# right, every map task's sort buffer must stay within its share of the
# budget, and sluice's peak RSS within the budget plus what a tiny job needs
# (the binary, thread stacks) plus a small allowance for pipe buffers and
# zstd contexts. A --sort-memory 512M run shows the bound is the option's
# doing (it uses far more).
source "$(dirname "$0")/lib.sh"
bin=$(cd "$2" && pwd)
cd "$WORK"
gen=$REPO/../shared/bench/mr/gen_text.py
if [ -f "$gen" ]; then
  python3 "$gen" in.txt 200
else
  python3 -c "
import random
r = random.Random(47); words = ['w%d' % i for i in range(50000)]
with open('in.txt', 'w') as f:
    n = 0
    while n < 200_000_000:
        line = ' '.join(r.choices(words[:int(r.paretovariate(1.2)) % 50000 + 10], k=r.randint(4, 16))) + '\n'
        f.write(line); n += len(line)
"
fi
echo "input: $(du -m in.txt | cut -f1) MB"

rss_kib() { grep -o 'sluice peak RSS [0-9.]* [KMG]iB' "$1" | awk '{v = $4; u = $5; if (u == "MiB") v *= 1024; if (u == "GiB") v *= 1048576; printf "%d\n", v}'; }

printf 'a b\n' >tiny.txt
"$SLUICE" mr run --mapper "$bin/word_count_mapper" --reducer "$bin/sum_reducer" --input tiny.txt --output tiny 2>tiny.err
base=$(rss_kib tiny.err)

common=(--mapper "$bin/word_count_mapper" --reducer "$bin/sum_reducer" --input in.txt --reducers 2 --parallel 2
        --status-interval 10s)
"$SLUICE" mr run "${common[@]}" --sort-memory 16M --output small 2>small.err
rc=$?
cat small.err
[ $rc -eq 0 ] || fail "16M job exited $rc"
tr -s ' ' '\n' <in.txt | grep -v '^$' | sort | uniq -c | awk '{print $2 "\t" $1}' >want.txt
cat small/part-* | sort >got.txt
same want.txt got.txt "16M job: word counts equal sort | uniq -c"

peak=$(grep -o 'sort buffer peak [0-9.]* [KM]iB' small.err | awk '{v = $4; if ($5 == "MiB") v *= 1024; printf "%d\n", v}')
[ -n "$peak" ] && [ "$peak" -le $((8 * 1024)) ] && ok "sort buffer peak ${peak} KiB <= 8 MiB per task (16M / 2 tasks)" \
  || fail "sort buffer peak ${peak:-?} KiB"
rss=$(rss_kib small.err)
limit=$((base + 16 * 1024 + 8 * 1024))
[ -n "$rss" ] && [ "$rss" -le "$limit" ] && ok "peak RSS ${rss} KiB <= tiny job ${base} KiB + 16 MiB + 8 MiB" \
  || fail "peak RSS ${rss:-?} KiB > $limit KiB"
spills=$(grep -o 'Spills=[0-9]*' small.err | cut -d= -f2)
[ "${spills:-0}" -gt 20 ] && ok "$spills spills" || fail "too few spills: ${spills:-?}"

"$SLUICE" mr run "${common[@]}" --sort-memory 512M --output big 2>big.err
big_rss=$(rss_kib big.err)
[ -n "$big_rss" ] && [ "$big_rss" -gt $((rss * 2)) ] && ok "with --sort-memory 512M the RSS is ${big_rss} KiB: the bound is --sort-memory's" \
  || fail "512M run RSS ${big_rss:-?} KiB not above 2 x ${rss} KiB"
diff -r small big >/dev/null && ok "same output whatever --sort-memory" || fail "output depends on --sort-memory"
finish
