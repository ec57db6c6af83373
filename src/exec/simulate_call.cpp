#include "fees.hpp"
#include "warm_up.hpp"

#include <optimist/exec/simulate_call.hpp>
#include <optimist/state/state_view.hpp>
#include <optimist/tx/intrinsic_gas.hpp>

#include <algorithm>

namespace optimist::exec {

std::string_view to_string(CallError e) noexcept {
    switch (e) {
        case CallError::intrinsic_gas_too_low: return "intrinsic gas too low";
        case CallError::insufficient_funds: return "insufficient funds for gas * price + value";
    }
    return "invalid call";
}

Result<CallOutcome, CallError> simulate_call(const state::StateReader& reader, const evm::BlockContext& block,
                                             const CallRequest& call, evm::Tracer* tracer) {
    state::StateView state(reader);

    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.nonce = state.nonce(call.from);
    t.gas_limit = call.gas;
    t.to = call.to;
    t.value = call.value;
    t.data = call.data;
    t.access_list = call.access_list;
    t.max_fee_per_gas = call.gas_price;
    t.max_priority_fee_per_gas = call.gas_price;
    t.sender = call.from;

    const std::uint64_t intrinsic = tx::intrinsic_gas(t);
    if (call.gas < intrinsic) return fail(CallError::intrinsic_gas_too_low);

    const auto gas_cost = checked_mul(call.gas_price, call.gas);
    const auto total = gas_cost ? checked_add(*gas_cost, call.value) : std::nullopt;
    if (!total || state.balance(call.from) < *total) return fail(CallError::insufficient_funds);

    state.sub_balance(call.from, *gas_cost);
    if (t.to) state.set_nonce(call.from, t.nonce + 1);  // the EVM bumps it for creations
    warm_up(state, block, t);

    evm::TxContext tx_ctx;
    tx_ctx.origin = call.from;
    tx_ctx.gas_price = call.gas_price;
    const evm::ExecutionResult result = evm::execute(state, block, tx_ctx, top_level_message(t, intrinsic), tracer);

    const std::uint64_t gas_left = static_cast<std::uint64_t>(std::max<std::int64_t>(result.gas_left, 0));
    std::uint64_t gas_used = call.gas - std::min(gas_left, call.gas - intrinsic);
    if (result.status == evm::StatusCode::success) {
        // EIP-3529: at most a fifth of the gas used is refunded.
        const auto counter = static_cast<std::uint64_t>(std::max<std::int64_t>(state.refund(), 0));
        gas_used -= std::min(counter, gas_used / 5);
    }

    CallOutcome out;
    out.status = result.status;
    out.gas_used = gas_used;
    out.output = result.output;
    if (result.status == evm::StatusCode::success && !t.to) out.contract_address = result.create_address;
    return out;
}

}  // namespace optimist::exec
