// optimist status: the node's chain, head block, pending transactions and the rollup
// pipeline as far as it exists.
#include "cli_common.hpp"

#include <optimist/rpc/http_client.hpp>

#include <boost/program_options.hpp>

#include <iostream>

namespace po = boost::program_options;

namespace optimist::cli {

int run_status(const std::vector<std::string>& args) {
    std::string url;
    po::options_description desc("optimist status options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("rpc", po::value(&url)->default_value(std::string(kDefaultRpc)), "the node's JSON-RPC URL")
        ("json", "print the node's optimist_status answer as JSON");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist status: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist status [options]\n\nShows the node's chain id, head block, pending "
                     "transactions and rollup pipeline.\n\n"
                  << desc << '\n';
        return kExitOk;
    }
    rpc::HttpClient client(url);
    auto status = client.call("optimist_status");
    if (!status) {
        std::cerr << "optimist status: " << status.error().message << " (" << url << ")\n";
        return kExitFailure;
    }
    if (vm.count("json")) {
        std::cout << status->dump(2) << '\n';
        return kExitOk;
    }
    const auto& s = *status;
    std::cout << "node       " << url << "\n"
              << "chain id   " << s.value("chainId", 0) << "\n"
              << "head       block " << s["head"].value("number", 0) << " " << s["head"].value("hash", "") << "\n"
              << "state root " << s["head"].value("stateRoot", "") << "\n"
              << "pending    " << s.value("pendingTransactions", 0) << " transactions\n"
              << "pipeline   sequencing only (no L1 configured: batches and output roots are not posted yet)\n";
    return kExitOk;
}

}  // namespace optimist::cli
