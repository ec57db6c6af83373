// optimist-l1: the L1 stub as a process. Keeps its chain in LevelDB under --datadir, mines a
// block every --block-time seconds and serves the L1's JSON-RPC (eth_* for tools,
// optimist_l1* for the rollup's L1RpcClient).
//
// Exit status: 0 after a clean stop (SIGINT/SIGTERM), 1 on a startup error, 2 on usage errors.
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>

#include <boost/program_options.hpp>
#include <tool_support.hpp>

#include <cmath>
#include <csignal>
#include <iostream>
#include <string>

namespace po = boost::program_options;
using namespace optimist;

namespace {

using tools::kExitStartup;
using tools::kExitUsage;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: optimist-l1 [options]\n\n"
           "Runs the Optimist L1 stub: an L1 chain (id 900) with a batch inbox and an output-root\n"
           "oracle, for the rollup's batcher, proposer and verifier. Accepts signed Ethereum\n"
           "transactions over JSON-RPC, mines a block every --block-time seconds (0: one per\n"
           "transaction), stores everything in LevelDB under --datadir and resumes from it after a\n"
           "restart or crash. The ten dev accounts of \"test test ... junk\" hold 10,000 ETH each.\n\n"
        << desc << '\n';
}

void print_banner(const l1::L1StubConfig& config, const std::string& url) {
    const l1::L1Config& c = config.l1;
    std::cout << "\nOptimist L1 stub\n"
              << "  RPC URL          " << url << "\n"
              << "  chain id         " << c.chain_id << "\n"
              << "  batch inbox      " << to_hex(c.batch_inbox) << "\n"
              << "  output oracle    " << to_hex(c.output_oracle) << "\n"
              << "  challenge window " << c.challenge_window << " L1 blocks\n"
              << "  minimum bond     " << to_string(c.min_bond) << " wei\n"
              << "  block time       "
              << (config.block_time.count() == 0 ? std::string("on each transaction")
                                                 : std::to_string(config.block_time.count()) + " ms")
              << "\n"
              << "  datadir          " << config.datadir << "\n"
              << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    std::string datadir;
    std::string http_addr;
    unsigned http_port = 0;
    double block_time = 2;
    std::uint64_t challenge_window = 0;
    std::string min_bond;
    std::string log_level;
    l1::L1StubConfig config;

    po::options_description desc("Options");
    // clang-format off
    desc.add_options()
        ("help,h", "print this help and exit")
        ("datadir", po::value(&datadir)->default_value("optimist-l1-data"), "directory for the L1 database")
        ("http.addr", po::value(&http_addr)->default_value("127.0.0.1"),
         "address the JSON-RPC server binds; anything but loopback exposes the node")
        ("http.port", po::value(&http_port)->default_value(8545), "JSON-RPC port (0: any free port)")
        ("block-time", po::value(&block_time)->default_value(2),
         "seconds between L1 blocks, fractions allowed; 0 mines on each transaction")
        ("challenge-window", po::value(&challenge_window)->default_value(config.l1.challenge_window),
         "L1 blocks after which an undisputed output root is finalized")
        ("min-bond", po::value(&min_bond)->default_value(to_string(config.l1.min_bond)),
         "smallest bond of an output proposal, in wei (decimal or 0x-hex)")
        ("sync-writes", "fsync each block and accepted transaction (survives power loss, slower)")
        ("log-level", po::value(&log_level)->default_value("info"), "trace, debug, info, warn or error");
    // clang-format on

    po::variables_map vm;
    if (auto exit = tools::parse_options("optimist-l1", argc, argv, desc, vm,
                                         [&](std::ostream& out) { print_usage(out, desc); }))
        return *exit;
    if (!tools::apply_log_level("optimist-l1", log_level)) return kExitUsage;
    if (!std::isfinite(block_time) || block_time < 0 || block_time > 3600) {
        std::cerr << "optimist-l1: --block-time must be between 0 and 3600 seconds\n";
        return kExitUsage;
    }
    const auto bond = uint256_from_string(min_bond);
    if (!bond) {
        std::cerr << "optimist-l1: --min-bond " << min_bond << " is not a number\n";
        return kExitUsage;
    }
    if (http_port > 65535) {
        std::cerr << "optimist-l1: --http.port must be below 65536\n";
        return kExitUsage;
    }
    config.datadir = datadir;
    config.block_time = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(block_time * 1000)));
    config.l1.challenge_window = challenge_window;
    config.l1.min_bond = *bond;
    config.sync_writes = vm.count("sync-writes") != 0;

    // Before any thread starts (LevelDB's, the server's, the miner's).
    tools::StopSignals stop_signals;

    auto stub = l1::L1Stub::open(config);
    if (!stub) {
        std::cerr << "optimist-l1: " << stub.error() << '\n';
        return kExitStartup;
    }

    rpc::Dispatcher dispatcher;
    l1::register_l1_api(dispatcher, **stub);
    rpc::HttpServerOptions server_options;
    server_options.bind_address = http_addr;
    server_options.port = static_cast<std::uint16_t>(http_port);
    rpc::HttpServer server(dispatcher, server_options);
    if (auto s = server.start(); !s) {
        std::cerr << "optimist-l1: " << s.error() << '\n';
        return kExitStartup;
    }
    if (http_addr != "127.0.0.1" && http_addr != "::1")
        logging::warn("rpc", "listening on " + http_addr + ": the L1 stub is reachable from other machines");

    (*stub)->start();
    print_banner(config, "http://" + http_addr + ":" + std::to_string(server.port()));

    const std::string_view received = stop_signals.wait();
    logging::info("l1", "received " + std::string(received) + ", stopping");
    server.stop();
    (*stub)->stop();
    auto head = (*stub)->head();
    logging::info("l1", "stopped at L1 block " + (head ? std::to_string(head->number) : std::string("?")));
    return 0;
}
