// The contracts `optimist-bench evm` runs: contracts/Bench*.sol, compiled into the committed
// contracts/artifacts/Bench*.json and embedded at configure time (bench/CMakeLists.txt), the
// way src/workload embeds the workload contracts. Regenerate with `make contracts`.
//
// All data is static and immutable: thread-safe, never allocates.
#pragma once

#include <optimist/workload/artifacts.hpp>

#include <string_view>

namespace optimist::bench {

// The benchmark contract with this name ("BenchKeccak"), or nullptr.
[[nodiscard]] const workload::ContractArtifact* find_bench_contract(std::string_view name) noexcept;

}  // namespace optimist::bench
