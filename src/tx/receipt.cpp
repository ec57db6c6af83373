// Receipts, logs and blooms (receipt.hpp).
#include <optimist/core/keccak.hpp>
#include <optimist/trie/trie_root.hpp>
#include <optimist/tx/receipt.hpp>

#include <algorithm>
#include <array>

namespace optimist::tx {
namespace {

using rlp::Item;
using rlp::RlpError;

constexpr std::size_t kReceiptFields = 4;
constexpr std::size_t kLogFields = 3;

// The three bit positions (0..2047, counted from the last bit of the last byte) of an entry.
struct BloomBits {
    std::array<unsigned, 3> bits{};
};

BloomBits hashed_bloom_bits(ByteView entry) noexcept {
    const Hash h = keccak256(entry);
    BloomBits b;
    for (std::size_t i = 0; i < 3; ++i) {
        b.bits[i] = ((unsigned{h[2 * i]} << 8) | h[2 * i + 1]) & 2047U;
    }
    return b;
}

// Blooms are made of few distinct entries: a token's address and its Transfer topic appear in
// most receipts of a block. A small direct-mapped cache per thread, keyed by the entry
// itself, spares the keccak of each repeat (a bloom entry is an address or a 32-byte topic).
class BloomBitsCache {
public:
    BloomBits get(ByteView entry) noexcept {
        if (entry.size() > kMaxEntry) return hashed_bloom_bits(entry);
        std::uint64_t h = 0xcbf29ce484222325ULL ^ entry.size();
        for (const std::uint8_t b : entry) h = (h ^ b) * 0x100000001b3ULL;
        Slot& slot = slots_[(h ^ (h >> 32)) % kSlots];
        if (slot.size == entry.size() && std::equal(entry.begin(), entry.end(), slot.key.begin())) return slot.bits;
        slot.size = static_cast<std::uint8_t>(entry.size());
        std::copy(entry.begin(), entry.end(), slot.key.begin());
        slot.bits = hashed_bloom_bits(entry);
        return slot.bits;
    }

private:
    static constexpr std::size_t kMaxEntry = 32;
    static constexpr std::size_t kSlots = 256;
    struct Slot {
        std::uint8_t size = 0xff;  // no entry is that long: empty
        std::array<std::uint8_t, kMaxEntry> key{};
        BloomBits bits;
    };
    std::array<Slot, kSlots> slots_{};
};

BloomBits bloom_bits(ByteView entry) noexcept {
    thread_local BloomBitsCache cache;
    return cache.get(entry);
}

Result<Log, RlpError> decode_log(const Item& item) {
    auto fields = rlp::decode_list(item);
    if (!fields) return fail(fields.error());
    if (fields->size() != kLogFields) return fail(RlpError::wrong_list_length);
    Log log;
    auto address = rlp::decode_fixed<20>((*fields)[0]);
    if (!address) return fail(address.error());
    log.address = *address;
    auto topics = rlp::decode_list((*fields)[1]);
    if (!topics) return fail(topics.error());
    for (const Item& t : *topics) {
        auto topic = rlp::decode_fixed<32>(t);
        if (!topic) return fail(topic.error());
        log.topics.push_back(*topic);
    }
    auto data = rlp::decode_string((*fields)[2]);
    if (!data) return fail(data.error());
    log.data.assign(data->begin(), data->end());
    return log;
}

}  // namespace

void add_to_bloom(Bloom& bloom, ByteView entry) noexcept {
    for (const unsigned bit : bloom_bits(entry).bits) {
        bloom[Bloom::size() - 1 - bit / 8] |= static_cast<std::uint8_t>(1U << (bit % 8));
    }
}

void add_to_bloom(Bloom& bloom, const Log& log) noexcept {
    add_to_bloom(bloom, log.address);
    for (const Hash& topic : log.topics) add_to_bloom(bloom, topic);
}

void accrue_bloom(Bloom& into, const Bloom& other) noexcept {
    for (std::size_t i = 0; i < Bloom::size(); ++i) into[i] |= other[i];
}

Bloom logs_bloom(std::span<const Log> logs) noexcept {
    Bloom bloom;
    for (const Log& log : logs) add_to_bloom(bloom, log);
    return bloom;
}

bool bloom_may_contain(const Bloom& bloom, ByteView entry) noexcept {
    for (const unsigned bit : bloom_bits(entry).bits) {
        if ((bloom[Bloom::size() - 1 - bit / 8] & (1U << (bit % 8))) == 0) return false;
    }
    return true;
}

Receipt make_receipt(TxType type, bool success, std::uint64_t cumulative_gas_used, std::vector<Log> logs) {
    Receipt r;
    r.type = type;
    r.success = success;
    r.cumulative_gas_used = cumulative_gas_used;
    r.bloom = logs_bloom(logs);
    r.logs = std::move(logs);
    return r;
}

void encode_log(rlp::Encoder& out, const Log& log) {
    const std::size_t mark = out.begin_list();
    out.add_bytes(log.address);
    const std::size_t topics = out.begin_list();
    for (const Hash& t : log.topics) out.add_bytes(t);
    out.end_list(topics);
    out.add_bytes(log.data);
    out.end_list(mark);
}

Bytes encode_receipt(const Receipt& r) {
    rlp::Encoder enc;
    const std::size_t mark = enc.begin_list();
    enc.add_uint(std::uint64_t{r.success ? 1U : 0U});
    enc.add_uint(r.cumulative_gas_used);
    enc.add_bytes(r.bloom);
    const std::size_t logs = enc.begin_list();
    for (const Log& log : r.logs) encode_log(enc, log);
    enc.end_list(logs);
    enc.end_list(mark);
    if (r.type == TxType::legacy) return std::move(enc).take();
    Bytes out;
    out.reserve(enc.bytes().size() + 1);
    out.push_back(static_cast<std::uint8_t>(r.type));
    append(out, enc.bytes());
    return out;
}

Result<Receipt, RlpError> decode_receipt(ByteView wire) {
    if (wire.empty()) return fail(RlpError::input_too_short);
    Receipt r;
    if (wire[0] < 0xc0) {
        if (wire[0] < static_cast<std::uint8_t>(TxType::access_list) ||
            wire[0] > static_cast<std::uint8_t>(TxType::blob)) {
            return fail(RlpError::expected_list);
        }
        r.type = static_cast<TxType>(wire[0]);
        wire = wire.subspan(1);
    }
    auto item = rlp::decode(wire);
    if (!item) return fail(item.error());
    auto fields = rlp::decode_list(*item);
    if (!fields) return fail(fields.error());
    if (fields->size() != kReceiptFields) return fail(RlpError::wrong_list_length);
    // EIP-658 status: empty (failure) or 1. Pre-Byzantium state roots are not accepted.
    auto status = rlp::decode_uint64((*fields)[0]);
    if (!status) return fail(status.error());
    if (*status > 1) return fail(RlpError::wrong_size);
    r.success = *status == 1;
    auto gas = rlp::decode_uint64((*fields)[1]);
    if (!gas) return fail(gas.error());
    r.cumulative_gas_used = *gas;
    auto bloom = rlp::decode_fixed<256>((*fields)[2]);
    if (!bloom) return fail(bloom.error());
    r.bloom = *bloom;
    auto logs = rlp::decode_list((*fields)[3]);
    if (!logs) return fail(logs.error());
    r.logs.reserve(logs->size());
    for (const Item& l : *logs) {
        auto log = decode_log(l);
        if (!log) return fail(log.error());
        r.logs.push_back(std::move(log).value());
    }
    return r;
}

Hash receipts_root(std::span<const Receipt> receipts) {
    std::vector<Bytes> encoded;
    encoded.reserve(receipts.size());
    for (const Receipt& r : receipts) encoded.push_back(encode_receipt(r));
    return trie::ordered_trie_root(encoded);
}

Bloom block_bloom(std::span<const Receipt> receipts) noexcept {
    Bloom bloom;
    for (const Receipt& r : receipts) accrue_bloom(bloom, r.bloom);
    return bloom;
}

}  // namespace optimist::tx
