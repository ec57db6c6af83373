// optimist-bench: measurements that need a whole setup around them (a workload, a state on
// LevelDB), reported as ratios measured side by side in one run. Micro-benchmarks of single
// functions are the Google Benchmark programs next to this one (*_bench).
#include "commands.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

void usage(std::ostream& out) {
    out << "usage: optimist-bench COMMAND [options]\n\n"
           "commands:\n"
           "  exec   one block of a workload, sequential against parallel (Block-STM) execution\n"
           "  evm    compute-heavy contract calls, Optimist's interpreter against anvil (revm)\n\n"
           "`optimist-bench COMMAND --help` lists a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        usage(std::cerr);
        return 2;
    }
    const std::string command = argv[1];
    if (command == "-h" || command == "--help" || command == "help") {
        usage(std::cout);
        return 0;
    }
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "exec") return optimist::bench::run_exec(args);
    if (command == "evm") return optimist::bench::run_evm(args);
    std::cerr << "optimist-bench: unknown command \"" << command << "\"\n\n";
    usage(std::cerr);
    return 2;
}
