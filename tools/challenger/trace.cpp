// optimist-challenger run-trace: re-executes one L2 block of a node's chain with the step
// machine (proof::BlockProver) and prints the commitments the dispute game bisects over.
#include "challenger_support.hpp"
#include "commands.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/verifier.hpp>
#include <optimist/tx/codec.hpp>

#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>
#include <proof_check.hpp>
#include <tool_support.hpp>

namespace po = boost::program_options;

namespace optimist::challenger {

namespace {

constexpr std::string_view kTraceUsage =
    "Usage: optimist-challenger run-trace BLOCK [TX] --datadir DIR [options]\n\n"
    "Re-executes L2 block BLOCK of the chain in DIR (a challenger's, verifier's or sequencer's\n"
    "datadir, not in use by a running process) with the fraud-proof step machine and prints the\n"
    "level-2 commitments of the dispute game: the parent's output root, the block state before\n"
    "each transaction and after the last, and the block's output root. With TX it prints the\n"
    "level-3 commitments of that transaction: one line per step (index, phase, where in the EVM,\n"
    "commitment), from --from, at most --limit lines. With --l1 it first derives the chain from the\n"
    "L1 up to its head into DIR.\n\n";

std::string line_of(std::uint64_t j, const Hash& commitment, const std::string& what) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%8llu  ", static_cast<unsigned long long>(j));
    return buf + to_hex(commitment.view()) + "  " + what;
}

}  // namespace

int run_trace(const std::vector<std::string>& args) {
    std::string datadir, l1_url, genesis_path, log_level, fault_text;
    std::uint64_t block = 0;
    std::uint64_t tx_index = 0;
    std::uint64_t limit = 0;
    std::uint64_t from = 0;
    po::options_description desc("optimist-challenger run-trace options");
    // clang-format off
    desc.add_options()
        ("help,h", "print this help and exit")
        ("block", po::value(&block), "the L2 block (also the first positional argument)")
        ("tx", po::value(&tx_index), "a transaction index in it (also the second positional argument)")
        ("datadir", po::value(&datadir), "the node datadir whose chain to re-execute")
        ("genesis", po::value(&genesis_path), "the rollup's genesis JSON (default: the built-in dev genesis)")
        ("l1", po::value(&l1_url), "derive the chain from this L1 (optimist-l1) up to its head first")
        ("from", po::value(&from)->default_value(0), "with TX: the first step to print")
        ("limit", po::value(&limit)->default_value(200), "with TX: the most step lines to print")
        ("fault", po::value(&fault_text), "re-execute with a deliberate fault (a --fault kind) in transaction TX, "
                                          "to see where a dishonest trace departs")
        ("log-level", po::value(&log_level)->default_value("warn"), "trace, debug, info, warn or error");
    // clang-format on
    po::positional_options_description positional;
    positional.add("block", 1).add("tx", 1);
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) { out << kTraceUsage << desc << '\n'; };
    if (auto exit = tools::parse_options("optimist-challenger run-trace", args, desc, positional, vm, usage))
        return *exit;
    if (!tools::apply_log_level("optimist-challenger", log_level)) return kExitUsage;
    if (!vm.count("block") || datadir.empty()) {
        std::cerr << "optimist-challenger run-trace: BLOCK and --datadir are required\n\n";
        usage(std::cerr);
        return kExitUsage;
    }
    if (block == 0) {
        std::cerr << "optimist-challenger run-trace: block 0 is the genesis: it executes nothing\n";
        return kExitUsage;
    }
    const bool with_tx = vm.count("tx") != 0;
    std::optional<fault::FaultPlan> plan;
    if (!fault_text.empty()) {
        const auto kind = proof::parse_fault_kind(fault_text);
        if (!kind) {
            std::cerr << "optimist-challenger run-trace: --fault " << fault_text << " is not a fault kind\n";
            return kExitUsage;
        }
        plan = fault::FaultPlan{block, proof::Fault{*kind, tx_index}};
    }

    sequencer::NodeConfig config;
    if (!genesis_path.empty()) {
        auto g = sequencer::load_genesis_file(genesis_path);
        if (!g) {
            std::cerr << "optimist-challenger run-trace: " << g.error() << '\n';
            return kExitFailure;
        }
        config.genesis = std::move(*g);
    }
    config.datadir = datadir;
    config.block_time = std::chrono::milliseconds(0);
    auto node = sequencer::Node::open(config);
    if (!node) {
        std::cerr << "optimist-challenger run-trace: " << node.error() << " (is a process still using "
                  << datadir << "?)\n";
        return kExitFailure;
    }
    if (!l1_url.empty()) {
        l1::L1RpcClient l1(l1_url);
        sequencer::Verifier verifier(**node, l1);
        if (auto s = verifier.step(); !s) {
            std::cerr << "optimist-challenger run-trace: deriving from " << l1_url << ": " << s.error()
                      << '\n';
            return kExitFailure;
        }
    }
    const auto stored = (*node)->chain().block_by_number(block);
    if (!stored) {
        std::cerr << "optimist-challenger run-trace: L2 block " << block << " is not in the chain of "
                  << datadir << " (head " << (*node)->head().number << ")\n";
        return kExitFailure;
    }
    fault::ChainTruth truth(**node, plan);
    auto prover_result = truth.prover(block);
    if (!prover_result) {
        std::cerr << "optimist-challenger run-trace: " << prover_result.error() << '\n';
        return kExitFailure;
    }
    proof::BlockProver& prover = **prover_result;
    const std::uint64_t n = prover.inputs().txs.size();
    if (with_tx && tx_index >= n) {
        std::cerr << "optimist-challenger run-trace: block " << block << " has " << n << " transactions\n";
        return kExitUsage;
    }

    const Hash stored_output =
        rollup::output_root(stored->header.state_root, Hash{}, tx::header_hash(stored->header));
    std::cout << "L2 block " << block << ": " << n << " transactions, timestamp " << prover.inputs().timestamp
              << ", re-executed with the step machine" << (plan ? " WITH A DELIBERATE FAULT" : "") << "\n"
              << "output root  " << to_hex(prover.output_root().view())
              << (prover.output_root() == stored_output
                      ? "  (the stored block's)"
                      : "  DIFFERS from the stored block's " + to_hex(stored_output.view()))
              << "\n\n"
              << "big step  commitment                                                          what\n";
    const auto& receipts = prover.receipts();
    for (std::uint64_t j = 0; j < prover.big_steps(); ++j) {
        std::string what;
        if (j == 0) {
            what = "output root of block " + std::to_string(block - 1) + " (agreed start)";
        } else if (j == n + 1) {
            what = "block state after the last transaction";
            if (n == 0) what = "block state (no transactions)";
        } else {
            what = "block state before transaction " + std::to_string(j - 1);
        }
        std::cout << line_of(j, prover.big_step_commitment(j), what) << '\n';
        if (j >= 1 && j <= n) {
            const tx::Transaction& t = prover.inputs().txs[j - 1];
            std::string detail = "          transaction " + std::to_string(j - 1) + " " +
                                 to_hex(tx::transaction_hash(t).view()) + ": " +
                                 std::to_string(prover.step_count(j)) + " steps, level-3 range 2^" +
                                 std::to_string(prover.step_bits(j));
            if (receipts.size() == n) detail += receipts[j - 1].success ? ", succeeded" : ", failed";
            std::cout << detail << '\n';
        }
    }
    std::cout << line_of(prover.big_steps(), prover.big_step_commitment(prover.big_steps()),
                         "output root of block " + std::to_string(block))
              << '\n';

    if (!with_tx) return kExitOk;
    const std::uint64_t j = tx_index + 1;
    const std::uint64_t count = prover.step_count(j);
    std::cout << "\ntransaction " << tx_index << " (big step " << j << "): " << count
              << " steps, then the state stays put up to position 2^" << prover.step_bits(j) << "\n"
              << "    step  commitment                                                          phase\n";
    std::uint64_t printed = 0;
    for (std::uint64_t k = from; k <= count && printed < limit; ++k, ++printed) {
        if (k == count) {
            auto c = prover.step_commitment(j, k);
            if (!c) {
                std::cerr << "optimist-challenger run-trace: step " << k << ": " << c.error() << '\n';
                return kExitFailure;
            }
            std::cout << line_of(k, *c, "block: transaction done (= big step " + std::to_string(j + 1) + ")")
                      << '\n';
            continue;
        }
        // The proof of step k opens the state before it: its phase and place in the EVM.
        auto step = prover.prove_step(j, k);
        if (step) {
            auto state = proof::decode_step_state(step->pre_state);
            if (state) {
                std::cout << line_of(k, state->commitment(), cli::describe_phase(*step)) << '\n';
                continue;
            }
        }
        auto c = prover.step_commitment(j, k);
        if (!c) {
            std::cerr << "optimist-challenger run-trace: step " << k << ": " << c.error() << '\n';
            return kExitFailure;
        }
        std::cout << line_of(k, *c, "? (" + (step ? std::string("undecodable state") : step.error()) + ")")
                  << '\n';
    }
    if (from + printed <= count)
        std::cout << "... " << (count + 1 - from - printed) << " more steps (--from, --limit)\n";
    return kExitOk;
}

}  // namespace optimist::challenger
