// Transaction execution: gas purchase, access-list warming, the top-level message, refunds
// and fee payment (Yellow Paper 6.2-6.3; EIP-1559, EIP-2929, EIP-2930, EIP-3529, EIP-3651,
// EIP-4844).
#include "fees.hpp"
#include "warm_up.hpp"

#include <optimist/exec/apply_transaction.hpp>

#include <algorithm>
#include <limits>

namespace optimist::exec {
namespace {

// EIP-3529: at most a fifth of the gas used is refunded.
constexpr std::uint64_t kMaxRefundQuotient = 5;

}  // namespace

TxSetup describe_transaction(const evm::BlockContext& block, const tx::Transaction& t) {
    TxSetup setup;
    setup.intrinsic_gas = tx::intrinsic_gas(t);
    setup.gas_price = effective_gas_price(t.max_fee_per_gas, t.max_priority_fee_per_gas, block.base_fee);
    setup.blob_gas_used = t.type == tx::TxType::blob ? blob_gas(t) : 0;
    setup.context.origin = t.sender;
    setup.context.gas_price = setup.gas_price;
    setup.context.blob_hashes = t.blob_versioned_hashes;
    setup.message = top_level_message(t, setup.intrinsic_gas);
    return setup;
}

Result<TxSetup, TxError> begin_transaction(state::StateView& state, const evm::BlockContext& block,
                                           const tx::Transaction& t) {
    if (auto valid = validate_transaction(state, block, t); !valid) return fail(valid.error());
    TxSetup setup = describe_transaction(block, t);

    // Buy gas at the effective price; blob gas at the block's blob price, burned (EIP-4844).
    // Validation proved gas_limit * max_fee + blob_gas * max_blob_fee fits the balance, and
    // both prices here are at most those caps, so neither product wraps.
    state.sub_balance(t.sender, setup.gas_price * Uint256{t.gas_limit} +
                                    block.blob_base_fee * Uint256{setup.blob_gas_used});
    // A creation's nonce is bumped by the EVM, which derives the address from the old one.
    if (t.to) state.set_nonce(t.sender, t.nonce + 1);
    warm_up(state, block, t);
    return setup;
}

TxOutcome settle_transaction(state::StateView& state, const evm::BlockContext& block, const tx::Transaction& t,
                             const TxSetup& setup, const evm::ExecutionResult& result, CoinbasePayment payment) {
    const Uint256& price = setup.gas_price;
    const std::uint64_t gas_left = static_cast<std::uint64_t>(std::max<std::int64_t>(result.gas_left, 0));
    std::uint64_t gas_used = t.gas_limit - std::min(gas_left, t.gas_limit - setup.intrinsic_gas);
    // A failed message reverted its refunds with the rest of its changes.
    if (result.status == evm::StatusCode::success) {
        const std::int64_t counter = std::max<std::int64_t>(state.refund(), 0);
        gas_used -= std::min(static_cast<std::uint64_t>(counter), gas_used / kMaxRefundQuotient);
    }

    state.add_balance(t.sender, price * Uint256{t.gas_limit - gas_used});
    // The priority fee goes to the coinbase; the base fee is burned (EIP-1559). geth always
    // credits the coinbase, even zero, which touches it (an empty coinbase is then deleted
    // under EIP-161); the fixtures' post-state roots follow that.
    TxOutcome out;
    const Uint256 priority_fee = (price - block.base_fee) * Uint256{gas_used};
    if (payment == CoinbasePayment::deferred_if_untouched && !state.loaded(block.coinbase)) {
        out.deferred_fee = priority_fee;
    } else {
        state.add_balance(block.coinbase, priority_fee);
        state.touch(block.coinbase);
    }

    out.blob_gas_used = setup.blob_gas_used;
    out.status = result.status;
    out.gas_used = gas_used;
    if (result.status == evm::StatusCode::success) {
        out.logs = state.logs();
        out.contract_address = t.to ? Address{} : result.create_address;
    }
    out.output = result.output;
    return out;
}

Result<TxOutcome, TxError> apply_transaction(state::StateView& state, const evm::BlockContext& block,
                                             const tx::Transaction& t, evm::Tracer* tracer, CoinbasePayment payment) {
    auto setup = begin_transaction(state, block, t);
    if (!setup) return fail(setup.error());
    const evm::ExecutionResult result = evm::execute(state, block, setup->context, setup->message, tracer);
    TxOutcome out = settle_transaction(state, block, t, *setup, result, payment);
    state.finalize();
    return out;
}

}  // namespace optimist::exec
