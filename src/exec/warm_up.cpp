#include "warm_up.hpp"

#include <algorithm>
#include <limits>

namespace optimist::exec {
namespace {

// Cancun's precompiles: 0x01 (ecrecover) through 0x0a (KZG point evaluation).
constexpr std::uint8_t kLastPrecompile = 0x0a;

}  // namespace

void warm_up(state::StateView& state, const evm::BlockContext& block, const tx::Transaction& t) {
    (void)state.access_account(t.sender);
    if (t.to) (void)state.access_account(*t.to);
    (void)state.access_account(block.coinbase);  // EIP-3651
    for (std::uint8_t i = 1; i <= kLastPrecompile; ++i) {
        Address precompile;
        precompile[precompile.size() - 1] = i;
        (void)state.access_account(precompile);
    }
    for (const tx::AccessListEntry& entry : t.access_list) {
        (void)state.access_account(entry.address);
        for (const Hash& key : entry.storage_keys) {
            (void)state.access_storage(entry.address, Uint256::from_hash(key));
        }
    }
}

evm::Message top_level_message(const tx::Transaction& t, std::uint64_t intrinsic) {
    evm::Message msg;
    msg.kind = t.to ? evm::CallKind::call : evm::CallKind::create;
    msg.depth = 0;
    const std::uint64_t gas = t.gas_limit - intrinsic;
    constexpr auto kMaxGas = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    msg.gas = static_cast<std::int64_t>(std::min(gas, kMaxGas));
    msg.sender = t.sender;
    if (t.to) {
        msg.recipient = *t.to;
        msg.code_address = *t.to;
    }
    msg.value = t.value;
    msg.input = t.data;
    return msg;
}

}  // namespace optimist::exec
