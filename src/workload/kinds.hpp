// The workload kinds (workload.hpp, docs/workloads.md): each adds its setup and its
// transactions to a Builder. Shared pieces (the AMM, recipients, amounts) live here too.
#pragma once

#include "accounts.hpp"
#include "builder.hpp"

#include <optimist/workload/workload.hpp>

#include <cstddef>
#include <vector>

namespace optimist::workload {

void build_transfers(const Options& o, Builder& b);
void build_erc20(const Options& o, Builder& b);
void build_amm(const Options& o, Builder& b);
void build_nft(const Options& o, Builder& b);
void build_hotslot(const Options& o, Builder& b);
void build_mainnet(const Options& o, Builder& b);  // mainnet.cpp

// Tokens every workload account that needs them receives, and the range of one transfer or
// swap (in token base units, 18 decimals): from 0.001 to 1 token, so an account's balance
// always covers its one transaction.
inline constexpr std::uint64_t kAccountTokens = 1'000;
inline constexpr std::uint64_t kMinTokenAmount = 1'000'000'000'000'000;      // 0.001 token
inline constexpr std::uint64_t kMaxTokenAmount = 1'000'000'000'000'000'000;  // 1 token
// ETH transfers: from 1 gwei to 0.001 ETH, well within kAccountFunding after gas.
inline constexpr std::uint64_t kMinTransferValue = 1'000'000'000;
inline constexpr std::uint64_t kMaxTransferValue = 1'000'000'000'000'000;
// Each side of each pool: a million tokens, so a swap of at most one token barely moves
// the price and no swap can drain a pool.
inline constexpr std::uint64_t kPoolTokens = 1'000'000;

// A fresh recipient that no other transaction of the workload touches.
[[nodiscard]] Address fresh_recipient(std::uint64_t seed, std::uint64_t index);
// The hot (popular) recipients: erc20's hot accounts, mainnet's exchanges.
[[nodiscard]] Address hot_recipient(std::uint64_t seed, std::uint64_t index);

// A router, `token_count` tokens that trust it, and `pools` pools of tokens[0]/tokens[1].
struct Amm {
    Address router;
    std::vector<Address> tokens;
    std::vector<Address> pairs;
};
[[nodiscard]] Amm deploy_amm(Builder& b, std::size_t token_count, std::size_t pools);
// Deposits kPoolTokens of both tokens into every pool and mints the shares.
void add_liquidity(Builder& b, const Amm& amm);
// One swap by `user` of a random amount of tokens[token_in] in a uniformly random pool. The
// setup must give the user kAccountTokens of that token (mint_holders).
void add_swap(Builder& b, Rng& rng, const Amm& amm, const Account& user, std::size_t token_in);

// kAccountTokens of tokens[t] to each of holders[t].
void mint_holders(Builder& b, const std::vector<Address>& tokens,
                  const std::vector<std::vector<Address>>& holders);

}  // namespace optimist::workload
