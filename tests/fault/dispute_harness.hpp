// A whole rollup in one process for dispute tests: the L1 stub with the step-machine referee,
// a sequencer with its batcher and a proposer (honest, or posting a wrong root made by a
// deliberate fault), a verifier node re-deriving the chain, and two challenger parties — the
// honest challenger on the verifier's chain and the proposer's own defender on the
// sequencer's (possibly faulty) truth.
#pragma once

#include "../proof/fixture.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/fault/challenger.hpp>
#include <optimist/fault/referee.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/rollup/output_root.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/sequencer/verifier.hpp>

#include <filesystem>
#include <unistd.h>

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>

namespace optimist::fault::testing {

// A directory under the system temp dir, removed with the object.
class TempDir {
public:
    TempDir() {
        static int counter = 0;
        path_ = std::filesystem::temp_directory_path() /
                ("optimist-dispute-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        std::filesystem::remove_all(path_);
    }
    ~TempDir() { std::filesystem::remove_all(path_); }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] std::string str() const { return path_.string(); }

private:
    std::filesystem::path path_;
};

inline constexpr std::size_t kChallengerAccount = 7;

struct HarnessOptions {
    std::optional<FaultPlan> fault;              // the proposer's deliberate fault
    Strategy challenger = Strategy::honest;      // the challenger's strategy
    bool defender_silent = false;                // the proposer stops answering
    std::uint64_t clock = 200;
    std::uint64_t window = 40;
};

class Harness {
public:
    explicit Harness(HarnessOptions options) : options_(std::move(options)) {
        sequencer::NodeConfig seq_config;
        seq_config.datadir = seq_dir_.str();
        seq_config.block_time = std::chrono::milliseconds(0);
        auto seq = sequencer::Node::open(seq_config);
        if (!seq) throw std::runtime_error("sequencer: " + seq.error());
        sequencer_ = std::move(*seq);
        const tx::BlockHeader genesis = *sequencer_->chain().header_by_number(0);

        l1::L1StubConfig l1_config;
        l1_config.datadir = l1_dir_.str();
        l1_config.block_time = std::chrono::milliseconds(0);
        l1_config.l1.challenge_window = options_.window;
        l1_config.l1.game_clock = options_.clock;
        l1_config.l1.l2_genesis_output = rollup::output_root(genesis.state_root, Hash{}, tx::header_hash(genesis));
        auto stub = l1::L1Stub::open(l1_config);
        if (!stub) throw std::runtime_error("L1 stub: " + stub.error());
        l1_ = std::move(*stub);
        referee_ = std::make_shared<Referee>(chain_rules(*sequencer_), sequencer_->genesis().batcher, l1_->inbox_reader());
        l1_->set_referee(referee_);

        proposer_truth_ = std::make_unique<ChainTruth>(*sequencer_, options_.fault);
        sequencer::PipelineConfig pc;
        pc.batcher.key = sequencer::dev_private_key(sequencer::kDevBatcherAccount);
        pc.proposer.key = sequencer::dev_private_key(sequencer::kDevProposerAccount);
        if (options_.fault) {
            const FaultPlan plan = *options_.fault;
            pc.proposer.override_root = [this, plan](std::uint64_t block, const Hash&) -> std::optional<Hash> {
                if (block != plan.l2_block) return std::nullopt;
                auto r = proposer_truth_->output_root(block);
                return r ? std::optional<Hash>(*r) : std::nullopt;
            };
        }
        pipeline_ = std::make_unique<sequencer::Pipeline>(*sequencer_, *l1_, pc);

        sequencer::NodeConfig ver_config;
        ver_config.datadir = ver_dir_.str();
        ver_config.block_time = std::chrono::milliseconds(0);
        auto ver = sequencer::Node::open(ver_config);
        if (!ver) throw std::runtime_error("verifier node: " + ver.error());
        verifier_node_ = std::move(*ver);
        verifier_ = std::make_unique<sequencer::Verifier>(*verifier_node_, *l1_);
        honest_truth_ = std::make_unique<ChainTruth>(*verifier_node_);

        ChallengerConfig cc;
        cc.key = sequencer::dev_private_key(kChallengerAccount);
        cc.strategy = options_.challenger;
        cc.defend = false;
        cc.proof_dir = proof_dir_.str();
        challenger_ = std::make_unique<Challenger>(*l1_, *honest_truth_, cc);

        ChallengerConfig dc;
        dc.key = sequencer::dev_private_key(sequencer::kDevProposerAccount);
        dc.dispute = false;
        dc.defend = true;
        dc.strategy = options_.defender_silent ? Strategy::silent : Strategy::honest;
        defender_ = std::make_unique<Challenger>(*l1_, *proposer_truth_, dc);
    }

    // Signs and submits a transaction from dev account `from` to the sequencer.
    Hash submit(std::size_t from, std::optional<Address> to, Bytes data, std::uint64_t value = 0,
                std::uint64_t gas = 300'000) {
        tx::Transaction t;
        t.type = tx::TxType::dynamic_fee;
        t.chain_id = sequencer_->chain_id();
        t.nonce = nonces_[from]++;
        t.max_fee_per_gas = Uint256{10'000'000'000ULL};
        t.max_priority_fee_per_gas = Uint256{1'000'000};
        t.gas_limit = gas;
        t.to = to;
        t.value = value;
        t.data = std::move(data);
        auto h = sequencer_->submit_raw_transaction(tx::encode_transaction(*tx::sign_transaction(t, sequencer::dev_private_key(from))));
        if (!h) throw std::runtime_error("submit: " + h.error().message);
        return *h;
    }

    // Deterministic fresh keys: senders beyond the dev accounts (the mempool holds 64
    // transactions per sender, so a block of 1,000 needs 1,000 of them).
    static std::vector<Hash> fresh_keys(std::size_t n) {
        std::vector<Hash> keys;
        for (std::size_t i = 0; i < n; ++i) {
            const Bytes seed = {'k', static_cast<std::uint8_t>(i >> 8), static_cast<std::uint8_t>(i)};
            keys.push_back(keccak256(seed));
        }
        return keys;
    }
    // Blocks funding `keys` with `amount` wei each from dev accounts 0-6, 448 per block.
    static std::uint64_t funding_blocks(std::size_t n) { return (n + 447) / 448; }
    void fund(const std::vector<Hash>& keys, std::uint64_t amount) {
        std::size_t funded = 0;
        while (funded < keys.size()) {
            for (std::size_t from = 0; from < 7 && funded < keys.size(); ++from) {
                for (int k = 0; k < 64 && funded < keys.size(); ++k, ++funded)
                    submit(from, *crypto::address_from_private_key(keys[funded]), {}, amount, 21000);
            }
            produce();
        }
    }
    // Transfer number i of a bulk block: i + 1 wei to an address of its own.
    tx::Transaction bulk_transfer(std::size_t i) const {
        tx::Transaction t;
        t.type = tx::TxType::dynamic_fee;
        t.chain_id = sequencer_->chain_id();
        t.max_fee_per_gas = Uint256{10'000'000'000ULL};
        t.max_priority_fee_per_gas = Uint256{1};
        t.gas_limit = 21000;
        Address to;
        to[0] = 0x55;
        to[18] = static_cast<std::uint8_t>(i >> 8);
        to[19] = static_cast<std::uint8_t>(i);
        t.to = to;
        t.value = Uint256{i + 1};
        return t;
    }
    Hash submit_signed(const tx::Transaction& t, const Hash& key) {
        auto h = sequencer_->submit_raw_transaction(tx::encode_transaction(*tx::sign_transaction(t, key)));
        if (!h) throw std::runtime_error("submit: " + h.error().message);
        return *h;
    }

    std::uint64_t produce() {
        auto h = sequencer_->produce_block();
        if (!h) throw std::runtime_error("produce: " + h.error());
        return h->number;
    }

    // Rounds of: pipeline, L1 block, verifier, both parties, L1 block; until every game is
    // over (and at least `min_games` were played), or `max_rounds`. `on_round` (optional)
    // runs after each round.
    [[nodiscard]] Status<std::string> run(std::size_t min_games = 1, std::size_t max_rounds = 400,
                                          const std::function<void()>& on_round = {}) {
        for (std::size_t round = 0; round < max_rounds; ++round) {
            pipeline_->step();
            if (!l1_->mine()) return fail(std::string("mining failed"));
            if (auto v = verifier_->step(); !v) return fail("verifier: " + v.error());
            if (auto a = challenger_->poll(); !a) return fail("challenger: " + a.error());
            if (auto b = defender_->poll(); !b) return fail("defender: " + b.error());
            if (!l1_->mine()) return fail(std::string("mining failed"));
            if (on_round) on_round();
            auto games = l1_->games(0, 1000);
            if (!games) return fail(games.error().message);
            bool open = false;
            for (const auto& g : *games) open = open || g.status == l1::GameStatus::in_progress;
            if (games->size() >= min_games && !open) {
                // One more round so the winners claim their credits.
                (void)challenger_->poll();
                (void)defender_->poll();
                if (!l1_->mine()) return fail(std::string("mining failed"));
                return {};
            }
        }
        return fail(std::string("the games did not end"));
    }

    std::vector<l1::DisputeGame> games() {
        auto g = l1_->games(0, 1000);
        return g ? *g : std::vector<l1::DisputeGame>{};
    }

    HarnessOptions options_;
    TempDir l1_dir_, seq_dir_, ver_dir_, proof_dir_;
    std::unique_ptr<sequencer::Node> sequencer_;
    std::unique_ptr<l1::L1Stub> l1_;
    std::shared_ptr<Referee> referee_;
    std::unique_ptr<ChainTruth> proposer_truth_;
    std::unique_ptr<sequencer::Pipeline> pipeline_;
    std::unique_ptr<sequencer::Node> verifier_node_;
    std::unique_ptr<sequencer::Verifier> verifier_;
    std::unique_ptr<ChainTruth> honest_truth_;
    std::unique_ptr<Challenger> challenger_;
    std::unique_ptr<Challenger> defender_;
    std::array<std::uint64_t, 10> nonces_{};
};

// The transaction a fault needs to act on: a contract call for the faults in storage,
// arithmetic, gas, logs and refunds, a creation for the CREATE-address fault, and any
// transaction (a transfer) for the rest.
enum class FaultTarget { transfer, counter_call, creation };
inline FaultTarget fault_target(proof::FaultKind k) {
    switch (k) {
        case proof::FaultKind::storage_value:
        case proof::FaultKind::arithmetic:
        case proof::FaultKind::gas:
        case proof::FaultKind::wrong_log:
        case proof::FaultKind::wrong_refund:
            return FaultTarget::counter_call;
        case proof::FaultKind::create_address:
            return FaultTarget::creation;
        default:
            return FaultTarget::transfer;
    }
}

}  // namespace optimist::fault::testing
