// Applying one transaction to state: validation against the sender's account and the block,
// intrinsic gas, gas purchase, execution, refunds and fee payment (Yellow Paper 6, EIP-1559,
// EIP-2929/2930, EIP-3529, EIP-3651, EIP-3860, EIP-4844).
#pragma once

#include <optimist/core/result.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/state/state_view.hpp>
#include <optimist/tx/intrinsic_gas.hpp>  // tx::intrinsic_gas, tx::kMaxInitCodeSize
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace optimist::exec {

// Why a transaction is invalid, named as ethereum/tests' TransactionException kinds.
enum class TxError : std::uint8_t {
    intrinsic_gas_too_low,              // INTRINSIC_GAS_TOO_LOW
    insufficient_account_funds,         // INSUFFICIENT_ACCOUNT_FUNDS: balance below the maximal cost
    gas_limit_price_product_overflow,   // GASLIMIT_PRICE_PRODUCT_OVERFLOW
    gas_limit_exceeds_block,            // GAS_ALLOWANCE_EXCEEDED
    insufficient_max_fee_per_gas,       // INSUFFICIENT_MAX_FEE_PER_GAS: max fee below base fee
    priority_greater_than_max_fee,      // PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS
    nonce_too_low,                      // NONCE_MISMATCH_TOO_LOW
    nonce_too_high,                     // NONCE_MISMATCH_TOO_HIGH
    nonce_is_max,                       // NONCE_IS_MAX (EIP-2681)
    sender_not_eoa,                     // SENDER_NOT_EOA (EIP-3607)
    initcode_size_exceeded,             // INITCODE_SIZE_EXCEEDED (EIP-3860)
    insufficient_max_fee_per_blob_gas,  // INSUFFICIENT_MAX_FEE_PER_BLOB_GAS
    blob_tx_zero_blobs,                 // TYPE_3_TX_ZERO_BLOBS
    blob_tx_blob_count_exceeded,        // TYPE_3_TX_BLOB_COUNT_EXCEEDED
    blob_tx_invalid_versioned_hash,     // TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH
    blob_tx_contract_creation,          // TYPE_3_TX_CONTRACT_CREATION
    blob_gas_exceeds_block,             // TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED (block executor)
};

[[nodiscard]] std::string_view to_string(TxError e) noexcept;
// The ethereum/tests name, e.g. "TransactionException.INTRINSIC_GAS_TOO_LOW".
[[nodiscard]] std::string_view fixture_name(TxError e) noexcept;

// EIP-4844 constants (Cancun).
inline constexpr std::uint64_t kGasPerBlob = 131072;          // 2^17
inline constexpr std::uint64_t kMaxBlobGasPerBlock = 786432;  // 6 blobs
inline constexpr std::uint64_t kMaxBlobsPerBlock = kMaxBlobGasPerBlock / kGasPerBlob;
inline constexpr std::uint64_t kBlobBaseFeeUpdateFraction = 3338477;
inline constexpr std::uint8_t kBlobCommitmentVersionKzg = 0x01;

// How settle_transaction pays the priority fee to the coinbase. Every transaction pays it,
// so paying it in place makes every transaction read and write the coinbase balance, one
// chain of conflicts through the whole block. With `deferred_if_untouched` (the parallel
// executor) a transaction that never loaded the coinbase account leaves it alone and reports
// the fee in TxOutcome::deferred_fee; the executor adds the fees in block order, which gives
// the same state because nothing in the transaction observed the coinbase.
enum class CoinbasePayment : std::uint8_t { immediate, deferred_if_untouched };

struct TxOutcome {
    evm::StatusCode status = evm::StatusCode::success;
    std::uint64_t gas_used = 0;       // after refunds: what the sender pays for
    std::uint64_t blob_gas_used = 0;  // EIP-4844: blobs * kGasPerBlob, paid at the blob price
    std::vector<state::Log> logs;     // empty unless status is success
    Address contract_address;         // for successful creations
    Bytes output;
    // Set when the coinbase payment was deferred (CoinbasePayment::deferred_if_untouched):
    // the priority fee still owed to the coinbase, possibly zero. EIP-161's touch of the
    // coinbase is deferred with it.
    std::optional<Uint256> deferred_fee;
};

// The blob gas a transaction consumes: kGasPerBlob per versioned hash (saturating).
[[nodiscard]] std::uint64_t blob_gas(const tx::Transaction& t) noexcept;

// The price of one unit of blob gas for a block with this excess blob gas (EIP-4844
// get_base_fee_per_blob_gas: fake_exponential(1, excess, kBlobBaseFeeUpdateFraction)).
// Saturates at 2^256 - 1 where the exact fee would not fit in 256 bits (excess blob gas
// above about 5.9e8); no balance can pay such a fee, so the transaction is rejected either way.
[[nodiscard]] Uint256 blob_base_fee(std::uint64_t excess_blob_gas) noexcept;

// The checks of apply_transaction without executing: the transaction fits the block (fee
// caps, gas limit, blob rules) and the sender's account (EOA, nonce, funds). Reads `state`
// and writes nothing to it. The order of the checks follows go-ethereum's state transition,
// which decides the error a transaction with several defects reports (see validate.cpp).
[[nodiscard]] Status<TxError> validate_transaction(state::StateView& state, const evm::BlockContext& block,
                                                   const tx::Transaction& t);

// apply_transaction in its three phases, for drivers that run the message themselves (the
// fraud-proof step machine runs it one step at a time): begin_transaction validates and does
// the setup (gas purchase, nonce, warm-up) and returns what the message needs;
// settle_transaction applies refund and fees to the message's result. apply_transaction is
// exactly begin, evm::execute, settle and StateView::finalize (which the step machine does
// per entry in its commit phase instead).
struct TxSetup {
    std::uint64_t intrinsic_gas = 0;
    Uint256 gas_price;  // the effective gas price
    std::uint64_t blob_gas_used = 0;
    evm::TxContext context;
    evm::Message message;
};
// The setup's constants (intrinsic gas, effective price, blob gas, contexts) without touching state.
[[nodiscard]] TxSetup describe_transaction(const evm::BlockContext& block, const tx::Transaction& t);
[[nodiscard]] Result<TxSetup, TxError> begin_transaction(state::StateView& state, const evm::BlockContext& block,
                                                         const tx::Transaction& t);
[[nodiscard]] TxOutcome settle_transaction(state::StateView& state, const evm::BlockContext& block,
                                           const tx::Transaction& t, const TxSetup& setup,
                                           const evm::ExecutionResult& result,
                                           CoinbasePayment payment = CoinbasePayment::immediate);

// Validates `t` against the sender's state and the block, then executes it. On an invalid
// transaction the state is untouched and the error says why. On success `state` holds the
// transaction's effects, finalized (state.write_set() is ready).
// The blob gas price is block.blob_base_fee (see blob_base_fee()); it is burned.
// `tracer`, when set, receives every EVM step (EIP-3155); it does not change the outcome.
[[nodiscard]] Result<TxOutcome, TxError> apply_transaction(
    state::StateView& state, const evm::BlockContext& block, const tx::Transaction& t, evm::Tracer* tracer = nullptr,
    CoinbasePayment payment = CoinbasePayment::immediate);

}  // namespace optimist::exec
