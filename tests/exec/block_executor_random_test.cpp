// Random blocks: the BlockExecutor (write sets layered on a BlockOverlay) against the
// reference, each transaction applied directly to InMemoryState through its own StateView as
// tools/ethtest does. Same errors, receipts, gas and outputs per transaction; the write sets
// applied in order to the pre-state give the reference's state root after every transaction.
#include "../common/fuzz_cases.hpp"
#include "test_contracts.hpp"
#include "test_util.hpp"

#include <optimist/exec/block_executor.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <initializer_list>
#include <map>
#include <random>

namespace optimist::exec {
namespace {

using namespace testing;

using optimist::test_common::fuzz_cases;

constexpr std::uint64_t kBaseFee = 7;

// --- the world ------------------------------------------------------------------------------

struct World : ContractWorld {
    std::vector<Address> senders;
    state::InMemoryState pre;
};

World make_world() {
    World w;
    for (std::uint8_t i = 1; i <= 4; ++i) {
        w.senders.push_back(address_of(i));
        put_account(w.pre, w.senders.back(), 0, 10'000'000'000'000ULL);
    }
    static_cast<ContractWorld&>(w) = add_contract_world(w.pre);
    return w;
}

// --- random transactions --------------------------------------------------------------------

class TxGen {
public:
    TxGen(const World& w, std::uint64_t seed) : w_(w), rng_(seed), nonces_(w.senders.size()) {}

    tx::Transaction next() {
        const std::size_t s = pick(w_.senders.size());
        tx::Transaction t;
        t.sender = w_.senders[s];
        t.nonce = nonces_.next(s);
        t.gas_limit = 200'000;
        set_fees(t);
        switch (pick(13)) {
            case 0:
            case 1:
                t.to = pick(2) ? w_.senders[pick(w_.senders.size())] : w_.others[pick(w_.others.size())];
                t.value = pick(3) == 0 ? 0 : pick(1'000'000);
                t.gas_limit = 21000 + pick(3) * 1000;
                break;
            case 2:
            case 3: {
                t.to = pick(3) ? w_.store : created_or(w_.store);
                Bytes data(64, 0);
                data[31] = static_cast<std::uint8_t>(pick(4));
                const std::size_t kind = pick(3);
                if (kind == 1) data[63] = static_cast<std::uint8_t>(1 + pick(255));
                if (kind == 2) std::fill(data.begin() + 32, data.end(), 0xff);
                t.data = std::move(data);
                break;
            }
            case 4:
                t.to = w_.counter;
                break;
            case 5:
                t.to = w_.reverter;
                t.value = pick(2) ? 0 : 10;
                break;
            case 6:
                t.to = w_.factory;
                break;
            case 7:
                t.to = w_.f_collide;
                break;
            case 8:
                t.to = w_.f_destruct;
                break;
            case 9:
                t.to = w_.f_store;
                break;
            case 10:  // deploy a store contract, called later
                t.data = deployer(kStoreCode);
                t.gas_limit = 300'000;
                created_.push_back(evm::create_address(t.sender, t.nonce));
                break;
            case 11:  // creation whose init code self-destructs in the same transaction
                t.data = kSelfDestructInit;
                t.value = pick(1000);
                t.gas_limit = 100'000;
                break;
            default:
                make_invalid(t);
                nonces_.skip();
                return t;
        }
        if (pick(8) == 0) t.gas_limit = 21000 + pick(30'000);  // often out of gas
        nonces_.take(s);
        return t;
    }

    // The reference refused the last transaction.
    void refused() { nonces_.refused(); }

private:
    std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }

    Address created_or(const Address& fallback) {
        return created_.empty() ? fallback : created_[pick(created_.size())];
    }

    void set_fees(tx::Transaction& t) {
        const std::uint64_t fee = kBaseFee + pick(10);
        switch (pick(3)) {
            case 0:
                t.type = tx::TxType::legacy;
                t.max_fee_per_gas = t.max_priority_fee_per_gas = fee;
                break;
            case 1:
                t.type = tx::TxType::access_list;
                t.max_fee_per_gas = t.max_priority_fee_per_gas = fee;
                t.access_list = {{w_.store, {Uint256{1}.to_hash()}}};
                break;
            default:
                t.type = tx::TxType::dynamic_fee;
                t.max_fee_per_gas = fee;
                t.max_priority_fee_per_gas = pick(fee + 1);
        }
    }

    void make_invalid(tx::Transaction& t) {
        t.to = w_.senders[0];
        switch (pick(3)) {
            case 0:
                t.nonce += 1 + pick(3);
                break;
            case 1:
                if (t.nonce == 0) {
                    t.nonce = 5;
                } else {
                    t.nonce -= 1;
                }
                break;
            default:
                t.value = Uint256::max() >> 8;
        }
    }

    const World& w_;
    std::mt19937_64 rng_;
    NonceBook nonces_;
    std::vector<Address> created_;
};

// What the random blocks exercised, so a generator change cannot silently drop a case.
struct Coverage {
    std::size_t refused = 0, reverted = 0, failed = 0, created = 0, deleted = 0, storage_cleared = 0,
                logs = 0;
};

tx::Receipt reference_receipt(const tx::Transaction& t, const TxOutcome& o, std::uint64_t cumulative) {
    return tx::make_receipt(t.type, o.status == evm::StatusCode::success, cumulative, o.logs);
}

void run_block(std::uint64_t seed, std::size_t num_txs, Coverage& cov) {
    SCOPED_TRACE(seed);
    const World w = make_world();
    evm::BlockContext ctx = block_with_base_fee(kBaseFee);
    ctx.gas_limit = 1'000'000'000;  // the gas pool has its own tests
    TxGen gen(w, seed);

    BlockExecutor executor(w.pre, ctx);
    state::InMemoryState reference = w.pre;  // one StateView per transaction, committed each time
    state::InMemoryState replay = w.pre;     // the executor's write sets, applied in order
    std::uint64_t cumulative = 0;
    std::vector<tx::Transaction> included;

    for (std::size_t i = 0; i < num_txs; ++i) {
        SCOPED_TRACE(i);
        const tx::Transaction t = gen.next();
        state::StateView view(reference);
        const auto want = apply_transaction(view, ctx, t);
        const auto got = executor.try_apply(t);
        ASSERT_EQ(got.ok(), want.ok());
        if (!want) {
            EXPECT_EQ(got.error(), want.error());
            gen.refused();
            ++cov.refused;
            continue;
        }
        reference.apply(view.write_set());
        cumulative += want->gas_used;
        const ExecutedTx& e = **got;
        EXPECT_EQ(e.status, want->status);
        EXPECT_EQ(e.gas_used, want->gas_used);
        EXPECT_EQ(e.logs, want->logs);
        EXPECT_EQ(e.output, want->output);
        EXPECT_EQ(e.contract_address, want->contract_address);
        EXPECT_EQ(e.receipt, reference_receipt(t, *want, cumulative));

        included.push_back(t);
        ASSERT_EQ(executor.write_sets().size(), included.size());
        for (const auto& a : executor.write_sets().back().accounts) {
            cov.deleted += a.deleted;
            cov.storage_cleared += a.storage_cleared;
        }
        cov.reverted += e.status == evm::StatusCode::revert;
        cov.failed += e.status != evm::StatusCode::success && e.status != evm::StatusCode::revert;
        cov.created += !e.contract_address.is_zero();
        cov.logs += e.logs.size();
        replay.apply(executor.write_sets().back());
        ASSERT_EQ(replay.state_root(), reference.state_root());
    }
    EXPECT_EQ(executor.gas_used(), cumulative);

    // The overlay reads what the reference holds, account by account and slot by slot.
    for (const auto& [address, stored] : reference.accounts()) {
        const auto got = executor.state().read_account(address);
        ASSERT_TRUE(got.has_value());
        const auto want = reference.read_account(address);
        EXPECT_EQ(got->nonce, want->nonce);
        EXPECT_EQ(got->balance, want->balance);
        EXPECT_EQ(got->code_hash, want->code_hash);
        EXPECT_EQ(executor.state().read_code(got->code_hash), stored.code);
        for (std::uint64_t k = 0; k < 5; ++k) {
            EXPECT_EQ(executor.state().read_storage(address, k), reference.read_storage(address, k));
        }
    }
    for (const auto& [address, stored] : w.pre.accounts()) {
        if (!reference.accounts().contains(address)) {
            EXPECT_FALSE(executor.state().read_account(address));
        }
    }

    // The all-or-nothing replay of the included transactions agrees.
    const auto block = execute_block(w.pre, ctx, included);
    ASSERT_TRUE(block);
    EXPECT_EQ(block->gas_used, executor.gas_used());
    ASSERT_EQ(block->txs.size(), included.size());
    for (std::size_t i = 0; i < included.size(); ++i) {
        EXPECT_EQ(block->txs[i].receipt, executor.executed()[i].receipt);
    }
}

TEST(BlockExecutorRandom, MatchesPerTransactionExecution) {
    const std::size_t blocks = fuzz_cases(40);
    Coverage cov;
    for (std::size_t b = 0; b < blocks; ++b) run_block(0x5eed0000 + b, 60, cov);
    if (blocks < 20) return;  // too few blocks to expect every case
    EXPECT_GT(cov.refused, 0U);
    EXPECT_GT(cov.reverted, 0U);
    EXPECT_GT(cov.failed, 0U);
    EXPECT_GT(cov.created, 0U);
    EXPECT_GT(cov.deleted, 0U);
    EXPECT_GT(cov.storage_cleared, 0U);
    EXPECT_GT(cov.logs, 0U);
}

}  // namespace
}  // namespace optimist::exec
