// Encodings of the stored chain records (records.hpp).
#include <optimist/chain/records.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/error.hpp>

namespace optimist::chain {
namespace {

using rlp::Item;

constexpr std::size_t kBodyEntryFields = 2;
constexpr std::size_t kTxLocationFields = 3;

std::string rlp_failure(std::string_view record, rlp::RlpError e) {
    return std::string(record) + ": " + std::string(rlp::to_string(e));
}

std::string item_failure(std::string_view record, std::size_t index, std::string_view why) {
    return std::string(record) + " item " + std::to_string(index) + ": " + std::string(why);
}

// The items of `encoded`, which must be exactly one RLP list.
Result<std::vector<Item>, std::string> top_list(std::string_view record, ByteView encoded) {
    auto item = rlp::decode(encoded);
    if (!item) return fail(rlp_failure(record, item.error()));
    auto items = rlp::decode_list(*item);
    if (!items) return fail(rlp_failure(record, items.error()));
    return std::move(items).value();
}

}  // namespace

Bytes encode_body(std::span<const tx::Transaction> txs) {
    rlp::Encoder out;
    const std::size_t outer = out.begin_list();
    for (const tx::Transaction& t : txs) {
        const std::size_t entry = out.begin_list();
        out.add_bytes(tx::encode_transaction(t));
        out.add_bytes(t.sender);
        out.end_list(entry);
    }
    out.end_list(outer);
    return std::move(out).take();
}

Result<std::vector<tx::Transaction>, std::string> decode_body(ByteView encoded) {
    auto entries = top_list("body", encoded);
    if (!entries) return fail(entries.error());
    std::vector<tx::Transaction> txs;
    txs.reserve(entries->size());
    for (std::size_t i = 0; i < entries->size(); ++i) {
        auto fields = rlp::decode_list((*entries)[i]);
        if (!fields) return fail(item_failure("body", i, rlp::to_string(fields.error())));
        if (fields->size() != kBodyEntryFields)
            return fail(item_failure("body", i, rlp::to_string(rlp::RlpError::wrong_list_length)));
        auto wire = rlp::decode_string((*fields)[0]);
        if (!wire) return fail(item_failure("body", i, rlp::to_string(wire.error())));
        auto t = tx::decode_transaction(*wire);
        if (!t) return fail(item_failure("body", i, tx::to_string(t.error())));
        auto sender = rlp::decode_fixed<20>((*fields)[1]);
        if (!sender) return fail(item_failure("body", i, rlp::to_string(sender.error())));
        t->sender = *sender;
        txs.push_back(std::move(t).value());
    }
    return txs;
}

Bytes encode_receipts(std::span<const tx::Receipt> receipts) {
    rlp::Encoder out;
    const std::size_t outer = out.begin_list();
    for (const tx::Receipt& r : receipts) out.add_bytes(tx::encode_receipt(r));
    out.end_list(outer);
    return std::move(out).take();
}

Result<std::vector<tx::Receipt>, std::string> decode_receipts(ByteView encoded) {
    auto items = top_list("receipts", encoded);
    if (!items) return fail(items.error());
    std::vector<tx::Receipt> receipts;
    receipts.reserve(items->size());
    for (std::size_t i = 0; i < items->size(); ++i) {
        auto wire = rlp::decode_string((*items)[i]);
        if (!wire) return fail(item_failure("receipts", i, rlp::to_string(wire.error())));
        auto r = tx::decode_receipt(*wire);
        if (!r) return fail(item_failure("receipts", i, rlp::to_string(r.error())));
        receipts.push_back(std::move(r).value());
    }
    return receipts;
}

Bytes encode_tx_location(const TxLocation& location) {
    rlp::Encoder out;
    const std::size_t list = out.begin_list();
    out.add_uint(location.block_number);
    out.add_bytes(location.block_hash);
    out.add_uint(location.index);
    out.end_list(list);
    return std::move(out).take();
}

Result<TxLocation, std::string> decode_tx_location(ByteView encoded) {
    constexpr std::string_view kRecord = "tx location";
    auto fields = top_list(kRecord, encoded);
    if (!fields) return fail(fields.error());
    if (fields->size() != kTxLocationFields)
        return fail(rlp_failure(kRecord, rlp::RlpError::wrong_list_length));
    auto number = rlp::decode_uint64((*fields)[0]);
    if (!number) return fail(rlp_failure(kRecord, number.error()));
    auto hash = rlp::decode_fixed<32>((*fields)[1]);
    if (!hash) return fail(rlp_failure(kRecord, hash.error()));
    auto index = rlp::decode_uint64((*fields)[2]);
    if (!index) return fail(rlp_failure(kRecord, index.error()));
    if (*index > UINT32_MAX) return fail(rlp_failure(kRecord, rlp::RlpError::integer_overflow));
    return TxLocation{*number, *hash, static_cast<std::uint32_t>(*index)};
}

Bytes encode_meta_uint(std::uint64_t v) {
    rlp::Encoder out;
    out.add_uint(v);
    return std::move(out).take();
}

Result<std::uint64_t, std::string> decode_meta_uint(ByteView encoded) {
    auto item = rlp::decode(encoded);
    if (!item) return fail(rlp_failure("metadata", item.error()));
    auto v = rlp::decode_uint64(*item);
    if (!v) return fail(rlp_failure("metadata", v.error()));
    return *v;
}

}  // namespace optimist::chain
