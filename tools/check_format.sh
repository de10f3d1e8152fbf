#!/usr/bin/env bash
# Checks that every C++ file git tracks is laid out as .clang-format says.
# Prints the files that differ (and how, with --diff) and exits 1 if any do.
# `clang-format -i FILE` fixes one; `tools/check_format.sh --fix` fixes all.
set -uo pipefail
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null || { echo "check_format: clang-format is not installed (make deps)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
bad=0
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  if ! clang-format "$f" | cmp -s - "$f"; then
    echo "check_format: $f is not formatted (clang-format -i $f)"
    [ "${1:-}" = "--diff" ] && clang-format "$f" | diff -u "$f" - | head -40
    bad=1
  fi
done
[ $bad -eq 0 ] && echo "check_format: ${#files[@]} files formatted as .clang-format says"
exit $bad
