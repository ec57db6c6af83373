// Dispute games over a 1,000-transaction block with the fault in its last transaction, one
// game per fault kind, on the in-process L1 stub (tests/fault/dispute_harness.hpp): moves per
// game, the challenger's time to detect the wrong root and to build the proof, the proof's
// size, and the one-step verification time. Prints a Markdown table for bench/RESULTS.md.
//
//   build/bench/dispute_report [--txs N] [--kinds a,b,...]
#include "../tests/fault/dispute_harness.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/proof/one_step.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

using namespace optimist;
using fault::testing::Harness;
using fault::testing::HarnessOptions;
using fault::testing::FaultTarget;
using fault::testing::fault_target;
using proof::FaultKind;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Row {
    FaultKind kind;
    std::size_t moves = 0;
    double detect_ms = 0;   // re-derive and re-execute the block, compare, dispute
    double play_ms = 0;     // every commitment the challenger computed during the game
    double prove_ms = 0;    // the leaf's one-step proof
    std::size_t proof_bytes = 0;
    double verify_us = 0;   // median of 50 verify_step calls
    std::string leaf;
};

Row run(FaultKind kind, std::size_t n) {
    Row row;
    row.kind = kind;
    const std::vector<Hash> keys = Harness::fresh_keys(n);
    // Block 1 deploys the counter; then funding blocks; then the disputed block.
    const std::uint64_t disputed = 1 + Harness::funding_blocks(n) + 1;
    const std::uint64_t fault_tx = kind == FaultKind::swap_transactions ? n - 2 : n - 1;
    HarnessOptions options;
    options.fault = fault::FaultPlan{disputed, proof::Fault{kind, fault_tx}};
    Harness h(options);
    h.submit(0, std::nullopt, proof::testing::deployer(proof::testing::kCounterCode));
    const Address counter = evm::create_address(sequencer::dev_address(0), 0);
    h.produce();
    h.fund(keys, 100'000'000'000'000'000ULL);
    const FaultTarget last = fault_target(kind);  // what the block's last transaction is
    for (std::size_t i = 0; i < n; ++i) {
        tx::Transaction t = h.bulk_transfer(i);
        if (i == n - 1 && last == FaultTarget::counter_call) {
            t.to = counter;
            t.value = Uint256{};
            t.gas_limit = 100'000;
        } else if (i == n - 1 && last == FaultTarget::creation) {
            t.to = std::nullopt;
            t.value = Uint256{};
            t.data = proof::testing::deployer(proof::testing::kStoreCode);
            t.gas_limit = 200'000;
        }
        h.submit_signed(t, keys[i]);
    }
    if (h.produce() != disputed) throw std::runtime_error("unexpected block number");

    // The game, timing the challenger's own work.
    bool detected = false;
    for (std::size_t round = 0; round < 400; ++round) {
        h.pipeline_->step();
        (void)h.l1_->mine();
        auto t0 = Clock::now();
        if (!h.verifier_->step()) throw std::runtime_error("verifier failed");
        auto report = h.challenger_->poll();
        const double spent = ms_since(t0);
        if (!report) throw std::runtime_error(report.error());
        if (!detected) {
            row.detect_ms += spent;
            detected = !report->games_opened.empty();
        } else {
            row.play_ms += spent;
        }
        if (!h.defender_->poll()) throw std::runtime_error("defender failed");
        (void)h.l1_->mine();
        const auto games = h.games();
        if (!games.empty() && games[0].status != l1::GameStatus::in_progress) break;
    }
    const auto games = h.games();
    if (games.empty() || games[0].status != l1::GameStatus::challenger_won)
        throw std::runtime_error("the honest challenger did not win");
    const l1::DisputeGame& g = games[0];
    row.moves = g.moves.size();

    // The leaf proof again, timed on its own (the block's step machine is already built).
    auto t1 = Clock::now();
    auto proof_bytes = h.challenger_->leaf_proof(g);
    row.prove_ms = ms_since(t1);
    if (!proof_bytes) throw std::runtime_error(proof_bytes.error());
    row.proof_bytes = proof_bytes->size();
    auto proof = proof::decode_step_proof(*proof_bytes);
    auto inputs = h.referee_->inputs(g.block, h.l1_->head()->number);
    std::vector<double> times;
    for (int i = 0; i < 50; ++i) {
        auto t2 = Clock::now();
        auto post = proof::verify_step(proof::ChainRules(fault::chain_rules(*h.sequencer_)), *inputs, g.lo_claim, *proof);
        times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t2).count());
        if (!post) throw std::runtime_error(post.error().message);
    }
    std::sort(times.begin(), times.end());
    row.verify_us = times[times.size() / 2];
    row.leaf = g.level == 2 ? "level 2, big step " + std::to_string(g.lo) : "level 3, step " + std::to_string(g.lo);
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    std::size_t n = 1000;
    std::vector<FaultKind> kinds = {FaultKind::transfer_balance, FaultKind::storage_value, FaultKind::arithmetic,
                                    FaultKind::gas,          FaultKind::skip_transaction, FaultKind::swap_transactions,
                                    FaultKind::wrong_log,    FaultKind::wrong_refund, FaultKind::create_address};
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--txs") == 0 && i + 1 < argc) {
            n = std::stoul(argv[++i]);
        } else if (std::strcmp(argv[i], "--kinds") == 0 && i + 1 < argc) {
            kinds.clear();
            std::string list = argv[++i];
            for (std::size_t at = 0; at <= list.size();) {
                const std::size_t comma = std::min(list.find(',', at), list.size());
                if (auto k = proof::parse_fault_kind(list.substr(at, comma - at))) kinds.push_back(*k);
                at = comma + 1;
            }
        } else {
            std::cerr << "usage: dispute_report [--txs N] [--kinds kind,kind,...]\n";
            return 2;
        }
    }
    if (n < 2) n = 2;
    logging::set_level(logging::Level::warn);
    std::vector<Row> rows;
    for (FaultKind k : kinds) {
        std::cerr << "fault " << proof::to_string(k) << "...\n";
        rows.push_back(run(k, n));
    }
    std::printf("| fault (in tx %zu of %zu) | leaf | moves | detect (ms) | play (ms) | build proof (ms) | proof (bytes) | verify (us) |\n",
                n, n);
    std::printf("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
    std::vector<std::size_t> sizes;
    for (const Row& r : rows) {
        std::printf("| %s | %s | %zu | %.0f | %.0f | %.1f | %zu | %.0f |\n", std::string(proof::to_string(r.kind)).c_str(),
                    r.leaf.c_str(), r.moves, r.detect_ms, r.play_ms, r.prove_ms, r.proof_bytes, r.verify_us);
        sizes.push_back(r.proof_bytes);
    }
    std::sort(sizes.begin(), sizes.end());
    std::printf("\nproof size: median %zu bytes, maximum %zu bytes over %zu fault kinds\n", sizes[sizes.size() / 2],
                sizes.back(), sizes.size());
    return 0;
}
