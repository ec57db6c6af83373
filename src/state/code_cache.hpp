// CodeCache: contract code by hash, read through from the database, bounded in bytes.
// Shared by the head state and the historical readers; every method is thread-safe.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/db/database.hpp>

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

namespace optimist::state::detail {

class CodeCache {
public:
    CodeCache(const db::Database& db, std::size_t capacity_bytes) : db_(db), capacity_(capacity_bytes) {}

    // The code stored under `code_hash`: empty for kEmptyCodeHash, unknown hashes, and code
    // in the database that does not hash to its key (logged as corruption).
    [[nodiscard]] Bytes get(const Hash& code_hash) const;

private:
    void insert_locked(const Hash& code_hash, std::shared_ptr<const Bytes> code) const;

    const db::Database& db_;
    const std::size_t capacity_;
    mutable std::mutex mutex_;
    // Evicted first in, first out: code is small (EIP-170: 24 KiB at most) and a hot
    // contract evicted is one database read away.
    // Shared so that a hit copies the code outside the lock.
    mutable std::unordered_map<Hash, std::shared_ptr<const Bytes>, FixedBytesHasher> entries_;
    mutable std::deque<Hash> order_;
    mutable std::size_t bytes_ = 0;
};

}  // namespace optimist::state::detail
