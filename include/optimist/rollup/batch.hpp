// Batches: the L2 blocks the rollup posts to L1, in the form derivation reads them back.
//
// A batch is a contiguous run of L2 blocks. Each block is carried by what determines it
// given its parent (sequencer/genesis.hpp, next_header_template): its number, its timestamp
// and its transactions in wire form. The parent hash of the first block lets derivation check
// that the batch continues the chain it has. Everything else in a header (state root, gas
// used, receipts) is recomputed by re-execution, which is what makes it checkable.
//
// Encoding (docs/protocol.md, "Batch format"):
//   batch     = version (1 byte, 0x00) ‖ rlp([parent_hash, [block, ...]])
//   block     = [number, timestamp, [tx_wire, ...]]     tx_wire: an RLP string holding the
//                                                       EIP-2718 wire form (codec.hpp)
// The version byte is what leaves room for deposits (DESIGN decision 7): a later version adds
// fields without changing how version 0 reads.
//
// Thread safety: every function is pure and may run concurrently.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::rollup {

inline constexpr std::uint8_t kBatchVersion0 = 0x00;

struct BatchBlock {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    // Decoded transactions have `sender` zero: derivation recovers senders itself.
    std::vector<tx::Transaction> transactions;
    friend bool operator==(const BatchBlock&, const BatchBlock&) = default;
};

struct Batch {
    Hash parent_hash;  // hash of the L2 block before blocks.front()
    std::vector<BatchBlock> blocks;
    friend bool operator==(const Batch&, const Batch&) = default;
};

// What a decoder accepts. The defaults bound the memory a hostile batch can make a verifier
// allocate; the batcher must stay within them for its batches to be derivable.
struct BatchLimits {
    std::size_t max_batch_bytes = 10'000'000;  // the encoding, version byte included
    std::size_t max_blocks = 10'000;
    std::size_t max_transactions = 100'000;       // over all blocks
    std::size_t max_transaction_bytes = 131'072;  // geth's txMaxSize (128 KiB)
};

enum class BatchErrorKind : std::uint8_t {
    empty,                      // no bytes
    unknown_version,            // a version byte this node does not read
    too_large,                  // more bytes than max_batch_bytes
    malformed_rlp,              // not canonical RLP, or not the batch's shape
    no_blocks,                  // a batch must carry at least one block
    too_many_blocks,            // more than max_blocks
    too_many_transactions,      // more than max_transactions
    transaction_too_large,      // a transaction above max_transaction_bytes
    invalid_transaction,        // tx::decode_transaction refused it
    blob_transaction,           // type 3: an L2 block cannot carry blobs
    genesis_block,              // block 0 is genesis and is never batched
    non_contiguous_numbers,     // block i is not number first + i
    non_increasing_timestamps,  // a block's timestamp is not above the previous block's
    decompression_failed,       // decode_channel only: the codec refused the data
};

[[nodiscard]] std::string_view to_string(BatchErrorKind kind) noexcept;

// The kind, and a message that says where and why, e.g.
// "batch block 3 (number 108) transaction 7: rlp: ... in nonce".
struct BatchError {
    BatchErrorKind kind = BatchErrorKind::malformed_rlp;
    std::string message;
};

// The version-0 encoding. REQUIRES: `batch` is one decode_batch accepts (at least one block,
// contiguous numbers, increasing timestamps, no blob transactions); the batcher builds it
// from committed blocks, which are.
[[nodiscard]] Bytes encode_batch(const Batch& batch);

// Strict decoding: canonical RLP only (so an accepted batch re-encodes to the same bytes),
// every transaction through tx::decode_transaction, and the structural rules above. Whether
// the batch continues the verifier's chain (parent hash, first number, timestamps against the
// parent) is derivation's check, not the decoder's.
[[nodiscard]] Result<Batch, BatchError> decode_batch(ByteView encoded, const BatchLimits& limits = {});

}  // namespace optimist::rollup
