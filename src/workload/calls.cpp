#include "calls.hpp"

#include "abi.hpp"

namespace optimist::workload::calls {

Bytes token_constructor(std::string_view name, std::string_view symbol, const Address& router) {
    return abi::Arguments{}.add(name).add(symbol).add(router).encode();
}

Bytes token_transfer(const Address& to, const Uint256& amount) {
    return abi::Arguments{}.add(to).add(amount).call("transfer(address,uint256)");
}

Bytes token_mint_batch(std::span<const Address> to, const Uint256& amount) {
    return abi::Arguments{}.add(to).add(amount).call("mintBatch(address[],uint256)");
}

Bytes airdrop_fund(std::span<const Address> to) { return abi::Arguments{}.add(to).call("fund(address[])"); }

Bytes router_create_pairs(const Address& token0, const Address& token1, std::uint64_t count) {
    return abi::Arguments{}
        .add(token0)
        .add(token1)
        .add(Uint256{count})
        .call("createPairs(address,address,uint256)");
}

Bytes router_mint_liquidity(std::span<const Address> pairs, const Address& to) {
    return abi::Arguments{}.add(pairs).add(to).call("mintLiquidity(address[],address)");
}

Bytes router_swap_exact_tokens_for_tokens(const Uint256& amount_in, const Uint256& amount_out_min,
                                          const Address& token_in, const Address& pair, const Address& to) {
    return abi::Arguments{}
        .add(amount_in)
        .add(amount_out_min)
        .add(token_in)
        .add(pair)
        .add(to)
        .call("swapExactTokensForTokens(uint256,uint256,address,address,address)");
}

Bytes nft_mint() { return abi::call("mint()"); }

Bytes hot_counter_increment() { return abi::call("increment()"); }

}  // namespace optimist::workload::calls
