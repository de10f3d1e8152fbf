#!/usr/bin/env bash
# Builds the SQL front end's libFuzzer targets with clang (ASan + UBSan +
# libFuzzer) in build/fuzz and runs one of them, seeded with every statement
# of the sqllogictest corpus files select1-5 and the chapter scripts.
#
#   tools/fuzz_sql.sh [parse_fuzzer|prepare_fuzzer] [SECONDS]   (default: prepare_fuzzer 600)
#
# A crash, leak, UB report or hang (-timeout, 10 s per input) stops the run
# with the input saved as build/fuzz/crash-*; exit status 0 means none.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:-prepare_fuzzer}
seconds=${2:-600}
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DSLUICE_SANITIZE=address,undefined -DSLUICE_BUILD_FUZZERS=ON -DSLUICE_BUILD_TESTS=OFF >/dev/null
cmake --build build/fuzz --target "$target" -j 2

corpus=build/fuzz/corpus-$target
if [ ! -d "$corpus" ]; then
  mkdir -p "$corpus"
  # One seed file per statement/query record: its SQL, without the
  # record's command line, conditions and expected results.
  python3 - "$corpus" ../shared/sqllogictest/select[1-5].test <<'PY'
import os, sys
out, n = sys.argv[1], 0
for path in sys.argv[2:]:
    for record in open(path, encoding="utf-8", errors="replace").read().replace("\r", "").split("\n\n"):
        lines = [l for l in record.strip("\n").split("\n") if not l.startswith(("skipif", "onlyif", "#"))]
        if not lines or not lines[0].startswith(("statement", "query")):
            continue
        sql = "\n".join(lines[1:]).split("\n----")[0]
        n += 1
        with open(os.path.join(out, "seed%06d.sql" % n), "w") as f:
            f.write(sql + "\n")
PY
  cp ../shared/chapter/sql/*.sql "$corpus"/
fi
cd build/fuzz
"./src/sql/fuzz/$target" -max_total_time="$seconds" -timeout=10 -max_len=4096 -print_final_stats=1 \
  "corpus-$target"
