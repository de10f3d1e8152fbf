# The two set-up commands of README.md:
#   make run   installs what is missing (apt-get), builds the `sluice` binary
#              (build/release/sluice, release mode; nothing else) and starts
#              the main job on an embedded default
#   make test  installs what is missing, builds everything and runs every
#              test (release, ASan+UBSan, and the concurrency tests under TSan)
# Other targets: sluice (the binary only), install / uninstall (PREFIX,
# default /usr/local; DESTDIR for staging), build (every target), bench, slt
# (the whole sqllogictest corpus; slt-file on file databases), sqltests
# (Turso's .sqltest suite: per-directory applicable/passed/failed), crash-test
# (300 SIGKILLs of a writer), test-long (the MapReduce memory bound on
# 200 MB), clean.
.PHONY: run test deps sluice install uninstall build bench slt slt-file sqltests crash-test clean test-long

PREFIX ?= /usr/local
DESTDIR ?=
BINDIR = $(DESTDIR)$(PREFIX)/bin
DATADIR = $(DESTDIR)$(PREFIX)/share/sluice
# The binary `make install` copies (the tests point it at the one they test).
SLUICE_BINARY ?= build/release/sluice

deps:
	@tools/install_deps.sh

# The binary alone: `make run` needs nothing else, and the ~300 test and
# example targets of `build` take most of a build's time.
sluice: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target sluice

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

run: sluice
	@./build/release/sluice sql --preload-chapter

# `sluice` on PATH, and the chapter's mr.py beside it in share/sluice, to
# copy next to the chapter's mapper and reducer (`python3 mr.py run ...`).
install: sluice
	install -d $(BINDIR) $(DATADIR)
	install -m 755 $(SLUICE_BINARY) $(BINDIR)/sluice
	install -m 644 python/mr.py $(DATADIR)/mr.py

uninstall:
	rm -f $(BINDIR)/sluice $(DATADIR)/mr.py
	-rmdir $(DATADIR) 2>/dev/null

test: deps
	@tools/run_tests.sh

# Long tests outside `make test`: MapReduce's memory bound on 200 MB.
test-long: build
	@bash tests/mapreduce/memory_bound_test.sh build/release/sluice build/release/examples/mapreduce

crash-test: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target sql_crash_test
	SLUICE_CRASH_ITERATIONS=300 ./build/release/src/sql/connection/sql_crash_test

slt: sluice
	@tools/run_slt.sh

slt-file: sluice
	@SLT_FILE_DB=1 tools/run_slt.sh

sqltests: sluice
	@tools/run_sqltests.sh counts

bench: deps
	@tools/run_bench.sh

clean:
	rm -rf build

# sluice crawl vs LinkChecker on a generated 2,000-page site (bench/crawl, ~1 min).
.PHONY: bench-crawl
bench-crawl: sluice
	@python3 bench/crawl/run_bench.py build/release/sluice
