// Mempool validation (validation.hpp). The order of the checks decides which error a
// transaction with several defects reports; cheap ones come before sender recovery.
#include <optimist/tx/codec.hpp>
#include <optimist/tx/intrinsic_gas.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/validation.hpp>

#include <limits>
#include <optional>

namespace optimist::tx {
namespace {

std::optional<Uint256> checked_mul(const Uint256& a, std::uint64_t b) noexcept {
    if (a.is_zero() || b == 0) return Uint256{};
    const Uint256 product = a * Uint256{b};
    if (product / Uint256{b} != a) return std::nullopt;
    return product;
}

std::optional<Uint256> checked_add(const Uint256& a, const Uint256& b) noexcept {
    const auto [sum, carry] = add_overflow(a, b);
    if (carry) return std::nullopt;
    return sum;
}

bool chain_id_matches(const Transaction& t, std::uint64_t chain_id) noexcept {
    // An unprotected legacy transaction (no EIP-155 chain id) is valid on every chain.
    if (!t.chain_id) return !t.is_typed();
    return *t.chain_id == chain_id;
}

// gas_limit * max_fee + value + blob gas * max_fee_per_blob_gas, or nullopt past 2^256 - 1.
std::optional<Uint256> max_cost(const Transaction& t) noexcept {
    auto cost = checked_mul(t.max_fee_per_gas, t.gas_limit);
    if (cost) cost = checked_add(*cost, t.value);
    if (cost && t.type == TxType::blob) {
        constexpr std::uint64_t kGasPerBlob = 131072;  // EIP-4844
        std::uint64_t blob_gas = 0;
        if (__builtin_mul_overflow(t.blob_versioned_hashes.size(), kGasPerBlob, &blob_gas))
            return std::nullopt;
        const auto blob_cost = checked_mul(t.max_fee_per_blob_gas, blob_gas);
        cost = blob_cost ? checked_add(*cost, *blob_cost) : std::nullopt;
    }
    return cost;
}

}  // namespace

Status<TxRejection> validate_stateless(const Transaction& t, const TxRules& rules) {
    using E = TxValidationError;
    if (!chain_id_matches(t, rules.chain_id)) return fail(TxRejection(E::invalid_chain_id));
    if (auto s = check_signature_values(t); !s) return fail(TxRejection(s.error()));
    if (t.nonce == std::numeric_limits<std::uint64_t>::max()) return fail(TxRejection(E::nonce_is_max));
    if (!t.to && t.data.size() > kMaxInitCodeSize) return fail(TxRejection(E::initcode_too_large));
    if (intrinsic_gas(t) > t.gas_limit) return fail(TxRejection(E::intrinsic_gas_too_low));
    if (rules.block_gas_limit && t.gas_limit > *rules.block_gas_limit) {
        return fail(TxRejection(E::gas_limit_exceeds_block));
    }
    if (t.max_priority_fee_per_gas > t.max_fee_per_gas)
        return fail(TxRejection(E::priority_fee_above_max_fee));
    if (rules.base_fee && t.max_fee_per_gas < *rules.base_fee)
        return fail(TxRejection(E::max_fee_below_base_fee));
    if (!checked_mul(t.max_fee_per_gas, t.gas_limit))
        return fail(TxRejection(E::gas_limit_price_product_overflow));
    return {};
}

Status<TxRejection> validate_against_account(const Transaction& t, const SenderAccount& account,
                                             std::uint64_t max_nonce_gap) {
    using E = TxValidationError;
    if (t.nonce < account.nonce) return fail(TxRejection(E::nonce_too_low));
    if (t.nonce - account.nonce > max_nonce_gap) return fail(TxRejection(E::nonce_too_high));
    const auto cost = max_cost(t);
    if (!cost || account.balance < *cost) return fail(TxRejection(E::insufficient_funds));
    return {};
}

Result<Transaction, TxRejection> admit_transaction(ByteView wire, const TxRules& rules) {
    if (wire.size() > rules.max_size) return fail(TxRejection(TxValidationError::oversized));
    auto t = decode_transaction(wire);
    if (!t) return t;
    // The sequencer builds no blob-carrying blocks: EIP-4844 transactions stop here.
    if (t->type != TxType::legacy && t->type != TxType::access_list && t->type != TxType::dynamic_fee) {
        return fail(TxRejection(TxValidationError::type_not_supported));
    }
    if (auto s = validate_stateless(*t, rules); !s) return fail(s.error());
    auto sender = recover_sender(*t);
    if (!sender) return fail(sender.error());
    t->sender = *sender;
    return t;
}

}  // namespace optimist::tx
