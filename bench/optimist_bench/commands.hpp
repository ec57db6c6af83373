// The subcommands of optimist-bench.
#pragma once

#include <string>
#include <vector>

namespace optimist::bench {

// optimist-bench exec: sequential against parallel execution of one workload block.
int run_exec(const std::vector<std::string>& args);

// optimist-bench evm: Optimist's interpreter against anvil (revm) on compute-heavy calls.
int run_evm(const std::vector<std::string>& args);

}  // namespace optimist::bench
