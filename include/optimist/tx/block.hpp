// Blocks in the Ethereum format (Yellow Paper 4.3 with the London, Shanghai and Cancun
// additions), so that L2 blocks hash like L1 blocks and ethers.js / viem can read them,
// and the EIP-1559 base fee rule.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/empty_hashes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/tx/error.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace optimist::tx {

using optimist::kEmptyTrieRoot;
inline constexpr Hash kEmptyOmmersHash = kEmptyListHash;

using BlockNonce = FixedBytes<8>;

// The header, field order as encoded. The optional fields arrived with forks and are
// encoded only when present: base fee (London, EIP-1559), withdrawals root (Shanghai,
// EIP-4895), blob gas used and excess blob gas (Cancun, EIP-4844), parent beacon block
// root (Cancun, EIP-4788). A later field present requires every earlier one present.
struct BlockHeader {
    Hash parent_hash;
    Hash ommers_hash = kEmptyOmmersHash;
    Address coinbase;
    Hash state_root = kEmptyTrieRoot;
    Hash transactions_root = kEmptyTrieRoot;
    Hash receipts_root = kEmptyTrieRoot;
    Bloom logs_bloom;
    Uint256 difficulty;  // zero since the merge
    std::uint64_t number = 0;
    std::uint64_t gas_limit = 0;
    std::uint64_t gas_used = 0;
    std::uint64_t timestamp = 0;
    Bytes extra_data;
    Hash mix_hash;  // prevRandao since the merge (EIP-4399)
    BlockNonce nonce;
    std::optional<Uint256> base_fee_per_gas;
    std::optional<Hash> withdrawals_root;
    std::optional<std::uint64_t> blob_gas_used;
    std::optional<std::uint64_t> excess_blob_gas;
    std::optional<Hash> parent_beacon_block_root;

    friend bool operator==(const BlockHeader&, const BlockHeader&) = default;
};

// A header with every Cancun field present (zero or empty-root valued), as L2 blocks use.
[[nodiscard]] BlockHeader cancun_header();

// REQUIRES: the optional fields present form a prefix (see BlockHeader).
void encode_header(rlp::Encoder& out, const BlockHeader& h);
[[nodiscard]] Bytes encode_header(const BlockHeader& h);
// Accepts 15 (pre-London) to 20 (Cancun) fields.
[[nodiscard]] Result<BlockHeader, rlp::RlpError> decode_header(ByteView encoded);
[[nodiscard]] Result<BlockHeader, rlp::RlpError> decode_header(const rlp::Item& item);
// keccak256 of the encoded header: the block hash.
[[nodiscard]] Hash header_hash(const BlockHeader& h);

// EIP-4895 withdrawal (empty on L2, but the body and header carry the list).
struct Withdrawal {
    std::uint64_t index = 0;
    std::uint64_t validator_index = 0;
    Address address;
    std::uint64_t amount_gwei = 0;
    friend bool operator==(const Withdrawal&, const Withdrawal&) = default;
};

struct Block {
    BlockHeader header;
    std::vector<Transaction> transactions;
    std::vector<BlockHeader> ommers;
    std::optional<std::vector<Withdrawal>> withdrawals;  // present from Shanghai on
    friend bool operator==(const Block&, const Block&) = default;
};

// rlp([header, transactions, ommers(, withdrawals)]), transactions as in
// append_block_body_item.
[[nodiscard]] Bytes encode_block(const Block& b);
// Transactions are decoded as decode_transaction does (senders not recovered); a malformed
// header, ommer or withdrawal is malformed_rlp with field envelope.
[[nodiscard]] Result<Block, TxRejection> decode_block(ByteView encoded);

// The list tries of a block (Yellow Paper 4.3): value i under key rlp(i).
[[nodiscard]] Hash transactions_root(std::span<const Transaction> txs);
[[nodiscard]] Hash withdrawals_root(std::span<const Withdrawal> withdrawals);

// EIP-1559 parameters.
inline constexpr std::uint64_t kElasticityMultiplier = 2;
inline constexpr std::uint64_t kBaseFeeMaxChangeDenominator = 8;

// The base fee of the block after a parent with this gas used, gas limit and base fee:
// unchanged at the target (gas_limit / 2), up by at most 1/8 (and at least 1 wei) above it,
// down by at most 1/8 below it. A parent gas limit below the elasticity multiplier (no
// target) keeps the base fee.
[[nodiscard]] Uint256 calc_next_base_fee(std::uint64_t parent_gas_used, std::uint64_t parent_gas_limit,
                                         const Uint256& parent_base_fee) noexcept;
// The same for a parent header (no base fee field: zero).
[[nodiscard]] inline Uint256 calc_next_base_fee(const BlockHeader& parent) noexcept {
    return calc_next_base_fee(parent.gas_used, parent.gas_limit, parent.base_fee_per_gas.value_or(Uint256{}));
}

// The header of an L2 block before execution: everything its parent, its timestamp and the
// chain's rules decide (number, base fee, prevRandao = keccak256(parent hash), coinbase, gas
// limit). The sequencer builds blocks from it, derivation rebuilds them, and the fraud-proof
// block setup step recomputes it on L1, so all three share this one function.
[[nodiscard]] BlockHeader child_header_template(const BlockHeader& parent, const Hash& parent_hash,
                                                std::uint64_t timestamp, const Address& coinbase,
                                                std::uint64_t gas_limit);

}  // namespace optimist::tx
