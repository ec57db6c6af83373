#include "kinds.hpp"

#include "calls.hpp"

#include <cmath>
#include <string>

namespace optimist::workload {

Address fresh_recipient(std::uint64_t seed, std::uint64_t index) {
    return derive_address("optimist/workload/recipient", seed, index);
}

Address hot_recipient(std::uint64_t seed, std::uint64_t index) {
    return derive_address("optimist/workload/hot", seed, index);
}

Amm deploy_amm(Builder& b, std::size_t token_count, std::size_t pools) {
    Amm amm;
    amm.router = b.deploy(Contract::router);
    for (std::size_t i = 0; i < token_count; ++i) {
        const std::string n = std::to_string(i);
        amm.tokens.push_back(
            b.deploy(Contract::token, calls::token_constructor("Workload Token " + n, "WT" + n, amm.router)));
    }
    amm.pairs = b.create_pairs(amm.router, amm.tokens[0], amm.tokens[1], pools);
    return amm;
}

void add_liquidity(Builder& b, const Amm& amm) {
    b.mint(amm.tokens[0], amm.pairs, whole_units(kPoolTokens));
    b.mint(amm.tokens[1], amm.pairs, whole_units(kPoolTokens));
    b.mint_liquidity(amm.router, amm.pairs);
}

void add_swap(Builder& b, Rng& rng, const Amm& amm, const Account& user, std::size_t token_in) {
    const Address& pair = amm.pairs[rng.below(amm.pairs.size())];
    const Uint256 amount{rng.between(kMinTokenAmount, kMaxTokenAmount)};
    // A minimum of one unit: any output passes, as the swaps' order (and so the price each
    // one sees) is up to the sequencer.
    b.add(user, amm.router,
          calls::router_swap_exact_tokens_for_tokens(amount, Uint256{1}, amm.tokens[token_in], pair,
                                                     user.address),
          kSwapGas);
}

void mint_holders(Builder& b, const std::vector<Address>& tokens,
                  const std::vector<std::vector<Address>>& holders) {
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        if (!holders[t].empty()) b.mint(tokens[t], holders[t], whole_units(kAccountTokens));
    }
}

void build_transfers(const Options& o, Builder& b) {
    Rng rng(o.seed);
    const auto senders = derive_accounts(o.seed, o.txs);
    const Address airdrop = b.deploy(Contract::airdrop);
    b.fund(airdrop, addresses_of(senders));
    for (std::size_t i = 0; i < senders.size(); ++i) {
        b.add(senders[i], fresh_recipient(o.seed, i), {}, kTransferGas,
              Uint256{rng.between(kMinTransferValue, kMaxTransferValue)});
    }
}

void build_erc20(const Options& o, Builder& b) {
    Rng rng(o.seed);
    const auto senders = derive_accounts(o.seed, o.txs);
    const Address airdrop = b.deploy(Contract::airdrop);
    const Address token =
        b.deploy(Contract::token, calls::token_constructor("Workload Token", "WT", Address{}));
    const auto holders = addresses_of(senders);
    b.fund(airdrop, holders);
    b.mint(token, holders, whole_units(kAccountTokens));

    std::vector<Address> recipients;
    recipients.reserve(o.txs);
    for (std::size_t i = 0; i < o.txs; ++i) recipients.push_back(fresh_recipient(o.seed, i));
    // Exactly round(hot * txs) transfers, at random positions, go to a random hot account.
    const auto hot_count = static_cast<std::size_t>(std::llround(o.hot * static_cast<double>(o.txs)));
    std::vector<std::size_t> order(o.txs);
    for (std::size_t i = 0; i < o.txs; ++i) order[i] = i;
    rng.shuffle(order);
    for (std::size_t j = 0; j < hot_count; ++j)
        recipients[order[j]] = hot_recipient(o.seed, rng.below(kHotAccounts));

    for (std::size_t i = 0; i < o.txs; ++i) {
        const Uint256 amount{rng.between(kMinTokenAmount, kMaxTokenAmount)};
        b.add(senders[i], token, calls::token_transfer(recipients[i], amount), kTokenTransferGas);
    }
}

void build_amm(const Options& o, Builder& b) {
    Rng rng(o.seed);
    const auto senders = derive_accounts(o.seed, o.txs);
    const Address airdrop = b.deploy(Contract::airdrop);
    const Amm amm = deploy_amm(b, 2, o.pools);
    b.fund(airdrop, addresses_of(senders));

    std::vector<std::vector<Address>> holders(amm.tokens.size());
    for (const Account& user : senders) {
        const std::size_t token_in = rng.below(2);
        holders[token_in].push_back(user.address);
        add_swap(b, rng, amm, user, token_in);
    }
    mint_holders(b, amm.tokens, holders);
    add_liquidity(b, amm);
}

void build_nft(const Options& o, Builder& b) {
    const auto senders = derive_accounts(o.seed, o.txs);
    const Address airdrop = b.deploy(Contract::airdrop);
    const Address nft = b.deploy(Contract::nft);
    b.fund(airdrop, addresses_of(senders));
    for (const Account& user : senders) b.add(user, nft, calls::nft_mint(), kNftMintGas);
}

void build_hotslot(const Options& o, Builder& b) {
    const auto senders = derive_accounts(o.seed, o.txs);
    const Address airdrop = b.deploy(Contract::airdrop);
    const Address counter = b.deploy(Contract::hot_counter);
    b.fund(airdrop, addresses_of(senders));
    for (const Account& user : senders) b.add(user, counter, calls::hot_counter_increment(), kIncrementGas);
}

}  // namespace optimist::workload
