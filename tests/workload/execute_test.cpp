// Every workload executes: over the dev genesis, every setup transaction and every workload
// transaction succeeds with the sequential executor, and the state shows what they did.
#include "run_workload.hpp"

#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>

namespace optimist::workload {
namespace {

using testing::execute;
using testing::Executed;
using testing::mapping_slot;

Workload make(Kind kind, std::size_t txs, double hot = 0.0, std::size_t pools = 8) {
    Options o;
    o.kind = kind;
    o.txs = txs;
    o.seed = 11;
    o.hot = hot;
    o.pools = pools;
    auto w = generate(o);
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error());
    return w.ok() ? std::move(*w) : Workload{};
}

void expect_all_succeeded(const Workload& w, const Executed& e) {
    ASSERT_EQ(e.setup.size(), w.setup.size());
    ASSERT_EQ(e.txs.size(), w.txs.size());
    for (std::size_t i = 0; i < e.setup.size(); ++i) {
        EXPECT_EQ(e.setup[i].status, evm::StatusCode::success)
            << "setup transaction " << i << ": " << evm::to_string(e.setup[i].status) << ", gas used "
            << e.setup[i].gas_used << " of " << w.setup[i].gas_limit;
    }
    for (std::size_t i = 0; i < e.txs.size(); ++i) {
        EXPECT_EQ(e.txs[i].status, evm::StatusCode::success)
            << "workload transaction " << i << ": " << evm::to_string(e.txs[i].status) << ", gas used "
            << e.txs[i].gas_used << " of " << w.txs[i].gas_limit;
    }
}

Uint256 arg(const tx::Transaction& t, std::size_t index) {
    return Uint256::from_be_bytes(ByteView(t.data).subspan(4 + 32 * index, 32));
}
Address address_arg(const tx::Transaction& t, std::size_t index) {
    return Address::right_aligned(ByteView(t.data).subspan(4 + 32 * index + 12, 20));
}

TEST(WorkloadExecution, EveryKindSucceeds) {
    for (Kind k : all_kinds()) {
        SCOPED_TRACE(std::string(to_string(k)));
        const Workload w = make(k, 300, 0.2);
        const Executed e = execute(w);
        expect_all_succeeded(w, e);
        for (const Address& c : w.contracts) {
            const auto account = e.state.read_account(c);
            ASSERT_TRUE(account.has_value());
            EXPECT_NE(account->code_hash, state::kEmptyCodeHash);
        }
        // The genesis funds the funder enough, and the bound on its spending holds.
        const Uint256 genesis_balance = sequencer::dev_genesis().alloc.at(w.funder).balance;
        EXPECT_LT(w.funding_needed, genesis_balance);
        const auto funder = e.state.read_account(w.funder);
        ASSERT_TRUE(funder.has_value());
        EXPECT_GE(funder->balance, genesis_balance - w.funding_needed);
    }
}

TEST(WorkloadExecution, TransfersReachTheirRecipients) {
    const Workload w = make(Kind::transfers, 200);
    const Executed e = execute(w);
    expect_all_succeeded(w, e);
    for (const auto& t : w.txs) {
        const auto to = e.state.read_account(*t.to);
        ASSERT_TRUE(to.has_value());
        EXPECT_EQ(to->balance, t.value);
    }
}

// Token balances (slot 0 mapping, contracts/Token.sol) as an eth_getStorageAt reader sees them.
TEST(WorkloadExecution, Erc20BalancesAreAsSent) {
    for (double hot : {0.0, 0.5}) {
        SCOPED_TRACE(hot);
        const Workload w = make(Kind::erc20, 200, hot);
        const Executed e = execute(w);
        expect_all_succeeded(w, e);
        const Address token = *w.txs.front().to;
        std::map<Address, Uint256> received;
        for (const auto& t : w.txs) {
            const Address to = address_arg(t, 0);
            received[to] = received[to] + arg(t, 1);
            const Uint256 left = e.state.read_storage(token, mapping_slot(t.sender, 0));
            EXPECT_EQ(left + arg(t, 1), Uint256{1000} * Uint256{1'000'000'000'000'000'000ULL});
        }
        for (const auto& [to, amount] : received)
            EXPECT_EQ(e.state.read_storage(token, mapping_slot(to, 0)), amount);
    }
}

// Every swap's output arrived: the user holds some of the other token, and each pool's
// reserves (slots 0 and 1, contracts/Pair.sol) moved off their initial million tokens.
TEST(WorkloadExecution, AmmSwapsPayOut) {
    const Workload w = make(Kind::amm, 300, 0.0, 4);
    const Executed e = execute(w);
    expect_all_succeeded(w, e);
    const Uint256 initial = Uint256{1'000'000} * Uint256{1'000'000'000'000'000'000ULL};
    std::set<Address> pools;
    for (const auto& t : w.txs) {
        const Address token_in = address_arg(t, 2);
        pools.insert(address_arg(t, 3));
        // The Transfer logs of the swap: the input to the pair, then the output to the user.
        const auto& logs = e.txs[static_cast<std::size_t>(&t - w.txs.data())].logs;
        const auto out = std::find_if(logs.begin(), logs.end(), [&](const Log& l) {
            return l.address != token_in && l.topics.size() == 3 &&
                   l.topics[2] == Hash::right_aligned(t.sender);
        });
        ASSERT_NE(out, logs.end());
        EXPECT_GT(e.state.read_storage(out->address, mapping_slot(t.sender, 0)), Uint256{0});
    }
    for (const Address& pair : pools) EXPECT_NE(e.state.read_storage(pair, Uint256{0}), initial);
}

TEST(WorkloadExecution, CountersCountEveryTransaction) {
    // Nft.totalSupply and HotCounter.count are both slot 0.
    for (Kind k : {Kind::nft, Kind::hotslot}) {
        const Workload w = make(k, 150);
        const Executed e = execute(w);
        expect_all_succeeded(w, e);
        EXPECT_EQ(e.state.read_storage(*w.txs.front().to, Uint256{0}), Uint256{150});
    }
}

TEST(WorkloadExecution, SetupStartsAtTheGivenFunderNonce) {
    Options o;
    o.kind = Kind::hotslot;
    o.txs = 10;
    o.funder_nonce = 3;
    auto w = generate(o);
    ASSERT_TRUE(w.ok());
    // Three earlier transactions of the funder, then the workload.
    std::vector<tx::Transaction> earlier;
    for (std::uint64_t n = 0; n < 3; ++n) {
        tx::Transaction t = w->setup.front();
        t.nonce = n;
        t.to = w->funder;
        t.data.clear();
        t.gas_limit = 21'000;
        earlier.push_back(*tx::sign_transaction(t, o.funder_key));
    }
    Executed e;
    e.state.apply(sequencer::genesis_write_set(sequencer::dev_genesis()));
    (void)testing::run_block(e.state, block_context(1, 901), earlier, "earlier");
    e.setup = testing::run_block(e.state, block_context(2, 901), w->setup, "setup");
    e.txs = testing::run_block(e.state, block_context(3, 901), w->txs, "workload");
    expect_all_succeeded(*w, e);
    EXPECT_EQ(e.state.read_storage(*w->txs.front().to, Uint256{0}), Uint256{10});
}

}  // namespace
}  // namespace optimist::workload
