// optimist status: the node's chain, head block, pending transactions and, when it posts to an
// L1, its rollup pipeline (L1 reachability, safe and finalized heads).
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
              << "pending    " << s.value("pendingTransactions", 0) << " transactions\n";
    // Nodes started without --l1 (and older nodes, which lack the field) only sequence.
    const auto rollup = s.find("rollup");
    if (rollup == s.end() || !rollup->is_object() || !rollup->value("l1Enabled", false)) {
        std::cout << "pipeline   sequencing only (no L1 configured: batches and output roots are not posted)\n";
        return kExitOk;
    }
    const auto& r = *rollup;
    std::cout << "pipeline   L1 " << (r.value("l1Reachable", false) ? "reachable" : "UNREACHABLE (retrying)")
              << ", L1 head " << r.value("l1Head", 0) << "\n"
              << "L2 heads   unsafe " << s["head"].value("number", 0) << ", safe " << r.value("safe", 0)
              << ", finalized " << r.value("finalized", 0) << " (posted " << r.value("posted", 0) << ", proposed "
              << r.value("proposed", 0) << ")\n";
    return kExitOk;
}

}  // namespace optimist::cli
