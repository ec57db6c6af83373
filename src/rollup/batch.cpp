// The version-0 batch encoding and its strict decoder (batch.hpp).
#include <optimist/core/rlp.hpp>
#include <optimist/rollup/batch.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/error.hpp>

#include <string>

namespace optimist::rollup {
namespace {

using rlp::Item;

constexpr std::size_t kBatchFields = 2;  // parent hash, blocks
constexpr std::size_t kBlockFields = 3;  // number, timestamp, transactions

Failure<BatchError> error(BatchErrorKind kind, std::string message) {
    return fail(BatchError{kind, "batch: " + std::move(message)});
}

std::string block_where(std::size_t index, std::uint64_t number) {
    return "block " + std::to_string(index) + " (number " + std::to_string(number) + ")";
}

Failure<BatchError> rlp_error(std::string where, rlp::RlpError e) {
    return error(BatchErrorKind::malformed_rlp, std::move(where) + ": " + std::string(rlp::to_string(e)));
}

Result<std::vector<Item>, BatchError> list_of(const Item& item, std::size_t fields,
                                              const std::string& where) {
    auto items = rlp::decode_list(item);
    if (!items) return rlp_error(where, items.error());
    if (items->size() != fields) {
        return error(BatchErrorKind::malformed_rlp, where + ": expected a list of " + std::to_string(fields) +
                                                        " items, found " + std::to_string(items->size()));
    }
    return std::move(items).value();
}

struct Counters {
    std::size_t transactions = 0;
};

Result<BatchBlock, BatchError> decode_block(const Item& item, std::size_t index, const BatchLimits& limits,
                                            Counters& counters) {
    const std::string where = "block " + std::to_string(index);
    auto fields = list_of(item, kBlockFields, where);
    if (!fields) return fail(fields.error());
    BatchBlock block;
    auto number = rlp::decode_uint64((*fields)[0]);
    if (!number) return rlp_error(where + " number", number.error());
    block.number = *number;
    auto timestamp = rlp::decode_uint64((*fields)[1]);
    if (!timestamp) return rlp_error(where + " timestamp", timestamp.error());
    block.timestamp = *timestamp;

    const std::string here = block_where(index, block.number);
    auto txs = rlp::decode_list((*fields)[2]);
    if (!txs) return rlp_error(here + " transactions", txs.error());
    counters.transactions += txs->size();
    if (counters.transactions > limits.max_transactions) {
        return error(
            BatchErrorKind::too_many_transactions,
            here + ": more than " + std::to_string(limits.max_transactions) + " transactions in the batch");
    }
    block.transactions.reserve(txs->size());
    for (std::size_t i = 0; i < txs->size(); ++i) {
        const std::string tx_where = here + " transaction " + std::to_string(i);
        auto wire = rlp::decode_string((*txs)[i]);
        if (!wire) return rlp_error(tx_where, wire.error());
        if (wire->size() > limits.max_transaction_bytes) {
            return error(BatchErrorKind::transaction_too_large,
                         tx_where + ": " + std::to_string(wire->size()) + " bytes, above the limit of " +
                             std::to_string(limits.max_transaction_bytes));
        }
        auto t = tx::decode_transaction(*wire);
        if (!t) return error(BatchErrorKind::invalid_transaction, tx_where + ": " + tx::to_string(t.error()));
        if (t->type == tx::TxType::blob) {
            return error(BatchErrorKind::blob_transaction,
                         tx_where + ": blob transactions (type 3) cannot appear in L2 blocks");
        }
        block.transactions.push_back(std::move(t).value());
    }
    return block;
}

// Rules between neighbouring blocks: they make the batch one run of the chain.
Status<BatchError> check_sequence(const Batch& batch) {
    const BatchBlock& first = batch.blocks.front();
    if (first.number == 0) {
        return error(BatchErrorKind::genesis_block, "block 0 (number 0): genesis is never batched");
    }
    for (std::size_t i = 1; i < batch.blocks.size(); ++i) {
        const BatchBlock& prev = batch.blocks[i - 1];
        const BatchBlock& cur = batch.blocks[i];
        // prev.number + 1 cannot wrap: it would need prev.number == 2^64 - 1, and then no
        // value of cur.number is contiguous, which the first test below reports.
        if (prev.number == UINT64_MAX || cur.number != prev.number + 1) {
            return error(BatchErrorKind::non_contiguous_numbers,
                         block_where(i, cur.number) + ": does not follow number " +
                             std::to_string(prev.number) + " (block numbers in a batch must be contiguous)");
        }
        if (cur.timestamp <= prev.timestamp) {
            return error(BatchErrorKind::non_increasing_timestamps,
                         block_where(i, cur.number) + ": timestamp " + std::to_string(cur.timestamp) +
                             " is not above the previous block's " + std::to_string(prev.timestamp));
        }
    }
    return {};
}

}  // namespace

std::string_view to_string(BatchErrorKind kind) noexcept {
    switch (kind) {
        case BatchErrorKind::empty:
            return "empty batch";
        case BatchErrorKind::unknown_version:
            return "unknown batch version";
        case BatchErrorKind::too_large:
            return "batch too large";
        case BatchErrorKind::malformed_rlp:
            return "malformed batch encoding";
        case BatchErrorKind::no_blocks:
            return "batch without blocks";
        case BatchErrorKind::too_many_blocks:
            return "too many blocks in batch";
        case BatchErrorKind::too_many_transactions:
            return "too many transactions in batch";
        case BatchErrorKind::transaction_too_large:
            return "transaction too large";
        case BatchErrorKind::invalid_transaction:
            return "invalid transaction";
        case BatchErrorKind::blob_transaction:
            return "blob transaction in batch";
        case BatchErrorKind::genesis_block:
            return "genesis block in batch";
        case BatchErrorKind::non_contiguous_numbers:
            return "non-contiguous block numbers";
        case BatchErrorKind::non_increasing_timestamps:
            return "non-increasing timestamps";
        case BatchErrorKind::decompression_failed:
            return "decompression failed";
    }
    return "unknown batch error";
}

Bytes encode_batch(const Batch& batch) {
    rlp::Encoder out;
    const std::size_t outer = out.begin_list();
    out.add_bytes(batch.parent_hash);
    const std::size_t blocks = out.begin_list();
    for (const BatchBlock& block : batch.blocks) {
        const std::size_t b = out.begin_list();
        out.add_uint(block.number);
        out.add_uint(block.timestamp);
        const std::size_t txs = out.begin_list();
        for (const tx::Transaction& t : block.transactions) out.add_bytes(tx::encode_transaction(t));
        out.end_list(txs);
        out.end_list(b);
    }
    out.end_list(blocks);
    out.end_list(outer);

    Bytes encoded;
    encoded.reserve(1 + out.bytes().size());
    encoded.push_back(kBatchVersion0);
    append(encoded, out.bytes());
    return encoded;
}

Result<Batch, BatchError> decode_batch(ByteView encoded, const BatchLimits& limits) {
    if (encoded.empty()) return error(BatchErrorKind::empty, "no bytes");
    if (encoded.size() > limits.max_batch_bytes) {
        return error(BatchErrorKind::too_large, std::to_string(encoded.size()) +
                                                    " bytes, above the limit of " +
                                                    std::to_string(limits.max_batch_bytes));
    }
    if (encoded[0] != kBatchVersion0) {
        return error(BatchErrorKind::unknown_version, "version " + std::to_string(encoded[0]) +
                                                          " is not supported (this node reads version 0)");
    }
    auto top = rlp::decode(encoded.subspan(1));
    if (!top) return rlp_error("top-level item", top.error());
    auto fields = list_of(*top, kBatchFields, "top-level list");
    if (!fields) return fail(fields.error());

    Batch batch;
    auto parent = rlp::decode_fixed<32>((*fields)[0]);
    if (!parent) return rlp_error("parent hash", parent.error());
    batch.parent_hash = *parent;

    auto blocks = rlp::decode_list((*fields)[1]);
    if (!blocks) return rlp_error("block list", blocks.error());
    if (blocks->empty()) return error(BatchErrorKind::no_blocks, "the block list is empty");
    if (blocks->size() > limits.max_blocks) {
        return error(BatchErrorKind::too_many_blocks, std::to_string(blocks->size()) +
                                                          " blocks, above the limit of " +
                                                          std::to_string(limits.max_blocks));
    }
    batch.blocks.reserve(blocks->size());
    Counters counters;
    for (std::size_t i = 0; i < blocks->size(); ++i) {
        auto block = decode_block((*blocks)[i], i, limits, counters);
        if (!block) return fail(block.error());
        batch.blocks.push_back(std::move(block).value());
    }
    if (auto s = check_sequence(batch); !s) return fail(s.error());
    return batch;
}

}  // namespace optimist::rollup
