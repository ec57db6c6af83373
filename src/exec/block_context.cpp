// The execution context of a block, read from its header.
#include <optimist/exec/block_executor.hpp>

namespace optimist::exec {

evm::BlockContext block_context(const tx::BlockHeader& h, std::uint64_t chain_id,
                                std::function<Hash(std::uint64_t)> block_hash) {
    evm::BlockContext b;
    b.coinbase = h.coinbase;
    b.number = h.number;
    b.timestamp = h.timestamp;
    b.gas_limit = h.gas_limit;
    b.prev_randao = Uint256::from_hash(h.mix_hash);  // EIP-4399
    b.base_fee = h.base_fee_per_gas.value_or(Uint256{});
    b.blob_base_fee = blob_base_fee(h.excess_blob_gas.value_or(0));  // EIP-4844, EIP-7516
    b.chain_id = chain_id;
    b.block_hash = std::move(block_hash);
    return b;
}

}  // namespace optimist::exec
