// optimist-challenger: a party of the L1's dispute games (docs/challenger.md).
//
//   run          follow the L1, dispute wrong output roots, play every game of this key
//   list-games   the dispute games on the L1, one line each
//   show-game    one game's moves and where its bisection stands
//   list-credits what an address may claim, and the bonds it won and lost
//   run-trace    re-execute an L2 block with the step machine and print its commitments
//
// Every subcommand takes --help. Exit status: 0 success, 1 a failure, 2 a usage error; `run
// --once` adds 3 (a game was lost) and 4 (timed out).
#include "challenger_support.hpp"
#include "commands.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

void print_usage(std::ostream& out) {
    out << "Usage: optimist-challenger <command> [options]\n\n"
           "Plays the L1's dispute games over the rollup's output roots: re-derives the L2 chain from\n"
           "L1 data alone, disputes every proposed root that differs from its own, bisects down to one\n"
           "step and proves it, and claims the bonds it wins.\n\n"
           "Commands:\n"
           "  run           follow the L1: dispute wrong roots, play every game of this key, claim credits\n"
           "  list-games    list the dispute games on the L1 (status, level, range, turn, clocks)\n"
           "  show-game ID  one game's moves as a table and the current bisection state\n"
           "  list-credits  an address's claimable credit and the bonds it won and lost\n"
           "  run-trace BLOCK [TX]\n"
           "                re-execute an L2 block with the step machine and print its commitments\n\n"
           "Keys: 32 bytes of hex, or dev:N for dev account N of the public test mnemonic.\n"
           "Run `optimist-challenger <command> --help` for the options of a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
    using namespace optimist::challenger;
    if (argc < 2) {
        print_usage(std::cerr);
        return kExitUsage;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help") {
        print_usage(std::cout);
        return kExitOk;
    }
    if (command == "run") return run_run(args);
    if (command == "list-games") return run_list_games(args);
    if (command == "show-game") return run_show_game(args);
    if (command == "list-credits") return run_list_credits(args);
    if (command == "run-trace") return run_trace(args);
    std::cerr << "optimist-challenger: unknown command \"" << command << "\"\n\n";
    print_usage(std::cerr);
    return kExitUsage;
}
