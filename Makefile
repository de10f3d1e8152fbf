# The two set-up commands of README.md:
#   make run   installs what is missing (apt-get), builds in release mode and
#              starts the main job on an embedded default
#   make test  installs what is missing, builds and runs every test (release,
#              ASan+UBSan, and the concurrency tests under TSan)
# Other targets: build, bench, slt (the whole sqllogictest corpus; slt-file
# on file databases), crash-test (300 SIGKILLs of a writer), test-long (the
# MapReduce memory bound on 200 MB), clean.
.PHONY: run test deps build bench slt slt-file crash-test clean test-long

deps:
	@tools/install_deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

run: build
	@./build/release/sluice sql --preload-chapter

test: deps
	@tools/run_tests.sh

# Long tests outside `make test`: MapReduce's memory bound on 200 MB.
test-long: build
	@bash tests/mapreduce/memory_bound_test.sh build/release/sluice build/release/examples/mapreduce

crash-test: build
	SLUICE_CRASH_ITERATIONS=300 ./build/release/src/sql/connection/sql_crash_test

slt: build
	@tools/run_slt.sh

slt-file: build
	@SLT_FILE_DB=1 tools/run_slt.sh

bench: deps
	@tools/run_bench.sh

clean:
	rm -rf build

# sluice crawl vs LinkChecker on a generated 2,000-page site (bench/crawl, ~1 min).
.PHONY: bench-crawl
bench-crawl: build
	@python3 bench/crawl/run_bench.py build/release/sluice
