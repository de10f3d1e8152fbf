#!/usr/bin/env bash
# bench/mr/run_bench.sh [SLUICE] [EXAMPLES_BINDIR] [MEGABYTES]
# ROUNDS=3 (default): every job runs once per round, round after round, so
# that jobs and anchors see the same phases of a shared, noisy machine; the
# table gives each job's median (and the range) over the rounds.
# The MapReduce benchmark, one run, anchors side by side:
#   A. the chapter's Python vowel count: `sluice mr run` vs the Unix
#      pipeline `cat | mapper | sort | reducer` with the same programs;
#   B. word count as a native C++ job vs `tr | sort | uniq -c` and an awk
#      hash count;
#   C. word count with compiled streaming mapper/reducer programs: `sluice
#      mr run` vs the same programs in the Unix pipeline.
# Input: MEGABYTES (default 200) of ../shared/bench/mr/gen_text.py text,
# cached in build/bench-mr-data/. Prints a Markdown table: wall and CPU
# seconds, MB/s (input size / wall time) and each anchor's time divided by
# sluice's (>1: sluice is faster), from the medians. Every job's output is
# checked against its anchor's in the first round.
set -uo pipefail
export LC_ALL=C
repo=$(cd "$(dirname "$0")/../.." && pwd)
sluice=$(realpath "${1:-$repo/build/release/sluice}")
bin=$(realpath "${2:-$repo/build/release/examples/mapreduce}")
mb=${3:-200}
chapter=$repo/../shared/chapter/mapreduce
[ -d "$chapter" ] || chapter=$repo/tests/mapreduce/chapter
gen=$repo/../shared/bench/mr/gen_text.py
data=$repo/build/bench-mr-data
mkdir -p "$data"
input=$data/text$mb.txt
if [ ! -f "$input" ]; then
  echo "generating $input ..." >&2
  python3 "$gen" "$input" "$mb" || exit 1
fi
bytes=$(stat -c %s "$input")
work=$(mktemp -d "${TMPDIR:-/tmp}/mr_bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
export PYTHONPATH=$repo/python
# Python's default for a pipe is block buffering; an environment that sets
# PYTHONUNBUFFERED (this VM does) makes every emit() a write(2) of its own,
# 1.5M system calls per 20 MB for the anchor pipelines and sluice alike.
# Benchmark the default, and say which it was.
python_unbuffered=${PYTHONUNBUFFERED:-}
unset PYTHONUNBUFFERED
cores=$(nproc)

rounds=${ROUNDS:-3}
jobs=()
# job NAME COMMAND: registers a job (its output directory, if any, is
# $work/NAME_out and is removed before each run).
job() { jobs+=("$1"); eval "cmd_$1=\$2"; }
# run NAME: times the job once (bash -c), appends to $walls_NAME / $cpus_NAME.
run() {
  local name=$1 cmd
  eval "cmd=\$cmd_$name"
  rm -rf "$work/${name}_out"
  /usr/bin/time -f "%e %U %S" -o "$work/$name.time" bash -c "$cmd" >"$work/$name.out" 2>"$work/$name.err"
  local rc=$?
  [ $rc -eq 0 ] || { echo "FAILED ($rc): $name" >&2; tail -5 "$work/$name.err" >&2; }
  local wall user sys
  read -r wall user sys <"$work/$name.time"
  eval "walls_$name=\"\${walls_$name:-} $wall\" cpus_$name=\"\${cpus_$name:-} $(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')\""
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
range() { tr ' ' '\n' | grep . | sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { print lo "-" hi }'; }
stat() { local v; eval "v=\$${1}_$2"; echo "$v" | "$3"; }  # stat walls|cpus NAME median|range
mbps() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.1f", b / 1e6 / t }'; }
ratio() { awk -v a="$1" -v s="$2" 'BEGIN { printf "%.2fx", a / s }'; }
row() {  # row LABEL NAME [ANCHOR_NAME]
  local w c r="—"
  w=$(stat walls "$2" median)
  c=$(stat cpus "$2" median)
  if [ -n "${3:-}" ]; then r=$(ratio "$(stat walls "$3" median)" "$w"); fi
  printf "| %s | %s (%s) | %s | %s | %s |\n" "$1" "$w" "$(stat walls "$2" range)" "$c" "$(mbps "$w")" "$r"
}
check() {  # check WHAT FILE_A FILE_B
  if cmp -s "$2" "$3"; then echo "  output check ok: $1" >&2; else echo "  OUTPUT DIFFERS: $1" >&2; fi
}

echo "input: $input ($((bytes / 1000000)) MB), $cores cores, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
[ -n "$python_unbuffered" ] && echo "note: PYTHONUNBUFFERED=$python_unbuffered was set; unset for every job" >&2

echo "$rounds round(s)" >&2

# A. the chapter's Python vowel count
job a_pipe "cat '$input' | '$chapter/count_vowels_mapper.py' | sort | '$chapter/sum_reducer.py'"
job a_mr "'$sluice' mr run --quiet --parallel $cores --mapper '$chapter/count_vowels_mapper.py' --reducer '$chapter/sum_reducer.py' --input '$input' --output '$work/a_mr_out' --split-size 32M"
job a_mr2 "'$sluice' mr run --quiet --parallel $cores --reducers 2 --mapper '$chapter/count_vowels_mapper.py' --reducer '$chapter/sum_reducer.py' --input '$input' --output '$work/a_mr2_out' --split-size 32M"
job a_mrc "'$sluice' mr run --quiet --parallel $cores --mapper '$chapter/count_vowels_mapper.py' --reducer '$chapter/sum_reducer.py' --combiner '$chapter/sum_reducer.py' --input '$input' --output '$work/a_mrc_out' --split-size 32M"
# B. word count: native job vs sort | uniq -c vs awk
job b_sort "tr -s ' \n' '\n' <'$input' | sort | uniq -c"
job b_awk "awk '{ for (i = 1; i <= NF; i++) c[\$i]++ } END { for (w in c) print w \"\t\" c[w] }' '$input'"
# One split per core: a native task's fixed cost (its hash table's keys
# sorted and spilled once) is paid once per core rather than once per 32 MB.
native_split=$(( (bytes + cores - 1) / cores ))
job b_native "'$bin/word_count_native' --quiet --parallel $cores --split-size $native_split '$input' '$work/b_native_out'"
job b_native32 "'$bin/word_count_native' --quiet --parallel $cores --split-size 32M '$input' '$work/b_native32_out'"
job b_lambda "'$bin/word_count_lambda' --quiet --parallel $cores --split-size $native_split '$input' '$work/b_lambda_out'"
# C. compiled streaming programs
job c_pipe "'$bin/word_count_mapper' <'$input' | sort | '$bin/sum_reducer'"
job c_mr "'$sluice' mr run --quiet --parallel $cores --mapper '$bin/word_count_mapper' --reducer '$bin/sum_reducer' --input '$input' --output '$work/c_mr_out' --split-size 32M"
job c_mrc "'$sluice' mr run --quiet --parallel $cores --mapper '$bin/word_count_mapper' --reducer '$bin/sum_reducer' --combiner '$bin/sum_reducer' --input '$input' --output '$work/c_mrc_out' --split-size 32M"

check_outputs() {
  cat "$work"/a_mr_out/part-* >"$work/a_mr.txt"
  check "A sluice = pipeline" "$work/a_pipe.out" "$work/a_mr.txt"
  sort "$work"/a_mr2_out/part-* >"$work/a_mr2.txt"
  check "A sluice --reducers 2 = pipeline" "$work/a_pipe.out" "$work/a_mr2.txt"
  cat "$work"/a_mrc_out/part-* >"$work/a_mrc.txt"
  check "A sluice+combiner = pipeline" "$work/a_pipe.out" "$work/a_mrc.txt"
  awk '{ print $2 "\t" $1 }' "$work/b_sort.out" | sort >"$work/b_sort.txt"
  sort "$work/b_awk.out" >"$work/b_awk.txt"
  check "B awk = sort | uniq -c" "$work/b_sort.txt" "$work/b_awk.txt"
  for n in b_native b_native32 b_lambda; do
    sort "$work"/${n}_out/part-* >"$work/$n.txt"
    check "B $n = sort | uniq -c" "$work/b_sort.txt" "$work/$n.txt"
  done
  cat "$work"/c_mr_out/part-* >"$work/c_mr.txt"
  check "C sluice = pipeline" "$work/c_pipe.out" "$work/c_mr.txt"
  diff -r "$work/c_mr_out" "$work/c_mrc_out" >/dev/null && echo "  output check ok: C with combiner = without" >&2 \
    || echo "  OUTPUT DIFFERS: C combiner" >&2
}

for ((round = 1; round <= rounds; round++)); do
  for name in "${jobs[@]}"; do run "$name"; done
  [ "$round" -eq 1 ] && check_outputs
  echo "round $round done, load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done

echo "| job | wall s: median (range) | CPU s | MB/s | anchor wall / this wall |"
echo "|---|---|---|---|---|"
row "A. Python vowel count, Unix pipeline (anchor)" a_pipe
row "A. Python vowel count, sluice mr run --parallel $cores" a_mr a_pipe
row "A. same with --reducers 2" a_mr2 a_pipe
row "A. same with --combiner sum_reducer.py (1 reducer)" a_mrc a_pipe
row "B. word count, tr \| sort \| uniq -c (anchor)" b_sort
row "B. word count, awk hash (anchor 2)" b_awk
row "B. word count, native C++ job (vs sort)" b_native b_sort
row "B. word count, native C++ job (vs awk)" b_native b_awk
row "B. same with 32 MB splits (vs awk)" b_native32 b_awk
row "B. same with the sum as a lambda, not LongSum (vs awk)" b_lambda b_awk
row "C. compiled mapper \| sort \| reducer (anchor)" c_pipe
row "C. compiled programs, sluice mr run" c_mr c_pipe
row "C. same + --combiner" c_mrc c_pipe
