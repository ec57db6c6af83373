// optimist-challenger run: a sequencer::Verifier re-derives the L2 chain from the L1 into its
// own node; a fault::Challenger over that chain (ChainTruth) disputes wrong roots, plays every
// game of this key and claims its credits. One thread: derive, poll, sleep (stop-aware).
#include "challenger_support.hpp"
#include "commands.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/fault/challenger.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/proof/proof_file.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/verifier.hpp>

#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cli_common.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <tool_support.hpp>

namespace po = boost::program_options;

namespace optimist::challenger {

namespace {

constexpr std::string_view kLog = "challenger";

// What the party's own chain says about the levels below a game's current one.
LevelsBelow levels_below(const l1::DisputeGame& g, fault::Truth& truth) {
    LevelsBelow below;
    if (g.level >= 3 || g.status != l1::GameStatus::in_progress) return below;
    // Level 1 converges on some block in (lo, hi]; hi stands for it.
    const std::uint64_t block = g.level == 1 ? g.hi : g.block;
    if (block == 0) return below;
    auto prover = truth.prover(block);
    if (!prover) return below;
    const proof::BlockProver& p = **prover;
    below.big_steps = p.big_steps();
    const std::uint64_t from = g.level == 1 ? 1 : std::max<std::uint64_t>(g.lo, 1);
    const std::uint64_t to =
        g.level == 1 ? p.big_steps() - 2 : std::min<std::uint64_t>(g.hi - 1, p.big_steps() - 2);
    unsigned bits = 0;
    for (std::uint64_t j = from; j <= to; ++j) bits = std::max(bits, p.step_bits(j));
    below.max_step_bits = bits;
    return below;
}

std::string role_of(const l1::DisputeGame& g, const Address& me) {
    if (g.challenger == me) return "the challenger";
    if (g.asserter == me) return "the asserter";
    return "not a party";
}

std::string progress_line(const l1::DisputeGame& g, const Address& me, std::uint64_t head,
                          fault::Truth& truth) {
    std::size_t ours = 0;
    for (const l1::GameMove& m : g.moves) {
        const bool by_us = m.party == l1::GameParty::challenger ? g.challenger == me : g.asserter == me;
        ours += by_us ? 1 : 0;
    }
    std::string s = "game " + std::to_string(g.id) + " over output " + std::to_string(g.output_index) +
                    " (L2 block " + std::to_string(g.l2_block) + "), we are " + role_of(g, me) + ": ";
    if (g.status != l1::GameStatus::in_progress) {
        const auto w = winner(g);
        const bool we_won = w && ((*w == l1::GameParty::challenger) == (g.challenger == me));
        s += std::string(l1::to_string(g.status)) + " (" + std::string(l1::to_string(g.end)) + ") after " +
             std::to_string(g.moves.size()) + " moves, " + std::to_string(ours) + " ours: ";
        s += !w ? "closed, bond credited back" : we_won ? "WON" : "LOST";
        return s;
    }
    const auto turn = l1::turn(g);
    s += describe_position(g) + "; " + std::to_string(g.moves.size()) + " moves made (" +
         std::to_string(ours) + " ours); turn: " +
         (l1::awaiting_proof(g) ? std::string("one-step proof") : std::string(l1::to_string(*turn))) +
         "; clock left: asserter " + std::to_string(l1::clock_left(g, l1::GameParty::asserter, head)) +
         ", challenger " + std::to_string(l1::clock_left(g, l1::GameParty::challenger, head)) +
         " L1 blocks; " + describe_remaining(estimate_remaining(g, levels_below(g, truth)));
    return s;
}

// A game of ours decided by a one-step proof: keep the proof of its leaf in `dir` if this
// party did not submit (and so export) it itself, because the other side proved first. The
// name is the one fault::Challenger gives the proofs it submits.
void export_deciding_proof(const l1::DisputeGame& g, fault::Challenger& challenger, fault::Truth& truth,
                           const std::string& dir) {
    if (dir.empty() || g.end != l1::GameEnd::step_proof || g.level < 2) return;
    const std::string path = dir + "/game-" + std::to_string(g.id) + "-level" + std::to_string(g.level) +
                             "-" + std::to_string(g.lo) + ".opsf";
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) return;
    auto proof = challenger.leaf_proof(g);
    auto prover = truth.prover(g.block);
    if (!proof || !prover) {
        logging::warn(kLog, "game " + std::to_string(g.id) + ": cannot export the deciding proof: " +
                                (proof ? prover.error() : proof.error()));
        return;
    }
    const Bytes bytes =
        proof::encode_proof_file({(*prover)->rules(), (*prover)->inputs(), g.lo_claim, g.hi_claim, *proof});
    std::filesystem::create_directories(dir, ec);
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        logging::warn(kLog, "game " + std::to_string(g.id) + ": cannot write " + path);
        return;
    }
    logging::info(kLog, "game " + std::to_string(g.id) +
                            ": the other side proved the leaf first; wrote our proof of it to " + path);
}

constexpr std::string_view kRunUsage =
    "Usage: optimist-challenger run --key KEY [options]\n\n"
    "Follows the L1: re-derives the L2 chain from the batch inbox into its own node (--datadir),\n"
    "compares every output root proposed inside its challenge window with the derived chain, opens\n"
    "a dispute game against each wrong one (posting --bond), plays every game this key is in (as\n"
    "challenger, and as asserter of its own proposals) down to a one-step proof, and claims the bonds\n"
    "it wins. Logs each game's progress: level, range, moves made and an estimate of those left.\n\n"
    "With --once it stops when there is nothing left to do: the chain is derived up to the L1 head\n"
    "it saw at start, every game this key plays (including those it opened) has ended, and its\n"
    "credit is claimed. Exit status: 0 none lost, 1 a failure (or a dispute that opened no game),\n"
    "2 usage, 3 a game was lost, 4 --timeout-s passed first. Without --once it runs until SIGINT or\n"
    "SIGTERM (exit 0).\n\n";

}  // namespace

int run_run(const std::vector<std::string>& args) {
    std::string l1_url, datadir, genesis_path, key_text, strategy_text, bond_text, proof_dir, log_level;
    std::string fault_text;
    std::uint64_t fault_block = 0;
    std::uint64_t fault_tx = 0;
    unsigned poll_ms = 0;
    unsigned timeout_s = 0;

    po::options_description desc("optimist-challenger run options");
    // clang-format off
    desc.add_options()
        ("help,h", "print this help and exit")
        ("l1", po::value(&l1_url)->default_value(std::string(kDefaultL1)), "the L1's JSON-RPC URL (optimist-l1)")
        ("datadir", po::value(&datadir)->default_value("optimist-challenger-data"),
         "directory of the challenger's own node (the chain it derives from L1)")
        ("genesis", po::value(&genesis_path), "the rollup's genesis JSON (default: the built-in dev genesis)")
        ("key", po::value(&key_text), "private key that signs the L1 transactions: hex, or dev:N for dev account N")
        ("strategy", po::value(&strategy_text)->default_value("honest"),
         "honest, dispute-correct, contrarian or silent (the dishonest ones exist to test that they lose)")
        ("no-dispute", "open no games; only play games this key is already in")
        ("no-defend", "do not play the asserter's side of games against this key's own proposals")
        ("bond", po::value(&bond_text), "bond of each game opened: 0.1eth, 20gwei or wei (default: the L1's minimum)")
        ("proof-dir", po::value(&proof_dir),
         "write every one-step proof this key submits there, and for a game of ours the other side proved "
         "first, the proof of the deciding step (for `optimist proof verify`)")
        ("poll-ms", po::value(&poll_ms)->default_value(500), "milliseconds between rounds")
        ("once", "exit when every game of this key has ended and its credit is claimed (exit 3 if one was lost)")
        ("timeout-s", po::value(&timeout_s)->default_value(600), "with --once: give up after this many seconds (exit 4)")
        ("fault", po::value(&fault_text),
         "play as a DISHONEST party that believes a deliberately wrong chain (tests): a fault kind as "
         "optimist-sequencer --fault takes")
        ("fault-block", po::value(&fault_block), "with --fault: the L2 block it changes")
        ("fault-tx", po::value(&fault_tx)->default_value(0), "with --fault: the transaction it changes")
        ("log-level", po::value(&log_level)->default_value("info"), "trace, debug, info, warn or error");
    // clang-format on
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) { out << kRunUsage << desc << '\n'; };
    if (auto exit = tools::parse_options("optimist-challenger run", args, desc, {}, vm, usage)) return *exit;
    if (!tools::apply_log_level("optimist-challenger", log_level)) return kExitUsage;

    const auto usage_error = [&](const std::string& message) {
        std::cerr << "optimist-challenger run: " << message << '\n';
        return kExitUsage;
    };
    if (key_text.empty()) return usage_error("--key is required (hex, or dev:N for a dev account)");
    auto key = parse_key(key_text);
    if (!key) return usage_error("--key: " + key.error());
    const auto strategy = fault::parse_strategy(strategy_text);
    if (!strategy)
        return usage_error("--strategy " + strategy_text +
                           " is not honest, dispute-correct, contrarian or silent");
    fault::ChallengerConfig cc;
    cc.key = *key;
    cc.strategy = *strategy;
    cc.dispute = vm.count("no-dispute") == 0;
    cc.defend = vm.count("no-defend") == 0;
    cc.proof_dir = proof_dir;
    if (!bond_text.empty()) {
        auto bond = cli::parse_amount(bond_text);
        if (!bond) return usage_error("--bond: " + bond.error());
        cc.bond = *bond;
    }
    std::optional<fault::FaultPlan> plan;
    if (!fault_text.empty()) {
        const auto kind = proof::parse_fault_kind(fault_text);
        if (!kind || *kind == proof::FaultKind::none)
            return usage_error("--fault " + fault_text + " is not a fault kind");
        if (!vm.count("fault-block")) return usage_error("--fault needs --fault-block");
        plan = fault::FaultPlan{fault_block, proof::Fault{*kind, fault_tx}};
    } else if (vm.count("fault-block")) {
        return usage_error("--fault-block needs --fault");
    }
    if (poll_ms == 0) poll_ms = 1;
    const bool once = vm.count("once") != 0;

    sequencer::NodeConfig config;
    if (!genesis_path.empty()) {
        auto g = sequencer::load_genesis_file(genesis_path);
        if (!g) {
            std::cerr << "optimist-challenger run: " << g.error() << '\n';
            return kExitFailure;
        }
        config.genesis = std::move(*g);
    }
    config.datadir = datadir;
    config.block_time = std::chrono::milliseconds(0);

    // Before any thread starts (LevelDB's).
    tools::StopSignals stop_signals;

    auto node = sequencer::Node::open(config);
    if (!node) {
        std::cerr << "optimist-challenger run: " << node.error() << '\n';
        return kExitFailure;
    }
    l1::L1RpcClient l1(l1_url);
    // The verifier logs every wrong root it finds (and every rejected inbox entry).
    sequencer::Verifier verifier(**node, l1);
    fault::ChainTruth truth(**node, plan);
    fault::Challenger challenger(l1, truth, cc);
    const Address me = challenger.address();

    std::cout << "\nOptimist challenger\n"
              << "  L1 RPC     " << l1_url << "\n"
              << "  account    " << rpc::format_address(me) << "\n"
              << "  strategy   " << fault::to_string(cc.strategy)
              << "; disputes wrong roots: " << (cc.dispute ? "yes" : "no")
              << "; defends its own proposals: " << (cc.defend ? "yes" : "no") << "\n"
              << "  bond       " << (cc.bond ? cli::format_ether(*cc.bond) : std::string("the L1's minimum"))
              << "\n"
              << "  datadir    " << datadir << "\n"
              << "  proof dir  " << (proof_dir.empty() ? std::string("(not kept)") : proof_dir) << "\n"
              << "  mode       "
              << (once ? "--once (timeout " + std::to_string(timeout_s) + " s)"
                       : std::string("until stopped"))
              << "\n"
              << std::endl;
    if (plan) {
        logging::warn(kLog, "DISHONEST PARTY: this challenger believes a deliberately wrong chain (--fault " +
                                fault_text + " at L2 block " + std::to_string(plan->l2_block) +
                                ", transaction " + std::to_string(plan->fault.tx_index) +
                                ") and will lose the games it plays over it");
    }
    if (cc.strategy != fault::Strategy::honest) {
        logging::warn(kLog, "strategy " + std::string(fault::to_string(cc.strategy)) +
                                " is dishonest: it exists to test that dishonest play loses");
    }

    const auto started = std::chrono::steady_clock::now();
    const auto deadline = started + std::chrono::seconds(timeout_s);
    std::optional<std::uint64_t> start_head;            // the L1 head --once must derive up to
    bool synced = false;                                // a round has derived past start_head and polled
    std::map<std::uint64_t, unsigned> awaiting_create;  // output index -> rounds with nothing unmined
    std::size_t failed_disputes = 0;
    struct GameSeen {
        std::size_t moves = 0;
        l1::GameStatus status = l1::GameStatus::in_progress;
        std::uint8_t level = 1;
        bool operator==(const GameSeen&) const = default;
    };
    std::map<std::uint64_t, GameSeen> logged;  // game -> what was last logged
    bool warned_derive = false;
    bool warned_poll = false;

    for (;;) {
        if (!start_head) {
            if (auto h = l1.head()) start_head = h->number;
        }
        if (auto s = verifier.step(); !s) {
            if (!warned_derive) logging::warn(kLog, "deriving from the L1: " + s.error() + " (will retry)");
            warned_derive = true;
        } else {
            warned_derive = false;
            const bool caught_up = start_head && verifier.l1_block() >= *start_head;
            auto report = challenger.poll();
            if (!report) {
                if (!warned_poll) logging::warn(kLog, report.error() + " (will retry)");
                warned_poll = true;
            } else {
                warned_poll = false;
                synced = synced || caught_up;
                auto head = l1.head();
                const std::uint64_t head_number = head ? head->number : 0;
                for (const l1::DisputeGame& g : challenger.games()) {
                    const GameSeen now{g.moves.size(), g.status, g.level};
                    auto it = logged.find(g.id);
                    if (it != logged.end() && it->second == now) continue;
                    const bool level_changed = it == logged.end() || it->second.level != g.level;
                    logged[g.id] = now;
                    const std::string line = progress_line(g, me, head_number, truth);
                    const auto w = winner(g);
                    const bool lost = w && ((*w == l1::GameParty::challenger) != (g.challenger == me));
                    // After our own move the Challenger has logged it: the full line once per
                    // answer from the other side (and on every new level and the end) is enough.
                    const bool ours_last =
                        !g.moves.empty() &&
                        (g.moves.back().party == l1::GameParty::challenger ? g.challenger == me
                                                                           : g.asserter == me);
                    if (g.status != l1::GameStatus::in_progress)
                        export_deciding_proof(g, challenger, truth, proof_dir);
                    if (lost)
                        logging::warn(kLog, line);
                    else if (g.status != l1::GameStatus::in_progress || level_changed || !ours_last)
                        logging::info(kLog, line);
                    else
                        logging::debug(kLog, line);
                }

                // Disputes sent: each must turn into a game this key plays.
                for (std::uint64_t index : report->games_opened) awaiting_create.emplace(index, 0);
                for (const l1::DisputeGame& g : challenger.games()) {
                    if (g.challenger == me) awaiting_create.erase(g.output_index);
                }
                auto latest = l1.nonce(me, l1::NonceView::latest);
                auto pending = l1.nonce(me, l1::NonceView::pending);
                const bool unmined = !latest || !pending || *pending > *latest;
                for (auto it = awaiting_create.begin(); it != awaiting_create.end();) {
                    const bool sent_now = std::find(report->games_opened.begin(), report->games_opened.end(),
                                                    it->first) != report->games_opened.end();
                    if (!unmined && !sent_now && ++it->second >= 2) {
                        logging::error(
                            kLog,
                            "disputing output " + std::to_string(it->first) +
                                " opened no game (its createGame transaction failed: see its L1 receipt)");
                        ++failed_disputes;
                        it = awaiting_create.erase(it);
                    } else {
                        ++it;
                    }
                }

                if (once && synced && awaiting_create.empty() && !unmined) {
                    const bool all_ended = std::all_of(
                        challenger.games().begin(), challenger.games().end(),
                        [](const l1::DisputeGame& g) { return g.status != l1::GameStatus::in_progress; });
                    auto credit = l1.credit(me);
                    if (all_ended && credit && credit->is_zero()) {
                        const auto summary = summarize_credits(challenger.games(), me);
                        auto balance = l1.balance(me);
                        std::cout << "settled: " << challenger.games().size() << " games ("
                                  << summary.games_won << " won, " << summary.games_lost << " lost, "
                                  << summary.closed << " closed); won " << cli::format_ether(summary.won)
                                  << ", lost " << cli::format_ether(summary.lost) << "; L1 balance "
                                  << (balance ? cli::format_ether(*balance) : std::string("?"))
                                  << "; derived L2 blocks up to " << (*node)->head().number << std::endl;
                        if (challenger.lost() > 0) return kExitLost;
                        return failed_disputes > 0 ? kExitFailure : kExitOk;
                    }
                }
            }
        }
        if (once && std::chrono::steady_clock::now() >= deadline) {
            std::size_t open = 0;
            for (const auto& g : challenger.games()) open += g.status == l1::GameStatus::in_progress ? 1 : 0;
            std::cerr << "optimist-challenger run: --timeout-s " << timeout_s << " passed with " << open
                      << " games still in progress"
                      << (synced ? "" : " (the chain was not derived up to the L1 head)") << '\n';
            return kExitTimeout;
        }
        if (auto received = stop_signals.wait_for(std::chrono::milliseconds(poll_ms))) {
            logging::info(kLog, "received " + std::string(*received) + ", stopping at L2 block " +
                                    std::to_string((*node)->head().number) + " with " +
                                    std::to_string(challenger.games().size()) + " games played");
            // --once promised to settle: stopped before that, it has not.
            return once ? kExitFailure : kExitOk;
        }
    }
}

}  // namespace optimist::challenger
