// optimist-verifier: rebuilds the L2 chain from L1 data alone (the batch inbox and the
// output oracle of an optimist-l1), re-executes every block into its own datadir, and
// reports for each posted output root whether it matches. Optionally serves the derived
// chain over JSON-RPC.
//
// Exit status: 0 after a clean stop (or, with --once, when every checked root matched);
// 1 on a startup error or, with --once, when a root did not match; 2 on usage errors.
#include <optimist/core/logging.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>
#include <optimist/sequencer/eth_api.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/verifier.hpp>

#include <boost/program_options.hpp>
#include <tool_support.hpp>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <iostream>
#include <string>

namespace po = boost::program_options;
using namespace optimist;

int main(int argc, char** argv) {
    std::string l1_url;
    std::string datadir;
    std::string genesis_path;
    std::string http_addr;
    unsigned http_port = 0;
    unsigned poll_ms = 0;
    std::string log_level;

    po::options_description desc("Options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("l1", po::value(&l1_url)->default_value("http://127.0.0.1:8545"), "L1 JSON-RPC URL (optimist-l1)")
        ("datadir", po::value(&datadir)->default_value("optimist-verifier-data"), "directory for the derived chain")
        ("genesis", po::value(&genesis_path), "the rollup's genesis JSON (default: the built-in dev genesis)")
        ("http.addr", po::value(&http_addr)->default_value("127.0.0.1"), "address of the optional JSON-RPC server")
        ("http.port", po::value(&http_port)->default_value(0), "serve the derived chain on this port (0: no server)")
        ("poll-ms", po::value(&poll_ms)->default_value(1000), "how often to read the L1")
        ("once", "derive up to the L1 head, check the roots, print a summary and exit (1 if a root mismatched)")
        ("log-level", po::value(&log_level)->default_value("info"), "trace, debug, info, warn or error");
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "Usage: optimist-verifier [options]\n\nDerives the L2 chain from the L1 batch inbox (only the "
               "authorized batcher's posts),\nre-executes every block and checks every output root posted to "
               "the L1 output oracle.\n\n"
            << desc << '\n';
    };
    if (auto exit = tools::parse_options("optimist-verifier", argc, argv, desc, vm, usage)) return *exit;
    if (!tools::apply_log_level("optimist-verifier", log_level)) return tools::kExitUsage;

    sequencer::NodeConfig config;
    if (!genesis_path.empty()) {
        auto g = sequencer::load_genesis_file(genesis_path);
        if (!g) {
            std::cerr << "optimist-verifier: " << g.error() << '\n';
            return tools::kExitStartup;
        }
        config.genesis = std::move(*g);
    }
    config.datadir = datadir;
    config.block_time = std::chrono::milliseconds(0);

    // Before any thread starts (LevelDB's, the server's, the worker).
    tools::StopSignals stop_signals;

    auto node = sequencer::Node::open(config);
    if (!node) {
        std::cerr << "optimist-verifier: " << node.error() << '\n';
        return tools::kExitStartup;
    }
    l1::L1RpcClient l1_client(l1_url);
    sequencer::Verifier verifier(**node, l1_client);

    if (vm.count("once")) {
        if (auto s = verifier.step(); !s) {
            std::cerr << "optimist-verifier: " << s.error() << '\n';
            return tools::kExitStartup;
        }
        std::cout << "derived L2 blocks up to " << (*node)->head().number << " from L1 blocks up to "
                  << verifier.l1_block() << "; " << verifier.checks().size() << " output roots checked, "
                  << verifier.mismatches() << " mismatched; " << verifier.rejections().size()
                  << " L1 entries rejected\n";
        return verifier.mismatches() == 0 ? 0 : 1;
    }

    rpc::Dispatcher dispatcher;
    std::unique_ptr<rpc::HttpServer> server;
    if (http_port != 0) {
        sequencer::register_eth_api(dispatcher, **node);
        rpc::HttpServerOptions options;
        options.bind_address = http_addr;
        options.port = static_cast<std::uint16_t>(http_port);
        server = std::make_unique<rpc::HttpServer>(dispatcher, options);
        if (auto s = server->start(); !s) {
            std::cerr << "optimist-verifier: " << s.error() << '\n';
            return tools::kExitStartup;
        }
    }

    // Derivation runs on its own thread; this one waits for the stop signal.
    std::atomic<bool> stopping{false};
    std::mutex wake_mutex;
    std::condition_variable wake;
    std::thread worker([&] {
        bool warned = false;
        while (!stopping) {
            if (auto s = verifier.step(); !s) {
                if (!warned) logging::warn("verifier", s.error() + " (will retry)");
                warned = true;
            } else {
                warned = false;
            }
            std::unique_lock lock(wake_mutex);
            wake.wait_for(lock, std::chrono::milliseconds(poll_ms), [&] { return stopping.load(); });
        }
    });
    logging::info("verifier", "following the L1 at " + l1_url + (server ? ", serving the derived chain on http://" +
                                                                           http_addr + ":" + std::to_string(server->port())
                                                                     : std::string()));
    (void)stop_signals.wait();
    {
        const std::lock_guard lock(wake_mutex);
        stopping = true;
    }
    wake.notify_all();
    worker.join();
    if (server) server->stop();
    logging::info("verifier", "stopped at L2 block " + std::to_string((*node)->head().number) + "; " +
                                  std::to_string(verifier.checks().size()) + " roots checked, " +
                                  std::to_string(verifier.mismatches()) + " mismatched");
    return 0;
}
