// Executing a call against a state without a signed transaction and without committing
// anything: what eth_call and eth_estimateGas run.
//
// Differences from apply_transaction, as in go-ethereum's eth_call: no signature and no
// nonce check (a creation uses the sender's current nonce), and a zero gas price (the
// default) charges nothing, so any address can call with any gas. The balance must still
// cover the value (and gas * price when a price is given). Intrinsic gas, access lists,
// warm-up and refunds are exactly those of a transaction, so the gas used is what the same
// call would use when sent.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace optimist::exec {

struct CallRequest {
    Address from;
    std::optional<Address> to;  // nullopt: a contract creation with `data` as init code
    std::uint64_t gas = 0;
    Uint256 gas_price;  // zero: the call is free
    Uint256 value;
    Bytes data;
    std::vector<tx::AccessListEntry> access_list;
};

enum class CallError : std::uint8_t {
    intrinsic_gas_too_low,  // gas below the call's intrinsic gas
    insufficient_funds,     // balance below gas * price + value
};

[[nodiscard]] std::string_view to_string(CallError e) noexcept;

struct CallOutcome {
    evm::StatusCode status = evm::StatusCode::success;
    std::uint64_t gas_used = 0;  // after refunds, as a transaction would be charged
    Bytes output;                // return data, or revert data when status is revert
    Address contract_address;    // for successful creations
};

[[nodiscard]] Result<CallOutcome, CallError> simulate_call(const state::StateReader& state,
                                                           const evm::BlockContext& block, const CallRequest& call,
                                                           evm::Tracer* tracer = nullptr);

}  // namespace optimist::exec
