// Block headers (block.hpp): encoding, strict decoding of every fork's field set, hashing.
#include <optimist/core/keccak.hpp>
#include <optimist/tx/block.hpp>

#include <cassert>

namespace optimist::tx {
namespace {

using rlp::Item;
using rlp::RlpError;

constexpr std::size_t kFrontierFields = 15;  // up to nonce
constexpr std::size_t kCancunFields = 20;    // up to parentBeaconBlockRoot

// Reads a header's items in order; the first failure sticks and later reads do nothing.
class HeaderReader {
public:
    explicit HeaderReader(const std::vector<Item>& items) noexcept : items_(items) {}

    [[nodiscard]] bool more() const noexcept { return !error_ && pos_ < items_.size(); }

    template <std::size_t N>
    void fixed(FixedBytes<N>& out) noexcept {
        if (!more()) return;
        auto v = rlp::decode_fixed<N>(items_[pos_++]);
        if (v) {
            out = *v;
        } else {
            error_ = v.error();
        }
    }

    void u64(std::uint64_t& out) noexcept {
        if (!more()) return;
        auto v = rlp::decode_uint64(items_[pos_++]);
        if (v) {
            out = *v;
        } else {
            error_ = v.error();
        }
    }

    void u256(Uint256& out) noexcept {
        if (!more()) return;
        auto v = rlp::decode_uint256(items_[pos_++]);
        if (v) {
            out = *v;
        } else {
            error_ = v.error();
        }
    }

    void bytes(Bytes& out) {
        if (!more()) return;
        auto v = rlp::decode_string(items_[pos_++]);
        if (v) {
            out.assign(v->begin(), v->end());
        } else {
            error_ = v.error();
        }
    }

    template <typename T>
    void optional_u64(std::optional<T>& out) noexcept {
        if (!more()) return;
        out.emplace();
        u64(*out);
    }
    template <typename T>
    void optional_fixed(std::optional<T>& out) noexcept {
        if (!more()) return;
        out.emplace();
        fixed(*out);
    }

    [[nodiscard]] const std::optional<RlpError>& error() const noexcept { return error_; }

private:
    const std::vector<Item>& items_;
    std::size_t pos_ = 0;
    std::optional<RlpError> error_;
};

}  // namespace

BlockHeader cancun_header() {
    BlockHeader h;
    h.base_fee_per_gas = Uint256{};
    h.withdrawals_root = kEmptyTrieRoot;
    h.blob_gas_used = 0;
    h.excess_blob_gas = 0;
    h.parent_beacon_block_root = Hash{};
    return h;
}

void encode_header(rlp::Encoder& out, const BlockHeader& h) {
    const std::size_t mark = out.begin_list();
    out.add_bytes(h.parent_hash);
    out.add_bytes(h.ommers_hash);
    out.add_bytes(h.coinbase);
    out.add_bytes(h.state_root);
    out.add_bytes(h.transactions_root);
    out.add_bytes(h.receipts_root);
    out.add_bytes(h.logs_bloom);
    out.add_uint(h.difficulty);
    out.add_uint(h.number);
    out.add_uint(h.gas_limit);
    out.add_uint(h.gas_used);
    out.add_uint(h.timestamp);
    out.add_bytes(h.extra_data);
    out.add_bytes(h.mix_hash);
    out.add_bytes(h.nonce);
    // Each fork's fields follow the previous fork's; a gap cannot be encoded.
    if (h.base_fee_per_gas) {
        out.add_uint(*h.base_fee_per_gas);
        if (h.withdrawals_root) {
            out.add_bytes(*h.withdrawals_root);
            if (h.blob_gas_used && h.excess_blob_gas) {
                out.add_uint(*h.blob_gas_used);
                out.add_uint(*h.excess_blob_gas);
                if (h.parent_beacon_block_root) out.add_bytes(*h.parent_beacon_block_root);
            }
        }
    }
    assert(h.base_fee_per_gas || !h.withdrawals_root);
    assert(h.withdrawals_root || !h.blob_gas_used);
    assert(h.blob_gas_used.has_value() == h.excess_blob_gas.has_value());
    assert(h.blob_gas_used || !h.parent_beacon_block_root);
    out.end_list(mark);
}

Bytes encode_header(const BlockHeader& h) {
    rlp::Encoder enc;
    encode_header(enc, h);
    return std::move(enc).take();
}

Result<BlockHeader, RlpError> decode_header(const Item& item) {
    auto items = rlp::decode_list(item);
    if (!items) return fail(items.error());
    // Blob gas used and excess blob gas arrived together (EIP-4844): 18 fields is no fork.
    const std::size_t n = items->size();
    if (n < kFrontierFields || n > kCancunFields || n == kFrontierFields + 3) {
        return fail(RlpError::wrong_list_length);
    }
    BlockHeader h;
    HeaderReader r(*items);
    r.fixed(h.parent_hash);
    r.fixed(h.ommers_hash);
    r.fixed(h.coinbase);
    r.fixed(h.state_root);
    r.fixed(h.transactions_root);
    r.fixed(h.receipts_root);
    r.fixed(h.logs_bloom);
    r.u256(h.difficulty);
    r.u64(h.number);
    r.u64(h.gas_limit);
    r.u64(h.gas_used);
    r.u64(h.timestamp);
    r.bytes(h.extra_data);
    r.fixed(h.mix_hash);
    r.fixed(h.nonce);
    if (r.more()) {
        h.base_fee_per_gas.emplace();
        r.u256(*h.base_fee_per_gas);
    }
    r.optional_fixed(h.withdrawals_root);
    r.optional_u64(h.blob_gas_used);
    r.optional_u64(h.excess_blob_gas);
    r.optional_fixed(h.parent_beacon_block_root);
    if (r.error()) return fail(*r.error());
    return h;
}

Result<BlockHeader, RlpError> decode_header(ByteView encoded) {
    auto item = rlp::decode(encoded);
    if (!item) return fail(item.error());
    return decode_header(*item);
}

Hash header_hash(const BlockHeader& h) { return keccak256(encode_header(h)); }

}  // namespace optimist::tx
