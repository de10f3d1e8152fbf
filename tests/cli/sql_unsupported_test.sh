#!/usr/bin/env bash
# sql_unsupported_test.sh SLUICE DOC: replays every row of
# docs/sql-unsupported.md, so the list of what SQL does not support stays
# true. A row is
#   | `SQL` | refused: `MESSAGE` | sqlite3 ... |
#     -> `sluice sql -bail` exits non-zero and stderr holds MESSAGE;
#   | `SQL` | accepted: `OUTPUT` | ... |  or  accepted: (no output) ...
#     -> it exits 0 and prints exactly OUTPUT (or nothing);
#        "writes no file": the file the SQL names ('NAME') is not created.
# Each runs on a fresh in-memory database holding the page's two tables.
set -uo pipefail
sluice=$(realpath "$1")
doc=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
setup="CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT, c REAL);
INSERT INTO t VALUES (1, 'x', 1.5), (2, 'y', 2.5), (3, NULL, 3.5);
CREATE TABLE u(a INT, d TEXT);
INSERT INTO u VALUES (1, 'p'), (4, 'q');"
grep -qF "$setup" "$doc" || { echo "FAIL: $doc does not show the set-up this test runs"; exit 1; }

# The rows as SQL<TAB>sluice-cell, markdown escapes (\|) undone.
python3 - "$doc" >"$dir/rows" <<'PY'
import re, sys
for line in open(sys.argv[1], encoding="utf-8"):
    m = re.match(r"^\| `(.*?)` \| (.*?) \| .* \|$", line.rstrip("\n"))
    if m:
        print(m.group(1).replace("\\|", "|") + "\t" + m.group(2).replace("\\|", "|"))
PY
rows=$(wc -l <"$dir/rows")
[ "$rows" -ge 50 ] || { echo "FAIL: only $rows rows found in $doc"; exit 1; }

failures=0
n=0
while IFS=$'\t' read -r sql cell; do
  n=$((n + 1))
  work=$dir/run$n
  mkdir "$work"
  (cd "$work" && printf '%s\n%s\n' "$setup" "$sql" | "$sluice" sql -bail >out 2>err)
  rc=$?
  case $cell in
    refused:*)
      msg=$(sed -E 's/^refused: `(.*)`.*$/\1/' <<<"$cell")
      if [ $rc -eq 0 ] || ! grep -qF -- "$msg" "$work/err"; then
        echo "FAIL: $sql: want refused with '$msg', got exit $rc: $(cat "$work/err" "$work/out")"
        failures=$((failures + 1))
      fi ;;
    accepted:*)
      want=""
      [[ $cell =~ ^accepted:\ \`([^\`]*)\` ]] && want=${BASH_REMATCH[1]}
      got=$(cat "$work/out")
      if [ $rc -ne 0 ] || [ "$got" != "$want" ]; then
        echo "FAIL: $sql: want accepted printing '$want', got exit $rc, '$got' $(cat "$work/err")"
        failures=$((failures + 1))
      elif [[ $cell == *"writes no file"* ]]; then
        file=$(sed -E "s/.*'([^']+)'.*/\1/" <<<"$sql")
        [ ! -e "$work/$file" ] || { echo "FAIL: $sql: wrote $file"; failures=$((failures + 1)); }
      fi ;;
    *) echo "FAIL: row '$sql': cannot read '$cell'"; failures=$((failures + 1)) ;;
  esac
done <"$dir/rows"
echo "$n rows of $doc replayed, $failures false"
[ $failures -eq 0 ]
