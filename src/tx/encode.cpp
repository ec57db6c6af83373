// Encoding the wire form (codec.hpp).
#include "fields.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::tx {
namespace detail {
namespace {

void append_hashes(rlp::Encoder& out, const std::vector<Hash>& hashes) {
    const std::size_t mark = out.begin_list();
    for (const Hash& h : hashes) out.add_bytes(h);
    out.end_list(mark);
}

void append_access_list(rlp::Encoder& out, const std::vector<AccessListEntry>& list) {
    const std::size_t mark = out.begin_list();
    for (const AccessListEntry& e : list) {
        const std::size_t entry = out.begin_list();
        out.add_bytes(e.address);
        append_hashes(out, e.storage_keys);
        out.end_list(entry);
    }
    out.end_list(mark);
}

}  // namespace

void append_unsigned_fields(rlp::Encoder& out, const Transaction& t) {
    if (t.is_typed()) out.add_uint(t.chain_id.value_or(0));
    out.add_uint(t.nonce);
    if (t.type == TxType::legacy || t.type == TxType::access_list) {
        out.add_uint(t.gas_price());
    } else {
        out.add_uint(t.max_priority_fee_per_gas);
        out.add_uint(t.max_fee_per_gas);
    }
    out.add_uint(t.gas_limit);
    if (t.to)
        out.add_bytes(*t.to);
    else
        out.add_bytes({});
    out.add_uint(t.value);
    out.add_bytes(t.data);
    if (t.type == TxType::legacy) return;
    append_access_list(out, t.access_list);
    if (t.type == TxType::blob) {
        out.add_uint(t.max_fee_per_blob_gas);
        append_hashes(out, t.blob_versioned_hashes);
    }
}

}  // namespace detail

Uint256 legacy_v(const Transaction& t) noexcept {
    const Uint256 parity{t.y_parity};
    if (!t.chain_id) return Uint256{27} + parity;
    return (Uint256{*t.chain_id} << 1) + Uint256{35} + parity;
}

namespace {

// The transaction's RLP list (for typed transactions, the payload after the type byte).
void append_payload(rlp::Encoder& out, const Transaction& t) {
    const std::size_t mark = out.begin_list();
    detail::append_unsigned_fields(out, t);
    if (t.is_typed())
        out.add_uint(std::uint64_t{t.y_parity});
    else
        out.add_uint(legacy_v(t));
    out.add_uint(t.r);
    out.add_uint(t.s);
    out.end_list(mark);
}

}  // namespace

Bytes encode_transaction(const Transaction& t) {
    rlp::Encoder enc;
    append_payload(enc, t);
    if (!t.is_typed()) return std::move(enc).take();
    const Bytes& payload = enc.bytes();
    Bytes out;
    out.reserve(payload.size() + 1);
    out.push_back(static_cast<std::uint8_t>(t.type));
    append(out, payload);
    return out;
}

Hash transaction_hash(const Transaction& t) { return keccak256(encode_transaction(t)); }

void append_block_body_item(rlp::Encoder& out, const Transaction& t) {
    if (t.is_typed()) {
        out.add_bytes(encode_transaction(t));
    } else {
        append_payload(out, t);
    }
}

}  // namespace optimist::tx
