// optimist-l1: the L1 stub as a process. Keeps its chain in LevelDB under --datadir, mines a
// block every --block-time seconds and serves the L1's JSON-RPC (eth_* for tools,
// optimist_l1* for the rollup's L1RpcClient). Its dispute games are judged by the step
// machine's referee (fault::Referee) for the rollup of --l2-genesis (the dev genesis by
// default), which also gives the L2 genesis output root that anchors disputes.
//
// Exit status: 0 after a clean stop (SIGINT/SIGTERM), 1 on a startup error, 2 on usage errors.
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/fault/referee.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/rpc/http_server.hpp>
#include <optimist/sequencer/genesis.hpp>

#include <boost/program_options.hpp>
#include <tool_support.hpp>

#include <cmath>
#include <csignal>
#include <iostream>
#include <optional>
#include <string>

namespace po = boost::program_options;
using namespace optimist;

namespace {

using tools::kExitStartup;
using tools::kExitUsage;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: optimist-l1 [options]\n\n"
           "Runs the Optimist L1 stub: an L1 chain (id 900) with a batch inbox, an output-root\n"
           "oracle and a dispute game factory, for the rollup's batcher, proposer, verifier and\n"
           "challenger. Accepts signed Ethereum transactions over JSON-RPC, mines a block every\n"
           "--block-time seconds (0: one per transaction), stores everything in LevelDB under\n"
           "--datadir and resumes from it after a restart or crash. Dispute games are judged by the\n"
           "fraud-proof step machine for the rollup of --l2-genesis (default: the built-in dev genesis):\n"
           "block inputs are derived from this L1's own inbox, posted by that genesis's batcher.\n"
           "The ten dev accounts of \"test test ... junk\" hold 10,000 ETH each.\n\n"
        << desc << '\n';
}

void print_banner(const l1::L1StubConfig& config, const std::string& url) {
    const l1::L1Config& c = config.l1;
    std::cout << "\nOptimist L1 stub\n"
              << "  RPC URL          " << url << "\n"
              << "  chain id         " << c.chain_id << "\n"
              << "  batch inbox      " << to_hex(c.batch_inbox) << "\n"
              << "  output oracle    " << to_hex(c.output_oracle) << "\n"
              << "  game factory     " << to_hex(c.dispute_game_factory) << " ("
              << (config.referee ? "games enabled" : "games disabled: no referee") << ")\n"
              << "  challenge window " << c.challenge_window << " L1 blocks\n"
              << "  minimum bond     " << to_string(c.min_bond) << " wei\n"
              << "  game clock       " << c.game_clock << " L1 blocks per party\n"
              << "  L2 genesis root  "
              << (c.l2_genesis_output.is_zero() ? std::string("not set") : to_hex(c.l2_genesis_output))
              << "\n"
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
    std::uint64_t game_clock = 0;
    std::string l2_genesis_output;
    std::string l2_genesis_path;
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
        ("game-clock", po::value(&game_clock)->default_value(config.l1.game_clock),
         "L1 blocks each party of a dispute game may spend on its moves in the whole game")
        ("l2-genesis", po::value(&l2_genesis_path),
         "the rollup's genesis JSON, as optimist-sequencer --genesis takes it (default: the built-in dev "
         "genesis): its batcher, chain rules and block 0 for the dispute referee")
        ("l2-genesis-output", po::value(&l2_genesis_output),
         "output root of L2 block 0 (0x-hex), the anchor of disputes before any root finalizes; "
         "default: computed from --l2-genesis; kept in the datadir")
        ("no-referee", "run without the dispute referee: createGame fails (games disabled)")
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
    if (game_clock == 0) {
        std::cerr << "optimist-l1: --game-clock must be at least 1 L1 block\n";
        return kExitUsage;
    }
    std::optional<Hash> genesis_output;
    if (!l2_genesis_output.empty()) {
        auto parsed = fixed_from_hex<32>(l2_genesis_output);
        if (parsed) genesis_output = *parsed;
        if (!genesis_output) {
            std::cerr << "optimist-l1: --l2-genesis-output " << l2_genesis_output
                      << " is not a 32-byte hex value\n";
            return kExitUsage;
        }
    }
    sequencer::Genesis l2_genesis = sequencer::dev_genesis();
    if (!l2_genesis_path.empty()) {
        auto g = sequencer::load_genesis_file(l2_genesis_path);
        if (!g) {
            std::cerr << "optimist-l1: --l2-genesis: " << g.error() << '\n';
            return kExitStartup;
        }
        l2_genesis = std::move(*g);
    }
    const bool with_referee = vm.count("no-referee") == 0;
    // Block 0's output root follows from the genesis; an explicit one must agree with it.
    const tx::BlockHeader l2_block0 = sequencer::genesis_header(l2_genesis, sequencer::genesis_state_root(l2_genesis));
    const Hash computed_output = rollup::output_root(l2_block0.state_root, Hash{}, tx::header_hash(l2_block0));
    if (genesis_output && with_referee && *genesis_output != computed_output) {
        std::cerr << "optimist-l1: --l2-genesis-output " << to_hex(genesis_output->view())
                  << " is not the output root of the L2 genesis block (" << to_hex(computed_output.view())
                  << "); pass the matching --l2-genesis\n";
        return kExitUsage;
    }
    if (!genesis_output && with_referee) genesis_output = computed_output;
    if (http_port > 65535) {
        std::cerr << "optimist-l1: --http.port must be below 65536\n";
        return kExitUsage;
    }
    config.datadir = datadir;
    config.block_time = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(block_time * 1000)));
    config.l1.challenge_window = challenge_window;
    config.l1.min_bond = *bond;
    config.l1.game_clock = game_clock;
    if (genesis_output) config.l1.l2_genesis_output = *genesis_output;
    config.sync_writes = vm.count("sync-writes") != 0;

    // Before any thread starts (LevelDB's, the server's, the miner's).
    tools::StopSignals stop_signals;

    auto stub = l1::L1Stub::open(config);
    if (!stub) {
        std::cerr << "optimist-l1: " << stub.error() << '\n';
        return kExitStartup;
    }

    std::shared_ptr<fault::Referee> referee;
    if (with_referee) {
        referee = std::make_shared<fault::Referee>(fault::chain_rules(l2_genesis), l2_genesis.batcher,
                                                   (*stub)->inbox_reader());
        (*stub)->set_referee(referee);
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
    // The stub's configuration as opened (the datadir may supply the L2 genesis output), with
    // the referee set after opening.
    l1::L1StubConfig shown = (*stub)->stub_config();
    shown.referee = referee;
    print_banner(shown, "http://" + http_addr + ":" + std::to_string(server.port()));

    const std::string_view received = stop_signals.wait();
    logging::info("l1", "received " + std::string(received) + ", stopping");
    server.stop();
    (*stub)->stop();
    auto head = (*stub)->head();
    logging::info("l1", "stopped at L1 block " + (head ? std::to_string(head->number) : std::string("?")));
    return 0;
}
