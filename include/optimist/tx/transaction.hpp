// Ethereum transactions: the fields every type carries. The wire form (codec.hpp), signing
// and sender recovery (signing.hpp) and validation (validation.hpp) work on this struct; the
// state tests and the executor use it too, with `sender` given instead of recovered.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace optimist::tx {

enum class TxType : std::uint8_t {
    legacy = 0,
    access_list = 1,  // EIP-2930
    dynamic_fee = 2,  // EIP-1559
    blob = 3,         // EIP-4844
};

struct AccessListEntry {
    Address address;
    std::vector<Hash> storage_keys;
    friend bool operator==(const AccessListEntry&, const AccessListEntry&) = default;
};

struct Transaction {
    TxType type = TxType::legacy;
    std::optional<std::uint64_t> chain_id;  // absent for pre-EIP-155 legacy transactions
    std::uint64_t nonce = 0;
    // Legacy and EIP-2930: gas_price. EIP-1559 and blob: max_fee_per_gas and
    // max_priority_fee_per_gas. For legacy and type 1 both max fields equal gas_price, so fee
    // rules can treat every type alike.
    Uint256 max_fee_per_gas;
    Uint256 max_priority_fee_per_gas;
    std::uint64_t gas_limit = 0;
    std::optional<Address> to;  // nullopt: contract creation
    Uint256 value;
    Bytes data;
    std::vector<AccessListEntry> access_list;
    Uint256 max_fee_per_blob_gas;        // blob transactions
    std::vector<Hash> blob_versioned_hashes;  // blob transactions

    // The signature (Yellow Paper appendix F). Typed transactions carry y_parity as is
    // (EIP-2718); a legacy transaction's v is 27 + y_parity, or with EIP-155
    // chain_id * 2 + 35 + y_parity. Zero in transactions that were never signed.
    std::uint8_t y_parity = 0;
    Uint256 r;
    Uint256 s;

    Address sender;  // recovered from the signature (or given, in state tests)

    // True for the EIP-2718 envelope types (everything but legacy).
    [[nodiscard]] constexpr bool is_typed() const noexcept { return type != TxType::legacy; }
    // Legacy and EIP-2930 price: both max fields hold it.
    [[nodiscard]] constexpr const Uint256& gas_price() const noexcept { return max_fee_per_gas; }

    friend bool operator==(const Transaction&, const Transaction&) = default;
};

}  // namespace optimist::tx
