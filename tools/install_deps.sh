#!/usr/bin/env bash
# Installs, with apt-get, the Debian packages sluice needs to build, test and
# benchmark, skipping those already present. Safe to run repeatedly; used by
# `make run`, `make test` and CI (.ci/run). Needs root or sudo.
set -euo pipefail

packages=(
  cmake ninja-build g++ clang llvm-14 ccache pkg-config  # toolchain (clang: TSan, -Wthread-safety; llvm: symbolizer)
  clang-format                                    # the layout check (tools/check_format.sh)
  libclang-rt-dev                                 # clang's TSan runtime: only a Recommends of clang, which --no-install-recommends skips
  libgtest-dev libgmock-dev libbenchmark-dev      # tests and benchmarks
  libcli11-dev libfmt-dev                         # the CLI
  libconcurrentqueue-dev                          # benchmark anchor for SyncQueue
  libedit-dev                                     # line editing for interactive shells
  libzstd-dev libxxhash-dev                       # database files: compression, checksums
  libsqlite3-dev                                  # reading SQLite's own files (read-only): sluice sql x.sqlite, .import-sqlite
  sqlite3                                         # reference engine for SQL tests and benchmarks
  libcurl4-openssl-dev libgumbo-dev nlohmann-json3-dev  # sluice crawl: HTTP(S) client, HTML5 parser, JSON report
  linkchecker                                     # benchmark anchor for sluice crawl
  python3                                         # MapReduce tests: the chapter's Python mapper/reducer, python/mr.py
  zlib1g-dev                                      # particles: deflate for --png
  chromium                                        # particles: headless render test of --html
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install_deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install_deps: need root or sudo to install: ${missing[*]}" >&2; exit 2; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install_deps: done"
