// Fault injection end to end in one process (issue 7): for each kind of wrong root the
// honest challenger wins its game on the L1 with a one-step proof that also verifies offline,
// and the dishonest proposer loses its bond; against an honest proposer, dishonest
// challengers lose every game.
#include "dispute_harness.hpp"

#include <gtest/gtest.h>

#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/proof/proof_file.hpp>

#include <filesystem>
#include <fstream>

namespace optimist::fault {
namespace {

using proof::FaultKind;
using testing::Harness;
using testing::HarnessOptions;
using testing::FaultTarget;
using testing::fault_target;

// Block 1 deploys the counter; block 2 (the disputed one) holds a transfer, a counter call
// (SLOAD, ADD, SSTORE, LOG), a contract creation and another transfer; block 3 is empty.
struct Scenario {
    Address counter;
    std::uint64_t busy_block = 0;
    std::uint64_t empty_block = 0;
};

Scenario build_chain(Harness& h) {
    Scenario s;
    h.submit(0, std::nullopt, proof::testing::deployer(proof::testing::kCounterCode));
    s.counter = evm::create_address(sequencer::dev_address(0), 0);
    h.produce();
    Address to1;
    to1[19] = 0x77;
    Address to2;
    to2[19] = 0x78;
    h.submit(1, to1, {}, 1000, 21000);
    h.submit(2, s.counter, {});
    h.submit(3, std::nullopt, proof::testing::deployer(proof::testing::kStoreCode));
    h.submit(4, to2, {}, 2000, 21000);
    s.busy_block = h.produce();
    s.empty_block = h.produce();
    return s;
}

// The index, in the busy block, of the transaction the fault acts on.
std::uint64_t fault_tx(FaultKind k) {
    switch (fault_target(k)) {
        case FaultTarget::counter_call: return 1;
        case FaultTarget::creation: return 2;
        case FaultTarget::transfer: return 0;
    }
    return 0;
}

void expect_honest_win(Harness& h, std::uint64_t disputed_block) {
    const auto games = h.games();
    ASSERT_FALSE(games.empty());
    bool won = false;
    for (const auto& g : games) {
        if (g.l2_block != disputed_block) continue;
        EXPECT_EQ(g.status, l1::GameStatus::challenger_won) << "game " << g.id << " ended " << to_string(g.end);
        EXPECT_EQ(g.end, l1::GameEnd::step_proof);
        won = won || g.status == l1::GameStatus::challenger_won;
    }
    EXPECT_TRUE(won);
    EXPECT_EQ(h.challenger_->lost(), 0U);
    // The wrong proposal is invalidated; the proposer's bond went to the challenger.
    auto outputs = h.l1_->outputs(0, 1000);
    ASSERT_TRUE(outputs);
    bool invalidated = false;
    for (const auto& p : *outputs) {
        if (p.l2_block == disputed_block) invalidated = invalidated || p.status == l1::OutputStatus::invalidated;
    }
    EXPECT_TRUE(invalidated);
    // Every exported proof verifies offline and refutes the claim it answered.
    std::size_t files = 0;
    if (std::filesystem::exists(h.proof_dir_.str())) {
        for (const auto& entry : std::filesystem::directory_iterator(h.proof_dir_.str())) {
            std::ifstream in(entry.path(), std::ios::binary);
            const Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            auto file = proof::decode_proof_file(bytes);
            ASSERT_TRUE(file) << file.error();
            auto check = proof::check_proof_file(*file);
            ASSERT_TRUE(check) << check.error();
            EXPECT_TRUE(check->refutes);
            ++files;
        }
    }
    EXPECT_GE(files, 1U);
}

// The step machine reproduces every block the sequencer made: its output roots are the chain's.
TEST(StepMachine, ReproducesEveryBlockOfTheChain) {
    Harness h(HarnessOptions{});
    build_chain(h);
    for (std::uint64_t b = 1; b <= h.sequencer_->head().number; ++b) {
        auto prover = h.proposer_truth_->prover(b);
        ASSERT_TRUE(prover) << prover.error();
        auto root = h.proposer_truth_->output_root(b);
        ASSERT_TRUE(root);
        EXPECT_EQ((*prover)->output_root(), *root) << "L2 block " << b;
        EXPECT_EQ((*prover)->header(), *h.sequencer_->chain().header_by_number(b)) << "L2 block " << b;
    }
}

class FraudTest : public ::testing::TestWithParam<FaultKind> {};

TEST_P(FraudTest, HonestChallengerWinsAndProofVerifiesOffline) {
    const FaultKind kind = GetParam();
    // The disputed block is fixed before the chain exists: 2 (busy) or 3 (empty).
    const std::uint64_t block = kind == FaultKind::empty_block_root ? 3 : 2;
    HarnessOptions options;
    options.fault = FaultPlan{block, proof::Fault{kind, fault_tx(kind)}};
    Harness h(options);
    const Scenario s = build_chain(h);
    ASSERT_EQ(s.busy_block, 2U);
    ASSERT_EQ(s.empty_block, 3U);
    const Uint256 proposer_before = *h.l1_->balance(sequencer::dev_address(sequencer::kDevProposerAccount));
    const auto ran = h.run();
    ASSERT_TRUE(ran) << ran.error();
    expect_honest_win(h, block);
    (void)proposer_before;
}

INSTANTIATE_TEST_SUITE_P(EveryFaultKind, FraudTest,
                         ::testing::Values(FaultKind::transfer_balance, FaultKind::storage_value, FaultKind::arithmetic,
                                           FaultKind::gas, FaultKind::skip_transaction, FaultKind::swap_transactions,
                                           FaultKind::wrong_log, FaultKind::wrong_refund, FaultKind::create_address,
                                           FaultKind::empty_block_root),
                         [](const auto& param_info) {
                             std::string n(proof::to_string(param_info.param));
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

}  // namespace
}  // namespace optimist::fault

namespace optimist::fault {
namespace {

// Against an honest proposer, every dishonest challenger loses every game it opens.
class DishonestChallengerTest : public ::testing::TestWithParam<Strategy> {};

TEST_P(DishonestChallengerTest, LosesEveryGame) {
    HarnessOptions options;
    options.challenger = GetParam();
    if (GetParam() == Strategy::silent) options.clock = 12;  // lose on time quickly
    Harness h(options);
    build_chain(h);
    const Uint256 before = *h.l1_->balance(sequencer::dev_address(testing::kChallengerAccount));
    const auto ran = h.run(/*min_games=*/3);
    ASSERT_TRUE(ran) << ran.error();
    const auto games = h.games();
    ASSERT_GE(games.size(), 3U);
    for (const auto& g : games) {
        EXPECT_EQ(g.status, l1::GameStatus::asserter_won) << "game " << g.id;
        if (GetParam() == Strategy::silent) {
            EXPECT_EQ(g.end, l1::GameEnd::clock) << "game " << g.id;
        }
    }
    EXPECT_EQ(h.defender_->lost(), 0U);
    EXPECT_EQ(h.challenger_->lost(), games.size());
    // No proposal was invalidated, and the challenger paid its bonds.
    auto outputs = h.l1_->outputs(0, 1000);
    ASSERT_TRUE(outputs);
    for (const auto& p : *outputs) EXPECT_NE(p.status, l1::OutputStatus::invalidated) << "output " << p.index;
    EXPECT_LT(*h.l1_->balance(sequencer::dev_address(testing::kChallengerAccount)), before);
}

INSTANTIATE_TEST_SUITE_P(Strategies, DishonestChallengerTest,
                         ::testing::Values(Strategy::dispute_correct, Strategy::contrarian, Strategy::silent),
                         [](const auto& param_info) {
                             std::string n(to_string(param_info.param));
                             std::replace(n.begin(), n.end(), '-', '_');
                             return n;
                         });

// A dishonest proposer that stops defending loses on time.
TEST(DisputeClock, ProposerThatStopsAnsweringLosesOnTime) {
    HarnessOptions options;
    options.fault = FaultPlan{2, proof::Fault{FaultKind::transfer_balance, 0}};
    options.defender_silent = true;
    options.clock = 12;
    Harness h(options);
    build_chain(h);
    const auto ran = h.run();
    ASSERT_TRUE(ran) << ran.error();
    const auto games = h.games();
    ASSERT_EQ(games.size(), 1U);
    EXPECT_EQ(games[0].status, l1::GameStatus::challenger_won);
    EXPECT_EQ(games[0].end, l1::GameEnd::clock);
    EXPECT_EQ(h.challenger_->lost(), 0U);
}

// Games over blocks of 1, 10 and 1,000 transactions, the fault in the last one.
class BlockSizeTest : public ::testing::TestWithParam<std::size_t> {};

TEST_P(BlockSizeTest, HonestChallengerWinsWithTheFaultInTheLastTransaction) {
    const std::size_t n = GetParam();
    // Fresh senders, funded first: the disputed block's number is known once they are.
    const std::vector<Hash> keys = Harness::fresh_keys(n);
    const std::uint64_t disputed = Harness::funding_blocks(n) + 1;
    HarnessOptions options;
    options.fault = FaultPlan{disputed, proof::Fault{FaultKind::transfer_balance, n - 1}};
    Harness h(options);
    h.fund(keys, 1'000'000'000'000'000ULL);
    ASSERT_EQ(h.sequencer_->head().number, disputed - 1);
    for (std::size_t i = 0; i < n; ++i) h.submit_signed(h.bulk_transfer(i), keys[i]);
    ASSERT_EQ(h.produce(), disputed);
    ASSERT_EQ(h.sequencer_->chain().block_by_number(disputed)->transactions.size(), n);
    const auto ran = h.run();
    ASSERT_TRUE(ran) << ran.error();
    expect_honest_win(h, disputed);
    const auto games = h.games();
    ASSERT_EQ(games.size(), 1U);
    EXPECT_EQ(games[0].big_step, n);  // the last transaction's big step
    std::cout << "[ game ] " << n << " transactions: " << games[0].moves.size() << " moves\n";
}

INSTANTIATE_TEST_SUITE_P(Sizes, BlockSizeTest, ::testing::Values(1, 10, 1000));

}  // namespace
}  // namespace optimist::fault

namespace optimist::fault {
namespace {

// Regression: swapping two transfers that commute leaves the block's final state and receipts as
// they were, so the wrong root differed only once the prover committed to its own order in the
// transactions root (it used the L1 order before, and posted the honest root). The game then
// finds the first wrong intermediate state, after the first transaction.
TEST(SwapRegression, SwappedCommutingTransfersAreCaught) {
    HarnessOptions options;
    options.fault = FaultPlan{1, proof::Fault{FaultKind::swap_transactions, 0}};
    Harness h(options);
    Address a;
    a[19] = 0x31;
    Address b;
    b[19] = 0x32;
    h.submit(1, a, {}, 1000, 21000);
    h.submit(2, b, {}, 1000, 21000);
    ASSERT_EQ(h.produce(), 1U);
    const auto ran = h.run();
    ASSERT_TRUE(ran) << ran.error();
    expect_honest_win(h, 1);
    const auto games = h.games();
    ASSERT_EQ(games.size(), 1U);
    EXPECT_EQ(games[0].level, 3);
    EXPECT_EQ(games[0].big_step, 1U);  // the first transaction: another sender paid
}

}  // namespace
}  // namespace optimist::fault
