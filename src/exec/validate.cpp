// Transaction validity (Yellow Paper 6.2, EIP-1559, EIP-2681, EIP-3607, EIP-3860, EIP-4844).
//
// The order of the checks decides which error a transaction with several defects reports.
// It follows go-ethereum's state transition (preCheck, buyGas, then TransitionDb), the client
// that filled the ethereum/tests fixtures, so the reported kind matches their expectations.
#include "fees.hpp"

#include <optimist/exec/apply_transaction.hpp>

#include <limits>

namespace optimist::exec {
namespace {

[[nodiscard]] Status<TxError> check_nonce(state::StateView& state, const tx::Transaction& t) {
    const std::uint64_t account_nonce = state.nonce(t.sender);
    if (account_nonce < t.nonce) return fail(TxError::nonce_too_high);
    if (account_nonce > t.nonce) return fail(TxError::nonce_too_low);
    // EIP-2681: the nonce must stay below 2^64 - 1 after the increment.
    if (account_nonce == std::numeric_limits<std::uint64_t>::max()) return fail(TxError::nonce_is_max);
    return {};
}

[[nodiscard]] Status<TxError> check_fee_caps(const evm::BlockContext& block, const tx::Transaction& t) {
    if (t.max_priority_fee_per_gas > t.max_fee_per_gas) return fail(TxError::priority_greater_than_max_fee);
    if (t.max_fee_per_gas < block.base_fee) return fail(TxError::insufficient_max_fee_per_gas);
    return {};
}

[[nodiscard]] Status<TxError> check_blobs(const evm::BlockContext& block, const tx::Transaction& t) {
    if (t.type != tx::TxType::blob) return {};
    if (!t.to) return fail(TxError::blob_tx_contract_creation);
    if (t.blob_versioned_hashes.empty()) return fail(TxError::blob_tx_zero_blobs);
    if (t.blob_versioned_hashes.size() > kMaxBlobsPerBlock) return fail(TxError::blob_tx_blob_count_exceeded);
    for (const Hash& h : t.blob_versioned_hashes) {
        if (h[0] != kBlobCommitmentVersionKzg) return fail(TxError::blob_tx_invalid_versioned_hash);
    }
    if (t.max_fee_per_blob_gas < block.blob_base_fee) return fail(TxError::insufficient_max_fee_per_blob_gas);
    return {};
}

// gas_limit * max_fee + value + blob_gas * max_fee_per_blob_gas <= balance, computed without
// wrapping: the most the transaction can cost the sender.
[[nodiscard]] Status<TxError> check_funds(state::StateView& state, const tx::Transaction& t) {
    const auto gas_cost = checked_mul(t.max_fee_per_gas, t.gas_limit);
    if (!gas_cost) return fail(TxError::gas_limit_price_product_overflow);
    auto total = checked_add(*gas_cost, t.value);
    if (total && t.type == tx::TxType::blob) {
        const auto blob_cost = checked_mul(t.max_fee_per_blob_gas, blob_gas(t));
        total = blob_cost ? checked_add(*total, *blob_cost) : std::nullopt;
    }
    if (!total || state.balance(t.sender) < *total) return fail(TxError::insufficient_account_funds);
    return {};
}

}  // namespace

Status<TxError> validate_transaction(state::StateView& state, const evm::BlockContext& block,
                                     const tx::Transaction& t) {
    if (auto s = check_nonce(state, t); !s) return s;
    // EIP-3607: a sender with deployed code cannot originate transactions.
    if (state.code_hash(t.sender) != state::kEmptyCodeHash) return fail(TxError::sender_not_eoa);
    if (auto s = check_fee_caps(block, t); !s) return s;
    if (auto s = check_blobs(block, t); !s) return s;
    if (auto s = check_funds(state, t); !s) return s;
    if (t.gas_limit > block.gas_limit) return fail(TxError::gas_limit_exceeds_block);
    if (tx::intrinsic_gas(t) > t.gas_limit) return fail(TxError::intrinsic_gas_too_low);
    if (!t.to && t.data.size() > tx::kMaxInitCodeSize) return fail(TxError::initcode_size_exceeded);
    return {};
}

}  // namespace optimist::exec
