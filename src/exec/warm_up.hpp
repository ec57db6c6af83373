// Transaction-level setup shared by apply_transaction and simulate_call (eth_call).
#pragma once

#include <optimist/evm/execution.hpp>
#include <optimist/state/state_view.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>

namespace optimist::exec {

// EIP-2929 and EIP-2930: makes warm the accounts and slots that are warm from the
// transaction's first step: sender, recipient, coinbase (EIP-3651), precompiles, access list.
void warm_up(state::StateView& state, const evm::BlockContext& block, const tx::Transaction& t);

// The top-level message of `t`, with the gas left after the intrinsic gas.
// REQUIRES: t.gas_limit >= intrinsic.
[[nodiscard]] evm::Message top_level_message(const tx::Transaction& t, std::uint64_t intrinsic);

}  // namespace optimist::exec
