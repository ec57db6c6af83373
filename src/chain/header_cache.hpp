// A small LRU cache of recent headers, by hash and by number.
//
// eth_getLogs, BLOCKHASH and the block builder read the last few hundred headers over and
// over; a hit skips a LevelDB lookup, an RLP decode and the keccak that checks the record.
// The chain is append-only, so a cached header never goes stale.
//
// Thread safety: every method may be called concurrently (one mutex; each call is short).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/tx/block.hpp>

#include <cstddef>
#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace optimist::chain::detail {

class HeaderCache {
public:
    explicit HeaderCache(std::size_t capacity) : capacity_(capacity) {}

    // Inserts or refreshes; evicts the least recently used entry beyond capacity.
    void put(const Hash& hash, const tx::BlockHeader& header);
    [[nodiscard]] std::optional<tx::BlockHeader> get(const Hash& hash);
    [[nodiscard]] std::optional<Hash> hash_of(std::uint64_t number);

private:
    struct Entry {
        Hash hash;
        tx::BlockHeader header;
    };
    using List = std::list<Entry>;  // most recently used first

    void touch(List::iterator it);

    std::size_t capacity_;
    std::mutex mutex_;
    List entries_;
    std::unordered_map<Hash, List::iterator, FixedBytesHasher> by_hash_;
    std::unordered_map<std::uint64_t, List::iterator> by_number_;
};

}  // namespace optimist::chain::detail
