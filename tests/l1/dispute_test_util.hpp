// Helpers for the dispute game tests: a fake referee whose "truth" is a table of correct
// commitments per (level, position), traces for honest and lying asserters, and a harness
// that sends each call as a signed L1 transaction and mines it.
#pragma once

#include "l1_test_util.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/l1/dispute_game_abi.hpp>
#include <optimist/l1/dispute_referee.hpp>
#include <optimist/l1/l1_stub.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <map>
#include <set>
#include <stdexcept>

namespace optimist::l1::test {

inline Hash tagged(std::string_view tag, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0) {
    Bytes data(tag.begin(), tag.end());
    for (const auto v : {a, b, c}) append(data, Uint256(v).to_hash());
    return keccak256(data);
}

// The correct commitments of every block, big step and step.
struct Truth {
    std::uint64_t txs = 4;            // n: transactions per block (big steps n + 2)
    unsigned bits = 4;                // level-3 range 2^bits
    std::uint64_t derivable = 1'000;  // blocks above it are not derivable

    Hash block(std::uint64_t b) const { return tagged("block", b); }
    std::uint64_t big_steps() const { return txs + 2; }
    Hash big_step(std::uint64_t b, std::uint64_t j) const {
        if (j == 0) return block(b - 1);
        if (j == big_steps()) return block(b);
        return tagged("big", b, j);
    }
    Hash step(std::uint64_t b, std::uint64_t j, std::uint64_t s) const {
        if (s == 0) return big_step(b, j);
        if (s == (std::uint64_t{1} << bits)) return big_step(b, j + 1);
        return tagged("step", b, j, s);
    }
    // At the game's current level and context.
    Hash at(const DisputeGame& g, std::uint64_t position) const {
        if (g.level == 1) return block(position);
        if (g.level == 2) return big_step(g.block, position);
        return step(g.block, g.big_step, position);
    }
};

class FakeReferee final : public DisputeReferee {
public:
    explicit FakeReferee(Truth truth = {}) : truth_(truth) {}

    std::optional<std::uint64_t> big_steps(std::uint64_t b, std::uint64_t l1_block) const override {
        last_l1_block = l1_block;
        if (inbox) {
            auto entries = inbox->batches(0, l1_block);
            inbox_seen = entries ? entries->size() : 0;
        }
        if (b > truth_.derivable) return std::nullopt;
        return truth_.big_steps();
    }
    bool is_transaction_step(std::uint64_t, std::uint64_t j) const override {
        return j >= 1 && j <= truth_.txs;
    }
    unsigned step_bits(std::uint64_t, std::uint64_t, std::uint64_t) const override { return truth_.bits; }

    // "bad" is malformed; any other proof executes the step: from the true commitment it
    // lands on the true next one, from anything else somewhere else.
    Result<Hash, std::string> verify_step(const StepPosition& at, const Hash& pre, ByteView proof,
                                          std::uint64_t l1_block) const override {
        last_l1_block = l1_block;
        ++verify_calls;
        if (throw_on_verify) throw std::runtime_error("boom");
        if (proof.empty() || to_bytes(proof) == Bytes{'b', 'a', 'd'})
            return fail(std::string("malformed proof"));
        Hash expected;
        Hash next;
        if (at.step) {
            expected = truth_.step(at.l2_block, at.big_step, *at.step);
            next = truth_.step(at.l2_block, at.big_step, *at.step + 1);
        } else {
            expected = truth_.big_step(at.l2_block, at.big_step);
            next = truth_.big_step(at.l2_block, at.big_step + 1);
        }
        if (pre != expected) return tagged("garbage", pre[0], at.big_step);
        return next;
    }

    const Truth& truth() const { return truth_; }

    std::shared_ptr<const InboxReader> inbox;  // read in big_steps when set
    bool throw_on_verify = false;
    mutable std::atomic<std::uint64_t> last_l1_block{0};
    mutable std::atomic<std::size_t> inbox_seen{0};
    mutable std::atomic<int> verify_calls{0};

private:
    Truth truth_;
};

// A lying asserter's trace: the truth up to a fault, then wrong commitments. The fault is at
// block `block`, after big step `big_step` (a transaction) and step `step` of it, so honest
// bisection ends at the level-3 leaf [step, step + 1].
struct LyingTrace {
    const Truth* truth = nullptr;
    std::uint64_t block = 7;
    std::uint64_t big_step = 2;
    std::uint64_t step = 5;

    Hash wrong(std::uint64_t level, std::uint64_t position) const { return tagged("wrong", level, position); }
    Hash at(const DisputeGame& g, std::uint64_t position) const {
        if (g.level == 1) return position < block ? truth->block(position) : wrong(1, position);
        if (g.level == 2) return position <= big_step ? truth->at(g, position) : wrong(2, position);
        return position <= step ? truth->at(g, position) : wrong(3, position);
    }
};

using Claimer = std::function<Hash(const DisputeGame&, std::uint64_t)>;
using Answerer = std::function<bool(const DisputeGame&, std::uint64_t, const Hash&)>;

class DisputeHarness : public ::testing::Test {
protected:
    static constexpr std::size_t kProposer = 0;
    static constexpr std::size_t kChallenger = 1;
    static constexpr std::size_t kChallenger2 = 2;

    void SetUp() override { open(); }

    L1StubConfig make_config() {
        L1StubConfig c = stub_config(dir_);
        c.l1.challenge_window = window_;
        c.l1.game_clock = clock_;
        c.l1.l2_genesis_output = Truth{}.block(0);
        c.referee = referee_;
        return c;
    }
    // Reopens the datadir with another window and game clock (adopted; games keep theirs).
    void reconfigure(std::uint64_t window, std::uint64_t clock) {
        window_ = window;
        clock_ = clock;
        open();
    }
    void open() {
        stub_.reset();
        auto s = L1Stub::open(make_config());
        ASSERT_TRUE(s) << s.error();
        stub_ = std::move(*s);
        config_ = *stub_->config();
    }

    Hash send(std::size_t key, const Address& to, Bytes data, const Uint256& value = {}) {
        const std::uint64_t nonce = *stub_->nonce(dev_address(key), NonceView::pending);
        auto h = stub_->send_raw_transaction(wire(l1_tx(dev_key(key), to, std::move(data), nonce, value)));
        EXPECT_TRUE(h) << h.error().message;
        if (h) sent_.push_back(*h);
        return h ? *h : Hash{};
    }
    std::uint64_t mine() {
        auto head = stub_->mine();
        EXPECT_TRUE(head) << head.error().message;
        return head ? head->number : 0;
    }
    L1Receipt receipt(const Hash& h) {
        auto r = stub_->receipt(h);
        EXPECT_TRUE(r && *r);
        return r && *r ? **r : L1Receipt{};
    }
    // Sends one call to the factory and mines it.
    L1Receipt call(std::size_t key, const GameCall& c, const Uint256& value = {}) {
        const Hash h = send(key, config_.dispute_game_factory, encode_game_call(c), value);
        mine();
        return receipt(h);
    }
    // Failure reason of a call that must fail.
    std::string refused(std::size_t key, const GameCall& c, const Uint256& value = {}) {
        const L1Receipt r = call(key, c, value);
        EXPECT_FALSE(r.success);
        return r.success ? "succeeded" : r.failure_reason;
    }
    std::uint64_t propose(const Hash& root, std::uint64_t l2_block, std::size_t key = kProposer) {
        const Hash h =
            send(key, config_.output_oracle, encode_propose_call({root, l2_block}), config_.min_bond);
        mine();
        const L1Receipt r = receipt(h);
        EXPECT_TRUE(r.success) << r.failure_reason;
        return stub_->outputs(0, 1000)->size() - 1;
    }
    std::uint64_t create(std::uint64_t output, const Hash& claim, std::size_t key = kChallenger) {
        const L1Receipt r = call(key, CreateGameCall{output, claim}, config_.min_bond);
        EXPECT_TRUE(r.success) << r.failure_reason;
        return stub_->games(0, 1000)->size() - 1;
    }
    DisputeGame game(std::uint64_t id) {
        auto g = stub_->game(id);
        EXPECT_TRUE(g && *g);
        return g && *g ? **g : DisputeGame{};
    }
    OutputProposal output(std::uint64_t index) { return (*stub_->outputs(index, 1))[0]; }
    Uint256 balance(const Address& a) { return *stub_->balance(a); }
    Uint256 credit(const Address& a) { return *stub_->credit(a); }

    // Plays bisection moves until the game leaves bisection (a proof leaf or resolved).
    void bisect_to_leaf(std::uint64_t id, const Claimer& asserter, const Answerer& challenger,
                        std::size_t challenger_key = kChallenger) {
        for (int i = 0; i < 200; ++i) {
            const DisputeGame g = game(id);
            if (g.status != GameStatus::in_progress || awaiting_proof(g)) return;
            const std::uint64_t mid = g.lo + (g.hi - g.lo) / 2;
            if (!g.mid_claim) {
                const L1Receipt r = call(kProposer, BisectCall{id, asserter(g, mid)});
                ASSERT_TRUE(r.success) << r.failure_reason;
            } else {
                const L1Receipt r = call(challenger_key, RespondCall{id, challenger(g, mid, *g.mid_claim)});
                ASSERT_TRUE(r.success) << r.failure_reason;
            }
        }
        FAIL() << "game " << id << " did not reach a leaf";
    }
    Answerer honest_challenger() const {
        return [this](const DisputeGame& g, std::uint64_t mid, const Hash& claim) {
            return claim == referee_->truth().at(g, mid);
        };
    }
    Claimer honest_asserter() const {
        return [this](const DisputeGame& g, std::uint64_t mid) { return referee_->truth().at(g, mid); };
    }

    // Fees `account` paid for the transactions sent here.
    Uint256 fees_paid(const Address& account) {
        Uint256 sum;
        for (const Hash& h : sent_) {
            if (auto r = stub_->receipt(h); r && *r && (*r)->from == account)
                sum += Uint256{(*r)->gas_used} * kGwei;
        }
        return sum;
    }
    // Every account the tests touch, with the fees burned: their sum never changes.
    Uint256 total_eth() {
        Uint256 sum;
        for (const auto& g : dev_genesis_accounts()) sum += balance(g.address);
        for (const auto& a : {config_.output_oracle, config_.dispute_game_factory, config_.batch_inbox})
            sum += balance(a);
        for (const Hash& h : sent_) {
            if (auto r = stub_->receipt(h); r && *r) sum += Uint256{(*r)->gas_used} * kGwei;
        }
        return sum;
    }
    // The factory's balance is exactly what it owes: credits and open games' bonds.
    void expect_factory_solvent() {
        Uint256 owed;
        std::set<Address> parties;
        const std::vector<DisputeGame> games = stub_->games(0, 1000).value();
        for (const auto& g : games) {
            if (g.status == GameStatus::in_progress) owed += g.challenger_bond;
            parties.insert(g.asserter);
            parties.insert(g.challenger);
        }
        for (const auto& a : parties) owed += credit(a);
        EXPECT_EQ(balance(config_.dispute_game_factory), owed);
    }

    std::uint64_t window_ = 100;
    std::uint64_t clock_ = 40;
    std::shared_ptr<FakeReferee> referee_ = std::make_shared<FakeReferee>();
    TempDir dir_;
    std::unique_ptr<L1Stub> stub_;
    L1Config config_;
    std::vector<Hash> sent_;
};

}  // namespace optimist::l1::test
