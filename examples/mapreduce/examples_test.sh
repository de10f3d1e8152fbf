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

[ $failures -eq 0 ] && { echo "all checks passed"; exit 0; }
echo "$failures check(s) failed"; exit 1
