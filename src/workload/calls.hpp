// Call data for the workload contracts (contracts/*.sol); the signatures here must match
// the Solidity functions, which the tests check by executing every kind.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <span>
#include <string_view>

namespace optimist::workload::calls {

// Token(name, symbol, router): the constructor arguments appended to its init code.
[[nodiscard]] Bytes token_constructor(std::string_view name, std::string_view symbol, const Address& router);

[[nodiscard]] Bytes token_transfer(const Address& to, const Uint256& amount);
[[nodiscard]] Bytes token_mint_batch(std::span<const Address> to, const Uint256& amount);
[[nodiscard]] Bytes airdrop_fund(std::span<const Address> to);
[[nodiscard]] Bytes router_create_pairs(const Address& token0, const Address& token1, std::uint64_t count);
[[nodiscard]] Bytes router_mint_liquidity(std::span<const Address> pairs, const Address& to);
[[nodiscard]] Bytes router_swap_exact_tokens_for_tokens(const Uint256& amount_in,
                                                        const Uint256& amount_out_min,
                                                        const Address& token_in, const Address& pair,
                                                        const Address& to);
[[nodiscard]] Bytes nft_mint();
[[nodiscard]] Bytes hot_counter_increment();

}  // namespace optimist::workload::calls
