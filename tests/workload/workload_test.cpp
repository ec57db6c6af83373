// The shape of each workload: counts, senders, recipients, fees, determinism.
#include <optimist/core/keccak.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/workload/workload.hpp>

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

namespace optimist::workload {
namespace {

constexpr std::uint64_t kGasCap = 30'000'000;  // the dev genesis block gas limit

Workload make(Kind kind, std::size_t txs, std::uint64_t seed = 1, double hot = 0.0, std::size_t pools = 8) {
    Options o;
    o.kind = kind;
    o.txs = txs;
    o.seed = seed;
    o.hot = hot;
    o.pools = pools;
    auto w = generate(o);
    EXPECT_TRUE(w.ok()) << (w.ok() ? "" : w.error());
    return w.ok() ? std::move(*w) : Workload{};
}

std::vector<Bytes> encoded(const Workload& w) {
    std::vector<Bytes> out;
    for (const auto& t : w.setup) out.push_back(tx::encode_transaction(t));
    for (const auto& t : w.txs) out.push_back(tx::encode_transaction(t));
    return out;
}

std::array<std::uint8_t, 4> selector_of(std::string_view signature) {
    const Hash h = keccak256({reinterpret_cast<const std::uint8_t*>(signature.data()), signature.size()});
    return {h[0], h[1], h[2], h[3]};
}

bool calls(const tx::Transaction& t, std::string_view signature) {
    const auto sel = selector_of(signature);
    return t.data.size() >= 4 && std::equal(sel.begin(), sel.end(), t.data.begin());
}

// The address argument at `index` (0-based, after the selector) of an ABI-encoded call.
Address address_arg(const tx::Transaction& t, std::size_t index) {
    return Address::right_aligned(ByteView(t.data).subspan(4 + 32 * index + 12, 20));
}

TEST(Workload, KindNamesRoundTrip) {
    for (Kind k : all_kinds()) EXPECT_EQ(parse_kind(to_string(k)), k);
    EXPECT_EQ(all_kinds().size(), 6u);
    EXPECT_EQ(parse_kind("erc20"), Kind::erc20);
    EXPECT_EQ(parse_kind("ERC20"), std::nullopt);
    EXPECT_EQ(parse_kind(""), std::nullopt);
}

TEST(Workload, DefaultFunderIsDevAccountZero) {
    const Options o;
    EXPECT_EQ(o.funder_key, sequencer::dev_private_key(0));
    EXPECT_EQ(make(Kind::transfers, 1).funder, sequencer::dev_address(0));
}

TEST(Workload, RejectsInvalidOptions) {
    Options o;
    o.hot = 1.5;
    EXPECT_FALSE(generate(o).ok());
    o.hot = -0.1;
    EXPECT_FALSE(generate(o).ok());
    o = Options{};
    o.kind = Kind::amm;
    o.pools = 0;
    EXPECT_FALSE(generate(o).ok());
    o = Options{};
    o.funder_key = Hash{};
    EXPECT_FALSE(generate(o).ok());
    o = Options{};
    o.chain_id = 0;
    EXPECT_FALSE(generate(o).ok());
}

TEST(Workload, SameOptionsGiveIdenticalBytes) {
    for (Kind k : all_kinds()) {
        SCOPED_TRACE(std::string(to_string(k)));
        const Workload a = make(k, 50, 7, 0.3);
        const Workload b = make(k, 50, 7, 0.3);
        EXPECT_EQ(encoded(a), encoded(b));
        EXPECT_EQ(a.contracts, b.contracts);
        EXPECT_EQ(a.funding_needed, b.funding_needed);
    }
}

TEST(Workload, DifferentSeedsGiveDifferentTransactions) {
    for (Kind k : all_kinds()) {
        SCOPED_TRACE(std::string(to_string(k)));
        const Workload a = make(k, 20, 1);
        const Workload b = make(k, 20, 2);
        ASSERT_EQ(a.txs.size(), b.txs.size());
        for (std::size_t i = 0; i < a.txs.size(); ++i) EXPECT_NE(a.txs[i].sender, b.txs[i].sender);
    }
}

// Every kind: the count asked for, one transaction per fresh sender (nonce 0), EIP-1559 fees
// with a tip, the chain id, and setup transactions from the funder in nonce order that fit
// a 30M-gas block.
TEST(Workload, EveryKindHasTheRequestedShape) {
    for (Kind k : all_kinds()) {
        SCOPED_TRACE(std::string(to_string(k)));
        Options o;
        o.kind = k;
        o.txs = 120;
        o.pools = 4;
        o.chain_id = 4242;
        o.funder_nonce = 5;
        auto w = generate(o);
        ASSERT_TRUE(w.ok()) << w.error();
        EXPECT_EQ(w->txs.size(), 120u);
        std::set<Address> senders;
        for (const auto& t : w->txs) {
            EXPECT_EQ(t.type, tx::TxType::dynamic_fee);
            EXPECT_EQ(t.chain_id, 4242u);
            EXPECT_EQ(t.nonce, 0u);
            EXPECT_GT(t.max_priority_fee_per_gas, Uint256{0});
            EXPECT_LE(t.max_priority_fee_per_gas, t.max_fee_per_gas);
            EXPECT_NE(t.sender, w->funder);
            senders.insert(t.sender);
        }
        EXPECT_EQ(senders.size(), w->txs.size());
        ASSERT_FALSE(w->setup.empty());
        Uint256 spent;
        for (std::size_t i = 0; i < w->setup.size(); ++i) {
            const auto& t = w->setup[i];
            EXPECT_EQ(t.sender, w->funder);
            EXPECT_EQ(t.nonce, 5 + i);
            EXPECT_EQ(t.chain_id, 4242u);
            EXPECT_GT(t.max_priority_fee_per_gas, Uint256{0});
            EXPECT_LT(t.gas_limit, kGasCap);
            spent = spent + t.value + Uint256{t.gas_limit} * t.max_fee_per_gas;
        }
        EXPECT_EQ(spent, w->funding_needed);
        EXPECT_FALSE(w->contracts.empty());
    }
}

TEST(Workload, TransfersTouchDistinctAccounts) {
    const Workload w = make(Kind::transfers, 200);
    std::set<Address> seen;
    for (const auto& t : w.txs) {
        ASSERT_TRUE(t.to.has_value());
        EXPECT_TRUE(t.data.empty());
        EXPECT_GT(t.value, Uint256{0});
        EXPECT_TRUE(seen.insert(t.sender).second);
        EXPECT_TRUE(seen.insert(*t.to).second);  // neither a sender nor another recipient
    }
}

TEST(Workload, Erc20WithoutHotAccountsIsDisjoint) {
    const Workload w = make(Kind::erc20, 200);
    std::set<Address> seen;
    for (const auto& t : w.txs) {
        ASSERT_TRUE(calls(t, "transfer(address,uint256)"));
        EXPECT_EQ(t.to, w.txs.front().to);  // one token
        EXPECT_TRUE(seen.insert(t.sender).second);
        EXPECT_TRUE(seen.insert(address_arg(t, 0)).second);
    }
}

TEST(Workload, Erc20HotFractionGoesToFewAccounts) {
    for (double hot : {0.1, 0.5, 1.0}) {
        SCOPED_TRACE(hot);
        const Workload w = make(Kind::erc20, 400, 3, hot);
        std::map<Address, std::size_t> received;
        for (const auto& t : w.txs) ++received[address_arg(t, 0)];
        std::size_t to_hot = 0;
        std::size_t hot_accounts = 0;
        for (const auto& [to, n] : received) {
            if (n > 1) {
                to_hot += n;
                ++hot_accounts;
            } else {
                EXPECT_EQ(n, 1u);
            }
        }
        // Exactly round(hot * txs) transfers go to at most kHotAccounts accounts (a hot
        // account chosen only once looks like a cold one here, hence the tolerance).
        EXPECT_LE(hot_accounts, kHotAccounts);
        EXPECT_NEAR(static_cast<double>(to_hot), hot * 400, kHotAccounts);
    }
}

TEST(Workload, AmmSwapsSpreadOverThePools) {
    const std::size_t pools = 16;
    const Workload w = make(Kind::amm, 800, 1, 0.0, pools);
    std::map<Address, std::size_t> per_pool;
    std::set<Address> tokens_in;
    const std::set<Address> contracts(w.contracts.begin(), w.contracts.end());
    for (const auto& t : w.txs) {
        ASSERT_TRUE(calls(t, "swapExactTokensForTokens(uint256,uint256,address,address,address)"));
        EXPECT_EQ(address_arg(t, 4), t.sender);
        tokens_in.insert(address_arg(t, 2));
        const Address pair = address_arg(t, 3);
        EXPECT_TRUE(contracts.count(pair));
        ++per_pool[pair];
    }
    EXPECT_EQ(tokens_in.size(), 2u);  // both directions
    ASSERT_EQ(per_pool.size(), pools);
    for (const auto& [pair, n] : per_pool) {
        EXPECT_GT(n, 800 / pools / 2);
        EXPECT_LT(n, 800 / pools * 2);
    }
}

TEST(Workload, MainnetMixesEveryAction) {
    const Workload w = make(Kind::mainnet, 600);
    std::size_t transfers = 0, token_transfers = 0, swaps = 0, mints = 0;
    std::set<Address> tokens;
    for (const auto& t : w.txs) {
        if (t.data.empty()) {
            ++transfers;
        } else if (calls(t, "transfer(address,uint256)")) {
            ++token_transfers;
            tokens.insert(*t.to);
        } else if (calls(t, "swapExactTokensForTokens(uint256,uint256,address,address,address)")) {
            ++swaps;
        } else if (calls(t, "mint()")) {
            ++mints;
        } else {
            ADD_FAILURE() << "unexpected call";
        }
    }
    EXPECT_EQ(transfers, 200u);
    EXPECT_EQ(token_transfers, 200u);
    EXPECT_EQ(swaps, 100u);
    EXPECT_EQ(mints, 100u);
    EXPECT_EQ(tokens.size(), 4u);
    // Shuffled: the first hundred transactions are not all of one action.
    std::set<bool> first_are_transfers;
    for (std::size_t i = 0; i < 100; ++i) first_are_transfers.insert(w.txs[i].data.empty());
    EXPECT_EQ(first_are_transfers.size(), 2u);
}

TEST(Workload, NftAndHotslotCallOneContract) {
    for (auto [kind, signature] : {std::pair{Kind::nft, "mint()"}, std::pair{Kind::hotslot, "increment()"}}) {
        const Workload w = make(kind, 50);
        for (const auto& t : w.txs) {
            EXPECT_TRUE(calls(t, signature));
            EXPECT_EQ(t.to, w.txs.front().to);
        }
    }
}

}  // namespace
}  // namespace optimist::workload
