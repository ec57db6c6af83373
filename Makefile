# Thin wrapper over CMake. `make test` is what CI runs (.ci/run).
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
CMAKE_GEN  := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

# ccache keys on the compiler command line, which holds absolute paths: with the project root
# as the base directory, a clean clone elsewhere (CI) hits the cache the last build filled.
# Not hashing the working directory lets the -g (sanitizer) build hit too; its debug info
# then names the first clone's paths, which only matters when debugging that build.
export CCACHE_BASEDIR  := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps js-deps contracts build build-tools asan test test-long bench bench-exec bench-evm devnet devnet-reset clean

all: build

deps:
	@bash tools/install-deps.sh

# JavaScript used by the end-to-end tests and benchmarks (ethers, solc, anvil), pinned by
# package-lock.json. Reinstalled only when the lock file changes.
js-deps: node_modules/.package-lock.json
node_modules/.package-lock.json: package-lock.json | deps
	npm ci --ignore-scripts --no-audit --no-fund

# Recompiles contracts/*.sol with the pinned solc into contracts/artifacts/, which are committed
# (the C++ build embeds them without Node); ctest's contracts_artifacts_match checks they agree.
contracts: js-deps
	node tools/compile-contracts.mjs

# Release build of everything: libraries, tools, tests, benchmarks.
build: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS)

# Only what the devnet runs: the L1 stub, the sequencer, the verifier, the challenger and the CLI.
build-tools: deps
	@test -f $(BUILD)/CMakeCache.txt || cmake -S . -B $(BUILD) $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release
	cmake --build $(BUILD) -j $(JOBS) --target optimist-sequencer optimist optimist-l1 optimist-verifier optimist-challenger

# AddressSanitizer + UndefinedBehaviorSanitizer build of the fast test subset
# (tests labelled "fast": decoders, fuzz-style tests, tries).
asan: deps
	@test -f $(ASAN_BUILD)/CMakeCache.txt || cmake -S . -B $(ASAN_BUILD) $(CMAKE_GEN) \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DOPTIMIST_SANITIZE=ON -DOPTIMIST_BUILD_BENCH=OFF -DOPTIMIST_BUILD_TOOLS=OFF
	cmake --build $(ASAN_BUILD) -j $(JOBS)

test: build asan js-deps
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS)

# The randomized checks at ten times their default size.
test-long: build
	OPTIMIST_GMP_CASES=10000000 OPTIMIST_FUZZ_CASES=1000000 \
	  ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

bench: build
	@for b in $(BUILD)/bench/*_bench; do echo "== $$b"; $$b --benchmark_min_time=0.2; done

# Sequential against Block-STM execution on every workload: bench/exec_results.json,
# bench/exec_speedup.png and the table of bench/RESULTS.md.
bench-exec: build
	bash bench/exec_report.sh $(BUILD)

# Optimist's interpreter against anvil (revm) on compute-heavy calls, side by side:
# bench/evm_results.json and the table of bench/RESULTS.md.
bench-evm: build js-deps
	bash bench/evm_report.sh $(BUILD)

# A local rollup in the foreground (Ctrl-C stops it): prints the RPC URL and the dev keys.
devnet: build-tools
	@BUILD=$(BUILD) bash tools/devnet.sh

# Forget the devnet's chain: the next `make devnet` starts from genesis.
devnet-reset:
	rm -rf .devnet

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
