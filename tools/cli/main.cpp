// optimist: the command-line client of an Optimist node.
//
//   optimist send     sign a transfer or call with a dev (or given) key and send it
//   optimist submit   send a file of signed raw transactions as JSON-RPC batches
//   optimist status   the node's head, pending transactions and rollup pipeline
//   optimist batch inspect   decode the L1 batch inbox as derivation reads it
//   optimist roots    the output roots on L1 and whether they match the L2 node's
//   optimist proof verify   check an exported one-step proof file offline
//   optimist workload   write a generated benchmark workload as signed raw transactions
//
// Every subcommand takes --help; those that talk to the L2 node take --rpc URL (default
// http://127.0.0.1:9545), those that read the L1 take --l1 URL (default http://127.0.0.1:8545).
#include "cli_common.hpp"
#include "proof_check.hpp"

#include <iostream>
#include <string>
#include <vector>

namespace {

void print_usage(std::ostream& out) {
    out << "Usage: optimist <command> [options]\n\n"
           "Commands:\n"
           "  send     sign a transfer or contract call and send it (eth_sendRawTransaction)\n"
           "  submit   submit a file of signed raw transactions, one hex per line, as a batch\n"
           "  status   show the node's head block, pending transactions and pipeline state\n"
           "  batch inspect\n"
           "           decode the L1 batch inbox: entries, frames, channels, L2 blocks, rejections\n"
           "  roots    list the output roots posted to L1 and check them against the L2 node\n"
           "  proof verify\n"
           "           check a one-step proof file (optimist-challenger --proof-dir) offline\n"
           "  workload write a generated workload (transfers, erc20, amm, nft, mainnet, hotslot)\n"
           "           as signed raw transactions for `optimist submit`\n\n"
           "Run `optimist <command> --help` for the options of a command.\n";
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        print_usage(std::cerr);
        return optimist::cli::kExitUsage;
    }
    const std::string command = argv[1];
    const std::vector<std::string> args(argv + 2, argv + argc);
    if (command == "--help" || command == "-h" || command == "help") {
        print_usage(std::cout);
        return optimist::cli::kExitOk;
    }
    if (command == "send") return optimist::cli::run_send(args);
    if (command == "submit") return optimist::cli::run_submit(args);
    if (command == "status") return optimist::cli::run_status(args);
    if (command == "batch") return optimist::cli::run_batch(args);
    if (command == "roots") return optimist::cli::run_roots(args);
    if (command == "proof") return optimist::cli::run_proof(args);
    if (command == "workload") return optimist::cli::run_workload(args);
    std::cerr << "optimist: unknown command \"" << command << "\"\n\n";
    print_usage(std::cerr);
    return optimist::cli::kExitUsage;
}
