// optimist-bench exec: the sequential executor and the parallel one (Block-STM) on the same
// block of a workload, side by side in one run.
//
// The block sits on a LevelDB-backed state (state::StateStore) after the dev genesis and the
// workload's setup, as it would in the sequencer. Each executor runs the block --repeat
// times from the same pre-state (nothing is committed between runs) and the fastest run
// counts, which keeps the noise of a shared 2-core machine out of the ratio. Both runs'
// write sets are then applied to two copies of the state: `roots_match` says the state
// roots agree, and the per-transaction results are compared too.
//
// Senders are recovered before either executor starts (the sequencer has them from its
// mempool; an importing node recovers them once, in parallel, beforehand): the figures are
// execution alone. Recovery is reported on its own line.
#include "commands.hpp"
#include "tool_support.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/db/database.hpp>
#include <optimist/exec/parallel_executor.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/workload/workload.hpp>

#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>
#include <unistd.h>

namespace po = boost::program_options;

namespace optimist::bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Measurement {
    unsigned threads = 1;  // 1: the sequential executor
    double seconds = 0;    // fastest run
    exec::ParallelStats stats;
};

std::vector<unsigned> parse_threads(const std::string& text) {
    std::vector<unsigned> out;
    std::stringstream in(text);
    std::string item;
    while (std::getline(in, item, ',')) {
        if (item.empty()) continue;
        const unsigned long n = std::stoul(item);
        if (n == 0 || n > 256) throw std::invalid_argument("thread counts are between 1 and 256");
        out.push_back(static_cast<unsigned>(n));
    }
    if (out.empty()) throw std::invalid_argument("no thread count");
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

// Everything the block's transactions decided, compared transaction by transaction.
bool same_results(const exec::BlockRun& a, const exec::BlockRun& b) {
    if (a.txs.size() != b.txs.size() || a.gas_used != b.gas_used) return false;
    for (std::size_t i = 0; i < a.txs.size(); ++i) {
        const exec::TxRun& x = a.txs[i];
        const exec::TxRun& y = b.txs[i];
        if (x.error != y.error || x.executed.receipt != y.executed.receipt || x.executed.output != y.executed.output ||
            x.executed.gas_used != y.executed.gas_used)
            return false;
    }
    return true;
}

}  // namespace

int run_exec(const std::vector<std::string>& args) {
    std::string kind_name = "erc20";
    std::size_t txs = 2000;
    std::uint64_t seed = 1;
    double hot = 0;
    std::size_t pools = 64;
    std::string threads_text = "1,2";
    int repeat = 7;
    std::string datadir;

    po::options_description desc("optimist-bench exec options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("workload", po::value(&kind_name)->default_value(kind_name), "transfers, erc20, amm, nft, mainnet or hotslot")
        ("txs", po::value(&txs)->default_value(txs), "transactions in the block")
        ("seed", po::value(&seed)->default_value(seed), "workload seed")
        ("hot", po::value(&hot)->default_value(hot), "erc20: share of transfers to a few hot accounts")
        ("pools", po::value(&pools)->default_value(pools), "amm: number of pools")
        ("threads", po::value(&threads_text)->default_value(threads_text),
         "comma-separated thread counts; 1 is the sequential executor, which always runs")
        ("repeat", po::value(&repeat)->default_value(repeat), "runs per executor, alternating between them; the fastest counts")
        ("datadir", po::value(&datadir), "LevelDB directory for the state (default: a temporary one, removed after)")
        ("ceiling", "also run two sequential executions of the block at once on two threads: how well the "
                    "machine itself scales this work (2.0 = perfectly), an upper bound for any 2-thread speedup")
        ("json", "print one JSON object instead of the table");
    po::variables_map vm;
    const auto usage = [&](std::ostream& out) {
        out << "usage: optimist-bench exec --workload NAME --txs N [--threads 1,2] [--json]\n\n"
            << "Runs one block of a workload with the sequential executor and with the parallel one\n"
            << "(Block-STM) at each thread count, and prints throughput and the speedup.\n\n"
            << desc;
    };
    if (auto exit = tools::parse_options("optimist-bench exec", args, desc, {}, vm, usage)) return *exit;
    const auto kind = workload::parse_kind(kind_name);
    if (!kind) {
        std::cerr << "optimist-bench exec: unknown workload \"" << kind_name << "\"\n";
        return 2;
    }
    std::vector<unsigned> thread_counts;
    try {
        thread_counts = parse_threads(threads_text);
    } catch (const std::exception& e) {
        std::cerr << "optimist-bench exec: --threads: " << e.what() << '\n';
        return 2;
    }
    if (repeat < 1) repeat = 1;
    const bool json = vm.count("json") != 0;
    auto progress = [json](const std::string& line) {
        if (!json) std::cerr << line << '\n';
    };

    // --- the workload and its pre-state ----------------------------------------------------
    const sequencer::Genesis genesis = sequencer::dev_genesis();
    workload::Options options;
    options.kind = *kind;
    options.txs = txs;
    options.seed = seed;
    options.hot = hot;
    options.pools = pools;
    options.chain_id = genesis.chain_id;
    auto generated = workload::generate(options);
    if (!generated) {
        std::cerr << "optimist-bench exec: " << generated.error() << '\n';
        return 2;
    }
    progress("generated " + std::to_string(generated->setup.size()) + " setup and " +
             std::to_string(generated->txs.size()) + " workload transactions");

    const bool own_dir = datadir.empty();
    if (own_dir) {
        datadir = (std::filesystem::temp_directory_path() /
                   ("optimist-bench-" + std::to_string(::getpid()) + "-" + std::to_string(Clock::now().time_since_epoch().count())))
                      .string();
    }
    struct Cleanup {
        std::string dir;
        bool active;
        ~Cleanup() {
            if (active) std::filesystem::remove_all(dir);
        }
    } cleanup{datadir, own_dir};

    auto opened = db::Database::open(datadir);
    if (!opened) {
        std::cerr << "optimist-bench exec: " << opened.error() << '\n';
        return 1;
    }
    db::Database& database = **opened;
    Hash setup_root;
    {
        auto store = state::StateStore::open(database, kEmptyTrieRoot);
        if (!store) {
            std::cerr << "optimist-bench exec: " << store.error() << '\n';
            return 1;
        }
        (*store)->apply(sequencer::genesis_write_set(genesis));
        const exec::BlockRun setup =
            exec::run_block_sequential(**store, workload::block_context(1, genesis.chain_id), generated->setup);
        for (std::size_t i = 0; i < setup.txs.size(); ++i) {
            if (setup.txs[i].error || setup.txs[i].executed.status != evm::StatusCode::success) {
                std::cerr << "optimist-bench exec: setup transaction " << i << " failed\n";
                return 1;
            }
            (*store)->apply(setup.txs[i].writes);
        }
        setup_root = (*store)->state_root();
        db::WriteBatch batch;
        (*store)->commit(batch);
        if (auto s = database.write(batch); !s) {
            std::cerr << "optimist-bench exec: " << s.error() << '\n';
            return 1;
        }
    }
    auto pre = state::StateStore::open(database, setup_root);
    if (!pre) {
        std::cerr << "optimist-bench exec: " << pre.error() << '\n';
        return 1;
    }
    const evm::BlockContext ctx = workload::block_context(2, genesis.chain_id);
    std::uint64_t block_gas = 0;

    // --- sender recovery, reported apart ------------------------------------------------------
    std::vector<tx::Transaction> block = generated->txs;
    for (tx::Transaction& t : block) t.sender = Address{};
    const unsigned max_threads = thread_counts.back();
    exec::ParallelExecutor recoverer(exec::ParallelOptions{.threads = max_threads});
    double recover_sequential = 1e30;
    double recover_parallel = 1e30;
    for (int r = 0; r < 3; ++r) {  // alternating, the fastest of three each
        auto t0 = Clock::now();
        (void)tx::recover_senders(block, 1);
        recover_sequential = std::min(recover_sequential, std::chrono::duration<double>(Clock::now() - t0).count());
        t0 = Clock::now();
        if (!recoverer.recover_senders(block).empty()) {
            std::cerr << "optimist-bench exec: a workload signature does not verify\n";
            return 1;
        }
        recover_parallel = std::min(recover_parallel, std::chrono::duration<double>(Clock::now() - t0).count());
    }

    // --- the block, executor by executor -------------------------------------------------------
    // Runs alternate between the executors (sequential, 2 threads, ..., sequential, ...) so
    // that a slow stretch of a shared machine hits them alike; the fastest run of each counts.
    std::vector<unsigned> executors = thread_counts;
    if (executors.front() != 1) executors.insert(executors.begin(), 1u);
    std::vector<Measurement> measured(executors.size());
    std::vector<std::unique_ptr<exec::ParallelExecutor>> parallel(executors.size());
    for (std::size_t k = 0; k < executors.size(); ++k) {
        measured[k].threads = executors[k];
        measured[k].seconds = 1e30;
        parallel[k] = std::make_unique<exec::ParallelExecutor>(exec::ParallelOptions{.threads = executors[k]});
    }
    exec::BlockRun sequential_run;
    exec::BlockRun parallel_run;
    for (int r = 0; r < repeat; ++r) {
        for (std::size_t k = 0; k < executors.size(); ++k) {
            Measurement& m = measured[k];
            exec::ParallelStats stats;
            const auto start = Clock::now();
            exec::BlockRun run = m.threads == 1 ? exec::run_block_sequential(**pre, ctx, block)
                                                : parallel[k]->run(**pre, ctx, block, &stats);
            const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
            if (seconds < m.seconds) {
                m.seconds = seconds;
                m.stats = stats;
            }
            if (m.threads == 1) {
                block_gas = run.gas_used;
                sequential_run = std::move(run);
            } else if (m.threads == max_threads) {
                parallel_run = std::move(run);
            }
        }
        progress("round " + std::to_string(r + 1) + "/" + std::to_string(repeat) + " done");
    }

    // --- the machine's own scaling: the same sequential work twice, on two threads at once -----
    std::optional<double> ceiling;
    if (vm.count("ceiling")) {
        double best_one = 1e30;
        double best_two = 1e30;
        for (int r = 0; r < repeat; ++r) {
            auto start = Clock::now();
            (void)exec::run_block_sequential(**pre, ctx, block);
            best_one = std::min(best_one, std::chrono::duration<double>(Clock::now() - start).count());
            start = Clock::now();
            std::thread other([&] { (void)exec::run_block_sequential(**pre, ctx, block); });
            (void)exec::run_block_sequential(**pre, ctx, block);
            other.join();
            best_two = std::min(best_two, std::chrono::duration<double>(Clock::now() - start).count());
        }
        ceiling = 2 * best_one / best_two;
        progress("two independent sequential runs at once: " + std::to_string(*ceiling) + "x the throughput of one");
    }

    // --- equality: the write sets of both runs give the same state root -----------------------
    auto root_after = [&](const exec::BlockRun& run) {
        auto store = state::StateStore::open(database, setup_root);
        for (const exec::TxRun& r : run.txs) (*store)->apply(r.writes);
        return (*store)->state_root();
    };
    const bool parallel_measured = max_threads > 1;
    const exec::BlockRun& compared = parallel_measured ? parallel_run : sequential_run;
    const Hash sequential_root = root_after(sequential_run);
    const Hash parallel_root = root_after(compared);
    const bool roots_match = sequential_root == parallel_root && same_results(sequential_run, compared);
    std::size_t failed = 0;
    for (const exec::TxRun& r : sequential_run.txs) failed += r.error || r.executed.status != evm::StatusCode::success;

    const double base = measured.front().seconds;
    const Measurement& top = measured.back();
    const double n = static_cast<double>(block.size());
    if (json) {
        nlohmann::json out;
        out["workload"] = kind_name;
        out["txs"] = block.size();
        out["seed"] = seed;
        if (*kind == workload::Kind::erc20) out["hot"] = hot;
        if (*kind == workload::Kind::amm || *kind == workload::Kind::mainnet) out["pools"] = pools;
        out["gas"] = block_gas;
        out["failed_txs"] = failed;
        out["hardware_threads"] = std::thread::hardware_concurrency();
        out["results"] = nlohmann::json::array();
        for (const Measurement& m : measured) {
            nlohmann::json r;
            r["threads"] = m.threads;
            r["executor"] = m.threads == 1 ? "sequential" : "parallel";
            r["seconds"] = m.seconds;
            r["tx_per_s"] = n / m.seconds;
            r["mgas_per_s"] = static_cast<double>(block_gas) / m.seconds / 1e6;
            r["speedup"] = base / m.seconds;
            if (m.threads > 1) {
                r["reexecutions_per_tx"] = m.stats.reexecutions_per_tx();
                r["fell_back_to_sequential"] = m.stats.sequential;
                if (m.stats.sequential) {
                    r["why_sequential"] = m.stats.why_sequential;
                    r["kept_from_parallel"] = m.stats.kept_from_parallel;
                }
            }
            out["results"].push_back(r);
        }
        out["speedup"] = base / top.seconds;
        // A node importing the block recovers the senders first: once, in parallel, before
        // Block-STM; a sequential node recovers them one by one.
        out["speedup_with_sender_recovery"] = (base + recover_sequential) / (top.seconds + recover_parallel);
        if (ceiling) out["machine_scaling_2_threads"] = *ceiling;
        out["roots_match"] = roots_match;
        out["state_root"] = to_hex(sequential_root.view());
        out["recover_senders"] = {{"sequential_seconds", recover_sequential},
                                  {"parallel_seconds", recover_parallel},
                                  {"threads", max_threads}};
        std::cout << out.dump(2) << '\n';
    } else {
        std::printf("workload %s, %zu transactions, %.1f Mgas, %zu failed\n", kind_name.c_str(), block.size(),
                    static_cast<double>(block_gas) / 1e6, failed);
        std::printf("%-8s %-11s %12s %12s %10s %9s %14s\n", "threads", "executor", "ms", "tx/s", "Mgas/s",
                    "speedup", "re-exec/tx");
        for (const Measurement& m : measured) {
            std::printf("%-8u %-11s %12.2f %12.0f %10.1f %8.2fx %14s\n", m.threads,
                        m.threads == 1 ? "sequential" : (m.stats.sequential ? "fallback" : "block-stm"),
                        m.seconds * 1e3, n / m.seconds, static_cast<double>(block_gas) / m.seconds / 1e6,
                        base / m.seconds, m.threads == 1 ? "-" : std::to_string(m.stats.reexecutions_per_tx()).c_str());
        }
        if (ceiling) std::printf("machine scaling: two sequential runs at once give %.2fx the throughput of one\n", *ceiling);
        std::printf("sender recovery: %.2f ms on 1 thread, %.2f ms on %u; with recovery the speedup is %.2fx\n",
                    recover_sequential * 1e3, recover_parallel * 1e3, max_threads,
                    (base + recover_sequential) / (top.seconds + recover_parallel));
        std::printf("roots match: %s (%s)\n", roots_match ? "yes" : "NO", to_hex(sequential_root.view()).c_str());
    }
    return roots_match ? 0 : 1;
}

}  // namespace optimist::bench
