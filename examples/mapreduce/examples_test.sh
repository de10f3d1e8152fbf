#!/usr/bin/env bash
# examples_test.sh SLUICE BINDIR: the native and the streaming versions of
# each example give byte-identical output directories, and the right answer.
set -uo pipefail
export LC_ALL=C
sluice=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
bin=$(cd "$2" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/mr_examples.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
haiku=$repo/tests/mapreduce/chapter/haiku.txt

# vowel count
"$bin/vowel_count_native" --quiet "$haiku" v_native || fail "vowel_count_native"
"$sluice" mr run --quiet --mapper "$bin/vowel_count_mapper" --reducer "$bin/sum_reducer" --input "$haiku" --output v_stream \
  || fail "vowel count streaming"
cmp -s "$here/expected/haiku_vowels.txt" v_native/part-00000 && ok "native vowel count" || fail "native vowel count: $(cat v_native/part-00000)"
diff -r v_native v_stream >/dev/null && ok "streaming vowel count = native" || fail "vowel count: styles differ"

# word count, 3 reducers, several splits
awk 'BEGIN { srand(3); for (i = 0; i < 20000; i++) { k = 1 + int(rand() * 9); l = "";
  for (j = 0; j < k; j++) l = l (j ? " " : "") "w" int(rand() * rand() * 500); print l } }' >words.txt
"$bin/word_count_native" --quiet --reducers 3 --split-size 64K --sort-memory 4M words.txt w_native || fail "word_count_native"
"$sluice" mr run --quiet --mapper "$bin/word_count_mapper" --reducer "$bin/sum_reducer" --combiner "$bin/sum_reducer" \
  --reducers 3 --split-size 64K --sort-memory 4M --input words.txt --output w_stream || fail "word count streaming"
diff -r w_native w_stream >/dev/null && ok "streaming word count = native" || fail "word count: styles differ"
"$bin/word_count_lambda" --quiet --reducers 3 --split-size 64K --sort-memory 4M words.txt w_lambda || fail "word_count_lambda"
diff -r w_native w_lambda >/dev/null && ok "word count with a lambda sum = with LongSum" || fail "word count: lambda differs"
tr -s ' ' '\n' <words.txt | sort | uniq -c | awk '{print $2 "\t" $1}' >want.txt
cat w_native/part-* | sort >got.txt
cmp -s want.txt got.txt && ok "word count = sort | uniq -c" || fail "word count wrong"
# The streaming programs also work in the chapter's Unix pipeline.
"$bin/word_count_mapper" <words.txt | sort | "$bin/sum_reducer" >pipe.txt
cmp -s want.txt pipe.txt && ok "compiled programs in cat | mapper | sort | reducer" || fail "pipeline"

# inverted index
"$bin/inverted_index_native" --quiet "$here/data/docs.txt" i_native || fail "inverted_index_native"
"$sluice" mr run --quiet --mapper "$bin/inverted_index_mapper" --reducer "$bin/inverted_index_reducer" \
  --input "$here/data/docs.txt" --output i_stream || fail "inverted index streaming"
diff -r i_native i_stream >/dev/null && ok "streaming inverted index = native" || fail "inverted index: styles differ"
grep -qx "$(printf 'programs\tsicp,unix')" i_native/part-00000 && grep -qx "$(printf 'a\tchapter,haiku,unix')" i_native/part-00000 \
  && ok "inverted index content" || { fail "inverted index content"; cat i_native/part-00000; }

# Glob patterns as input, as in Hadoop (-input 'parts/*.txt'): the matches in
# name order, hidden files left out; the same counts as from one file.
mkdir parts && awk '{ print > ("parts/w" int(NR / 6000) ".txt") }' words.txt && printf 'hidden\n' >parts/_skipped.txt
"$bin/word_count_native" --quiet --reducers 3 'parts/*.txt' w_glob || fail "word_count_native with a glob pattern"
diff -r w_native w_glob >/dev/null && ok "native word count of 'parts/*.txt' = of words.txt" || fail "glob input: output differs"
"$sluice" mr run --quiet --mapper "$bin/word_count_mapper" --reducer "$bin/sum_reducer" --reducers 3 --input 'parts/w[0-9].txt' \
  --output w_glob_stream || fail "word count streaming with a glob pattern"
diff -r w_native w_glob_stream >/dev/null && ok "streaming word count of 'parts/w[0-9].txt' = native" || fail "glob input: styles differ"

# Usage errors: exit 2, a message naming the program, the option and the
# value, nothing on stdout and no output directory.
usage_error() {  # usage_error MESSAGE ARG...
  local want=$1 rc
  shift
  "$bin/word_count_native" --quiet "$@" words.txt bad_out >out.txt 2>err.txt
  rc=$?
  if [ $rc -eq 2 ] && grep -qxF -- "$want" err.txt && [ ! -s out.txt ] && [ ! -e bad_out ]; then ok "usage error: $*"
  else fail "usage error $* (rc $rc, $(ls -d bad_out 2>/dev/null)): $(cat err.txt)"; rm -rf bad_out; fi
}
usage_error "word_count_native: --parallel: expected a whole number from 1 to 4096, got 'abc'" --parallel abc
usage_error "word_count_native: --parallel: expected a whole number from 1 to 4096, got '99999999999999999999'" \
  --parallel 99999999999999999999
usage_error "word_count_native: --parallel: expected a whole number from 1 to 4096, got '-3'" --parallel -3
usage_error "word_count_native: --parallel: expected a whole number from 1 to 4096, got '0'" --parallel 0
usage_error "word_count_native: --parallel: expected a whole number from 1 to 4096, got '4097'" --parallel 4097
usage_error "word_count_native: --reducers: expected a whole number from 0 to 100000, got '-1'" --reducers -1
usage_error "word_count_native: --reducers: expected a whole number from 0 to 100000, got '2x'" --reducers 2x
usage_error "word_count_native: --split-size: bad size 'abc' (expected e.g. 4096, 512K, 64M, 1G)" --split-size abc
usage_error "word_count_native: --sort-memory: bad size '-1M' (expected e.g. 4096, 512K, 64M, 1G)" --sort-memory -1M
usage_error "word_count_native: --split-size: bad size '64Q' (expected e.g. 4096, 512K, 64M, 1G)" --split-size 64Q
usage_error "word_count_native: unknown option --bogus (see 'word_count_native --help')" --bogus
usage_error "word_count_native: input pattern matches no files: nothing/*.txt" 'nothing/*.txt'
mkdir parts/sub
usage_error "word_count_native: input parts/sub is a directory inside an input directory (not read recursively, as in Hadoop)" parts
for help in --help -h; do
  "$bin/word_count_native" $help >out.txt 2>err.txt
  rc=$?
  [ $rc -eq 0 ] && grep -q '^usage: word_count_native \[--parallel N\]' out.txt && [ ! -s err.txt ] \
    && ok "$help: usage on stdout, exit 0" || fail "$help (rc $rc): $(cat out.txt err.txt)"
done

[ $failures -eq 0 ] && { echo "all checks passed"; exit 0; }
echo "$failures check(s) failed"; exit 1
