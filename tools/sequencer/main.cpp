// optimist-sequencer: the rollup's sequencer node. Executes blocks from its mempool, keeps
// the chain and state in LevelDB under --datadir, and serves Ethereum JSON-RPC.
//
// Exit status: 0 after a clean stop (SIGINT/SIGTERM), 1 on a startup error, 2 on usage errors.
#include <optimist/core/logging.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/eth_api.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/core/hex.hpp>

#include <boost/program_options.hpp>
#include <tool_support.hpp>

#include <cmath>
#include <iostream>
#include <string>

namespace po = boost::program_options;
using namespace optimist;

namespace {

using tools::kExitStartup;
using tools::kExitUsage;

void print_usage(std::ostream& out, const po::options_description& desc) {
    out << "Usage: optimist-sequencer [options]\n\n"
           "Runs an Optimist sequencer: accepts transactions over JSON-RPC (eth_sendRawTransaction),\n"
           "builds a block every --block-time seconds (0: one per transaction), stores chain and state\n"
           "in LevelDB under --datadir and resumes from it after a restart or crash. Without --genesis\n"
           "it runs the dev chain: chain id 901, ten funded accounts of the mnemonic\n"
           "\"test test test test test test test test test test test junk\" (printed at start).\n\n"
        << desc << '\n';
}

void print_banner(const sequencer::NodeConfig& config, const std::string& url, bool dev) {
    std::cout << "\nOptimist sequencer\n"
              << "  RPC URL    " << url << "\n"
              << "  chain id   " << config.genesis.chain_id << "\n"
              << "  block time " << (config.block_time.count() == 0 ? std::string("on each transaction")
                                                                     : std::to_string(config.block_time.count()) + " ms")
              << "\n"
              << "  datadir    " << config.datadir << "\n";
    if (dev) {
        std::cout << "\nFunded dev accounts (10,000 ETH each; mnemonic \"" << sequencer::kDevMnemonic << "\")\n";
        for (std::size_t i = 0; i < sequencer::kDevAccounts.size(); ++i) {
            std::cout << "  (" << i << ") " << sequencer::kDevAccounts[i].address << "  "
                      << sequencer::kDevAccounts[i].private_key << "\n";
        }
        std::cout << "These keys are public: use them for development only.\n";
    }
    std::cout << std::endl;
}

}  // namespace

int main(int argc, char** argv) {
    std::string datadir;
    std::string genesis_path;
    std::string http_addr;
    unsigned http_port = 0;
    unsigned http_threads = 0;
    double block_time = -1;
    std::string log_level;
    sequencer::NodeConfig config;
    rpc::HttpServerOptions server_options;
    sequencer::EthApiOptions api_options;
    std::string l1_url;
    std::string batcher_key_text;
    std::string proposer_key_text;
    std::uint64_t output_interval = 1;
    std::string fault_text;
    std::uint64_t fault_block = 0;
    std::uint64_t fault_tx = 0;

    po::options_description desc("Options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("datadir", po::value(&datadir)->default_value("optimist-data"), "directory for the chain database")
        ("genesis", po::value(&genesis_path), "genesis JSON file (default: the built-in dev genesis)")
        ("print-genesis", "print the genesis in use as JSON and exit")
        ("http.addr", po::value(&http_addr)->default_value("127.0.0.1"),
         "address the JSON-RPC server binds; anything but loopback exposes the node")
        ("http.port", po::value(&http_port)->default_value(9545), "JSON-RPC port (0: any free port)")
        ("http.threads", po::value(&http_threads)->default_value(2), "JSON-RPC server threads")
        ("block-time", po::value(&block_time), "seconds between blocks, fractions allowed; 0 mines on each "
                                               "transaction (default: the genesis blockTime)")
        ("no-empty-blocks", "skip blocks while the mempool is empty")
        ("mempool.max-txs", po::value(&config.mempool.max_total)->default_value(config.mempool.max_total),
         "transactions the pool holds before evicting the cheapest")
        ("mempool.max-per-sender", po::value(&config.mempool.max_per_sender)->default_value(config.mempool.max_per_sender),
         "pooled transactions per sender")
        ("mempool.max-nonce-gap", po::value(&config.mempool.max_nonce_gap)->default_value(config.mempool.max_nonce_gap),
         "how far past the account nonce a pooled nonce may be")
        ("rpc.max-body", po::value(&server_options.max_body_bytes)->default_value(server_options.max_body_bytes),
         "largest request body in bytes")
        ("rpc.max-batch", po::value(&server_options.max_batch)->default_value(server_options.max_batch),
         "most requests in one batch")
        ("rpc.max-logs-range", po::value(&api_options.max_logs_range)->default_value(api_options.max_logs_range),
         "most blocks one eth_getLogs may scan")
        ("rpc.gas-cap", po::value(&api_options.gas_cap)->default_value(api_options.gas_cap),
         "gas limit of eth_call and eth_estimateGas")
        ("l1", po::value(&l1_url), "L1 JSON-RPC URL (optimist-l1); enables the batcher and proposer")
        ("batcher-key", po::value(&batcher_key_text), "private key of the batcher (default with the dev genesis: dev account 8)")
        ("proposer-key", po::value(&proposer_key_text), "private key of the proposer (default with the dev genesis: dev account 9)")
        ("output-interval", po::value(&output_interval)->default_value(1), "propose the output root of every N-th L2 block")
        ("fault", po::value(&fault_text),
         "FAULT INJECTION (tests, devnet demos): the proposer posts a deliberately wrong output root for "
         "--fault-block, made by re-executing it with this fault: transfer-balance, storage-value, arithmetic, "
         "gas, skip-tx, swap-txs, wrong-log, wrong-refund, create-address or empty-block-root")
        ("fault-block", po::value(&fault_block), "with --fault: the L2 block whose root is wrong")
        ("fault-tx", po::value(&fault_tx)->default_value(0), "with --fault: the transaction of that block the fault changes")
        ("exec-threads", po::value(&config.exec_threads)->default_value(0),
         "threads executing each block in parallel (Block-STM); 0: the hardware threads, 1: sequential")
        ("sync-writes", "fsync each block and accepted transaction (survives power loss, slower)")
        ("log-level", po::value(&log_level)->default_value("info"), "trace, debug, info, warn or error");

    po::variables_map vm;
    if (auto exit = tools::parse_options("optimist-sequencer", argc, argv, desc, vm,
                                         [&](std::ostream& out) { print_usage(out, desc); }))
        return *exit;
    if (!tools::apply_log_level("optimist-sequencer", log_level)) return kExitUsage;

    const bool dev = genesis_path.empty();
    if (!dev) {
        auto g = sequencer::load_genesis_file(genesis_path);
        if (!g) {
            std::cerr << "optimist-sequencer: " << g.error() << '\n';
            return kExitStartup;
        }
        config.genesis = std::move(*g);
    }
    if (vm.count("print-genesis")) {
        std::cout << sequencer::genesis_to_json(config.genesis) << '\n';
        return 0;
    }
    if (block_time < 0) block_time = static_cast<double>(config.genesis.block_time);
    if (!std::isfinite(block_time) || block_time > 3600) {
        std::cerr << "optimist-sequencer: --block-time must be between 0 and 3600 seconds\n";
        return kExitUsage;
    }
    config.block_time = std::chrono::milliseconds(static_cast<std::int64_t>(std::llround(block_time * 1000)));
    config.empty_blocks = vm.count("no-empty-blocks") == 0;
    config.sync_writes = vm.count("sync-writes") != 0;
    config.datadir = datadir;

    std::optional<fault::FaultPlan> fault_plan;
    if (!fault_text.empty()) {
        const auto kind = proof::parse_fault_kind(fault_text);
        if (!kind || *kind == proof::FaultKind::none) {
            std::cerr << "optimist-sequencer: --fault " << fault_text << " is not a fault kind\n";
            return kExitUsage;
        }
        if (!vm.count("fault-block") || fault_block == 0) {
            std::cerr << "optimist-sequencer: --fault needs --fault-block N (N >= 1)\n";
            return kExitUsage;
        }
        if (l1_url.empty()) {
            std::cerr << "optimist-sequencer: --fault needs --l1 (the proposer posts the wrong root there)\n";
            return kExitUsage;
        }
        fault_plan = fault::FaultPlan{fault_block, proof::Fault{*kind, fault_tx}};
    } else if (vm.count("fault-block")) {
        std::cerr << "optimist-sequencer: --fault-block needs --fault\n";
        return kExitUsage;
    }

    // Before any thread starts (LevelDB's, the server's, the producer's).
    tools::StopSignals stop_signals;

    auto node = sequencer::Node::open(config);
    if (!node) {
        std::cerr << "optimist-sequencer: " << node.error() << '\n';
        return kExitStartup;
    }

    rpc::Dispatcher dispatcher;
    sequencer::register_eth_api(dispatcher, **node, api_options);
    server_options.bind_address = http_addr;
    server_options.port = static_cast<std::uint16_t>(http_port);
    server_options.threads = http_threads;
    rpc::HttpServer server(dispatcher, server_options);
    if (auto s = server.start(); !s) {
        std::cerr << "optimist-sequencer: " << s.error() << '\n';
        return kExitStartup;
    }
    if (http_addr != "127.0.0.1" && http_addr != "::1")
        logging::warn("rpc", "listening on " + http_addr + ": the node is reachable from other machines");

    std::unique_ptr<l1::L1RpcClient> l1_client;
    // The proposer's deliberately wrong view of the chain (--fault); the pipeline thread asks it.
    std::unique_ptr<fault::ChainTruth> faulty_truth;
    std::unique_ptr<sequencer::Pipeline> pipeline;
    if (!l1_url.empty()) {
        auto key = [&](const std::string& text, std::size_t dev_index, const char* what) -> std::optional<Hash> {
            if (text.empty()) {
                if (dev) return sequencer::dev_private_key(dev_index);
                std::cerr << "optimist-sequencer: --" << what << " is required with --l1 and a custom genesis\n";
                return std::nullopt;
            }
            auto k = fixed_from_hex<32>(text);
            if (!k) {
                std::cerr << "optimist-sequencer: --" << what << " is not a 32-byte hex private key\n";
                return std::nullopt;
            }
            return *k;
        };
        const auto batcher_key = key(batcher_key_text, sequencer::kDevBatcherAccount, "batcher-key");
        const auto proposer_key = key(proposer_key_text, sequencer::kDevProposerAccount, "proposer-key");
        if (!batcher_key || !proposer_key) return kExitUsage;
        sequencer::PipelineConfig pc;
        pc.batcher.key = *batcher_key;
        pc.proposer.key = *proposer_key;
        pc.proposer.interval = output_interval == 0 ? 1 : output_interval;
        if (fault_plan) {
            faulty_truth = std::make_unique<fault::ChainTruth>(**node, fault_plan);
            pc.proposer.override_root = [truth = faulty_truth.get(), plan = *fault_plan](
                                            std::uint64_t block, const Hash& honest) -> std::optional<Hash> {
                if (block != plan.l2_block) return std::nullopt;
                auto root = truth->output_root(block);
                if (!root) {
                    logging::error("sequencer", "--fault: " + root.error() + "; posting the honest root");
                    return std::nullopt;
                }
                if (*root == honest) {
                    // The fault does not apply to this block (it names a transaction the block
                    // lacks, or empty-block-root on a block with transactions).
                    logging::warn("sequencer", "--fault " + std::string(proof::to_string(plan.fault.kind)) +
                                                   " does not change L2 block " + std::to_string(block) +
                                                   ": its root is honest");
                    return std::nullopt;
                }
                return *root;  // the proposer logs the substitution
            };
        }
        l1_client = std::make_unique<l1::L1RpcClient>(l1_url);
        pipeline = std::make_unique<sequencer::Pipeline>(**node, *l1_client, pc);
    }

    if (fault_plan) {
        logging::warn("sequencer", "FAULT INJECTION: the proposer will post a deliberately WRONG output root for L2 "
                                   "block " + std::to_string(fault_plan->l2_block) + " (" +
                                   std::string(proof::to_string(fault_plan->fault.kind)) + " in transaction " +
                                   std::to_string(fault_plan->fault.tx_index) +
                                   "); an honest challenger will dispute it and take the proposer's bond");
    }
    (*node)->start();
    if (pipeline) {
        pipeline->start();
        logging::info("sequencer", "batcher and proposer posting to L1 at " + l1_url);
    }
    const std::string url = "http://" + http_addr + ":" + std::to_string(server.port());
    print_banner(config, url, dev);

    const std::string_view received = stop_signals.wait();
    logging::info("sequencer", "received " + std::string(received) + ", stopping");
    server.stop();
    if (pipeline) pipeline->stop();
    (*node)->stop();
    logging::info("sequencer", "stopped at block " + std::to_string((*node)->head().number));
    return 0;
}
