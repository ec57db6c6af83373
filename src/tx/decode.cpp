// Decoding the wire form (codec.hpp). Every rejection names the RLP rule and the field, so
// "nonce with a leading zero" and "to of 19 bytes" are distinct, as ethereum/tests expects.
#include "fields.hpp"

#include <optimist/tx/codec.hpp>

#include <optional>

namespace optimist::tx {
namespace {

using rlp::Item;
using rlp::RlpError;

// Reads a transaction's fields one item at a time from its list payload, so an item that
// is itself malformed is blamed on its field. The first failure sticks: later reads do
// nothing, so a decoder is a plain sequence of reads followed by one error check. Running
// out of items, or items left over at finish(), is wrong_list_length.
class FieldReader {
public:
    explicit FieldReader(ByteView payload) noexcept : rest_(payload) {}

    void u64(TxField f, std::uint64_t& out) noexcept {
        const Item* it = next(f);
        if (it == nullptr) return;
        auto v = rlp::decode_uint64(*it);
        if (v) {
            out = *v;
        } else {
            set_error(integer_error(*it, v.error()), f);
        }
    }

    void u256(TxField f, Uint256& out) noexcept {
        const Item* it = next(f);
        if (it == nullptr) return;
        auto v = rlp::decode_uint256(*it);
        if (v) {
            out = *v;
        } else {
            set_error(integer_error(*it, v.error()), f);
        }
    }

    // r or s. Any canonical integer is well-formed: one wider than 256 bits is a valid
    // encoding of an out-of-range signature value (go-ethereum reads these as big integers),
    // which sets `out_of_range` for the caller to report as invalid_signature.
    void signature_value(TxField f, Uint256& out, bool& out_of_range) noexcept {
        const Item* it = next(f);
        if (it == nullptr) return;
        auto v = rlp::decode_uint256(*it);
        if (v) {
            out = *v;
        } else if (const RlpError e = integer_error(*it, v.error()); e != RlpError::integer_overflow) {
            set_error(e, f);
        } else {
            out_of_range = true;
        }
    }

    void bytes(TxField f, Bytes& out) {
        const Item* it = next(f);
        if (it == nullptr) return;
        auto v = rlp::decode_string(*it);
        if (v) {
            out.assign(v->begin(), v->end());
        } else {
            set_error(v.error(), f);
        }
    }

    // An address, or the empty string for a creation when `allow_create`.
    void to(std::optional<Address>& out, bool allow_create) noexcept {
        const Item* it = next(TxField::to);
        if (it == nullptr) return;
        auto s = rlp::decode_string(*it);
        if (!s) return set_error(s.error(), TxField::to);
        if (s->empty() && allow_create) {
            out.reset();
        } else if (s->size() == Address::size()) {
            out = Address::right_aligned(*s);
        } else {
            set_error(RlpError::wrong_size, TxField::to);
        }
    }

    void hashes(TxField f, std::vector<Hash>& out) {
        const Item* it = next(f);
        if (it == nullptr) return;
        if (auto e = read_hashes(*it, out); e) set_error(*e, f);
    }

    void access_list(std::vector<AccessListEntry>& out) {
        const Item* it = next(TxField::access_list);
        if (it == nullptr) return;
        if (auto e = read_access_list(*it, out); e) set_error(*e, TxField::access_list);
    }

    // Items beyond the type's fields are an error too.
    void finish() noexcept {
        if (!rest_.empty()) set_error(RlpError::wrong_list_length, TxField::envelope);
    }

    [[nodiscard]] const std::optional<TxRejection>& error() const noexcept { return error_; }

private:
    const Item* next(TxField f) noexcept {
        if (error_) return nullptr;
        if (rest_.empty()) {
            set_error(RlpError::wrong_list_length, TxField::envelope);
            return nullptr;
        }
        auto item = rlp::decode_next(rest_);
        if (!item) {
            set_error(item.error(), f);
            return nullptr;
        }
        current_ = *item;
        return &current_;
    }

    // The core decoder checks the width first; a too-wide integer with a leading zero is
    // reported as non-canonical, the more basic defect (and the one ethereum/tests names).
    static RlpError integer_error(const Item& item, RlpError e) noexcept {
        if (e == RlpError::integer_overflow && !item.payload.empty() && item.payload[0] == 0) {
            return RlpError::leading_zero_in_integer;
        }
        return e;
    }

    void set_error(RlpError e, TxField f) noexcept {
        if (!error_) error_ = TxRejection(e, f);
    }

    static std::optional<RlpError> read_hashes(const Item& list, std::vector<Hash>& out) {
        auto items = rlp::decode_list(list);
        if (!items) return items.error();
        out.clear();
        out.reserve(items->size());
        for (const Item& item : *items) {
            auto h = rlp::decode_fixed<32>(item);
            if (!h) return h.error();
            out.push_back(*h);
        }
        return std::nullopt;
    }

    // [[address, [storageKey, ...]], ...]
    static std::optional<RlpError> read_access_list(const Item& list, std::vector<AccessListEntry>& out) {
        auto entries = rlp::decode_list(list);
        if (!entries) return entries.error();
        out.clear();
        out.reserve(entries->size());
        for (const Item& entry : *entries) {
            auto pair = rlp::decode_list(entry);
            if (!pair) return pair.error();
            if (pair->size() != 2) return RlpError::wrong_list_length;
            AccessListEntry e;
            auto address = rlp::decode_fixed<20>((*pair)[0]);
            if (!address) return address.error();
            e.address = *address;
            if (auto err = read_hashes((*pair)[1], e.storage_keys); err) return err;
            out.push_back(std::move(e));
        }
        return std::nullopt;
    }

    ByteView rest_;
    Item current_;
    std::optional<TxRejection> error_;
};

// Legacy v (EIP-155): 27 or 28 is unprotected; 35 and above encodes a chain id. As in
// go-ethereum, 0 and 1 are read as unprotected recovery ids (which the signature rules then
// refuse), and every other value as a protected v naming a chain that cannot be ours.
Status<TxRejection> apply_legacy_v(const Uint256& v, Transaction& t) noexcept {
    if (v == Uint256{27} || v == Uint256{28}) {
        t.chain_id.reset();
        t.y_parity = static_cast<std::uint8_t>(v.w[0] - 27);
        return {};
    }
    if (v < Uint256{2}) return fail(TxRejection(TxValidationError::invalid_signature));
    if (v < Uint256{35}) return fail(TxRejection(TxValidationError::invalid_chain_id));
    const Uint256 offset = v - Uint256{35};
    const Uint256 chain_id = offset >> 1;
    if (!chain_id.fits_u64()) return fail(TxRejection(TxValidationError::invalid_chain_id));
    t.chain_id = chain_id.w[0];
    t.y_parity = static_cast<std::uint8_t>(offset.w[0] & 1);
    return {};
}

Result<Transaction, TxRejection> decode_legacy(ByteView payload) {
    Transaction t;
    t.type = TxType::legacy;
    Uint256 v;
    FieldReader r(payload);
    r.u64(TxField::nonce, t.nonce);
    r.u256(TxField::gas_price, t.max_fee_per_gas);
    r.u64(TxField::gas_limit, t.gas_limit);
    r.to(t.to, true);
    r.u256(TxField::value, t.value);
    r.bytes(TxField::data, t.data);
    r.u256(TxField::v, v);
    bool out_of_range = false;
    r.signature_value(TxField::r, t.r, out_of_range);
    r.signature_value(TxField::s, t.s, out_of_range);
    r.finish();
    if (r.error()) return fail(*r.error());
    if (out_of_range) return fail(TxRejection(TxValidationError::invalid_signature));
    t.max_priority_fee_per_gas = t.max_fee_per_gas;
    if (auto s = apply_legacy_v(v, t); !s) return fail(s.error());
    return t;
}

Result<Transaction, TxRejection> decode_typed(TxType type, ByteView payload) {
    Transaction t;
    t.type = type;
    Uint256 chain_id;
    Uint256 y_parity;
    FieldReader r(payload);
    r.u256(TxField::chain_id, chain_id);
    r.u64(TxField::nonce, t.nonce);
    if (type == TxType::access_list) {
        r.u256(TxField::gas_price, t.max_fee_per_gas);
    } else {
        r.u256(TxField::max_priority_fee_per_gas, t.max_priority_fee_per_gas);
        r.u256(TxField::max_fee_per_gas, t.max_fee_per_gas);
    }
    r.u64(TxField::gas_limit, t.gas_limit);
    // A blob transaction cannot create a contract: its `to` is always an address (EIP-4844).
    r.to(t.to, type != TxType::blob);
    r.u256(TxField::value, t.value);
    r.bytes(TxField::data, t.data);
    r.access_list(t.access_list);
    if (type == TxType::blob) {
        r.u256(TxField::max_fee_per_blob_gas, t.max_fee_per_blob_gas);
        r.hashes(TxField::blob_versioned_hashes, t.blob_versioned_hashes);
    }
    r.u256(TxField::v, y_parity);
    bool out_of_range = false;
    r.signature_value(TxField::r, t.r, out_of_range);
    r.signature_value(TxField::s, t.s, out_of_range);
    r.finish();
    if (r.error()) return fail(*r.error());
    if (out_of_range) return fail(TxRejection(TxValidationError::invalid_signature));
    if (type == TxType::access_list) t.max_priority_fee_per_gas = t.max_fee_per_gas;
    if (!chain_id.fits_u64()) return fail(TxRejection(TxValidationError::invalid_chain_id));
    t.chain_id = chain_id.w[0];
    if (y_parity > Uint256{1}) return fail(TxRejection(TxValidationError::invalid_signature));
    t.y_parity = static_cast<std::uint8_t>(y_parity.w[0]);
    return t;
}

// The payload of the one list `encoded` must be.
Result<ByteView, TxRejection> list_payload(ByteView encoded) noexcept {
    auto item = rlp::decode(encoded);
    if (!item) return fail(TxRejection(item.error(), TxField::envelope));
    if (!item->is_list) return fail(TxRejection(RlpError::expected_list, TxField::envelope));
    return item->payload;
}

}  // namespace

Result<Transaction, TxRejection> decode_transaction(ByteView wire) {
    if (wire.empty()) return fail(TxRejection(RlpError::input_too_short, TxField::envelope));
    const std::uint8_t first = wire[0];
    if (first >= 0xc0) {  // an RLP list: a legacy transaction
        auto payload = list_payload(wire);
        if (!payload) return fail(payload.error());
        return decode_legacy(*payload);
    }
    // An RLP string is neither a legacy transaction nor an envelope (EIP-2718 types are
    // 0x00-0x7f).
    if (first >= 0x80) return fail(TxRejection(RlpError::expected_list, TxField::envelope));
    if (first < static_cast<std::uint8_t>(TxType::access_list) ||
        first > static_cast<std::uint8_t>(TxType::blob)) {
        return fail(TxRejection(TxValidationError::type_not_supported));
    }
    auto payload = list_payload(wire.subspan(1));
    if (!payload) return fail(payload.error());
    return decode_typed(static_cast<TxType>(first), *payload);
}

}  // namespace optimist::tx
