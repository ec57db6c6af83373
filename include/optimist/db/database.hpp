// Database: the key-value store under the chain and the state (LevelDB).
//
// A thin wrapper that keeps LevelDB's headers out of every other translation unit and turns
// its status objects into Result values. Writes that must land together (a block: state
// nodes, block, receipts, indexes, head pointer) go through one WriteBatch, which LevelDB
// applies atomically: after a crash either all of it is there or none of it (DESIGN
// decision 6).
//
// Thread safety: every method may be called from several threads at once (LevelDB's
// guarantee); a WriteBatch is used by one thread.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace optimist::db {

// A set of puts and erases applied atomically by Database::write.
class WriteBatch {
public:
    WriteBatch();
    ~WriteBatch();
    WriteBatch(WriteBatch&&) noexcept;
    WriteBatch& operator=(WriteBatch&&) noexcept;
    WriteBatch(const WriteBatch&) = delete;
    WriteBatch& operator=(const WriteBatch&) = delete;

    void put(ByteView key, ByteView value);
    void erase(ByteView key);
    void clear();

    // Operations recorded since construction or clear().
    [[nodiscard]] std::size_t count() const noexcept { return count_; }
    // Bytes of the serialized batch (keys, values and framing).
    [[nodiscard]] std::size_t approximate_size() const;

private:
    friend class Database;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::size_t count_ = 0;
};

struct Options {
    bool create_if_missing = true;
    // LevelDB's block cache; hot trie nodes and headers stay in memory.
    std::size_t cache_bytes = 64u << 20;
    // Bloom filter bits per key, so lookups of absent keys rarely touch disk (0 disables).
    int bloom_bits_per_key = 10;
};

// Receives a key and value during iteration; both views are valid only during the call.
// Return false to stop.
using EntryVisitor = std::function<bool(ByteView key, ByteView value)>;

class Database {
public:
    // Opens (creating if allowed) the database in directory `path`. Fails with a message a
    // user can act on, e.g. when another process holds the directory's lock.
    [[nodiscard]] static Result<std::unique_ptr<Database>, std::string> open(const std::string& path,
                                                                              const Options& options = {});
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    // nullopt when the key is absent. A read error (corruption, I/O) is reported through
    // Log and also yields nullopt after is_healthy() turns false.
    [[nodiscard]] std::optional<Bytes> get(ByteView key) const;

    // `sync` waits for the write to reach the disk (fsync): survives power loss, not only a
    // process crash. Without it a killed process still loses nothing LevelDB acknowledged.
    [[nodiscard]] Status<std::string> put(ByteView key, ByteView value, bool sync = false);
    [[nodiscard]] Status<std::string> erase(ByteView key, bool sync = false);
    [[nodiscard]] Status<std::string> write(WriteBatch& batch, bool sync = false);

    // Visits the entries whose key starts with `prefix`, in increasing key order.
    void for_each_with_prefix(ByteView prefix, const EntryVisitor& visit) const;

    // False once a read or write has failed with an I/O or corruption error.
    [[nodiscard]] bool is_healthy() const noexcept;
    [[nodiscard]] const std::string& path() const noexcept { return path_; }

private:
    struct Impl;
    Database(std::string path, std::unique_ptr<Impl> impl);

    std::string path_;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::db
