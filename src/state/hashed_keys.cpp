#include "hashed_keys.hpp"

#include <optimist/core/keccak.hpp>

#include <array>
#include <cstdint>
#include <cstring>

namespace optimist::state::detail {
namespace {

template <class Key>
struct Memo {
    bool filled = false;
    Key key;
    Hash hash;
};

// 256 entries each: about 14 KiB and 18 KiB per thread. Zero-initialised, so a thread's first
// use needs no constructor call.
constexpr std::size_t kEntries = 256;
thread_local std::array<Memo<Address>, kEntries> t_addresses{};
thread_local std::array<Memo<Uint256>, kEntries> t_slots{};

std::size_t address_index(const Address& a) noexcept {
    std::uint64_t word;
    std::memcpy(&word, a.data() + 12, 8);  // addresses are hashes already: any bytes will do
    return static_cast<std::size_t>(word * 0x9e3779b97f4a7c15ULL >> 56);
}

std::size_t slot_index(const Uint256& slot) noexcept {
    // Slots are often small integers (0, 1, 2, ...) or hashes (mapping entries): mix all words.
    const std::uint64_t h = (slot.w[0] ^ slot.w[1] * 0xff51afd7ed558ccdULL ^ slot.w[2] ^ slot.w[3] * 31) *
                            0x9e3779b97f4a7c15ULL;
    return static_cast<std::size_t>(h >> 56);
}

}  // namespace

Hash hashed_address(const Address& address) {
    Memo<Address>& m = t_addresses[address_index(address)];
    if (!m.filled || m.key != address) {
        m.key = address;
        m.hash = keccak256(address);
        m.filled = true;
    }
    return m.hash;
}

Hash hashed_slot(const Uint256& slot) {
    Memo<Uint256>& m = t_slots[slot_index(slot)];
    if (!m.filled || m.key != slot) {
        m.key = slot;
        m.hash = keccak256(slot.to_hash());
        m.filled = true;
    }
    return m.hash;
}

}  // namespace optimist::state::detail
