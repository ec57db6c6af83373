// ChainStore: everything about the chain except world state, kept in the node's LevelDB.
//
// Blocks are appended one at a time; commit_block writes a block together with the world
// state it produced (the state nodes arrive in `extra`, from state::StateStore::commit) in
// ONE db::WriteBatch, so after a crash the database holds either the whole block or none of
// it, and a restart resumes from the last committed head (DESIGN decision 6).
//
// Key layout (one-letter prefixes; state::StateStore owns "n" trie nodes and "c" code):
//   "h" + block hash    -> header RLP (tx::encode_header)
//   "B" + block hash    -> body: rlp([[tx wire form, sender], ...]) (records.hpp)
//   "r" + block hash    -> receipts: rlp([receipt wire form, ...]) (records.hpp)
//   "N" + be64(number)  -> canonical block hash (32 bytes)
//   "t" + tx hash       -> rlp([block number, block hash, index]) (records.hpp)
//   "H"                 -> head block hash (32 bytes)
//   "p" + tx hash       -> pending-journal entry: the raw transaction (wire form)
//   "m" + name          -> metadata: "m" "schema_version" rlp(uint), "m" "chain_id"
//                          rlp(uint), "m" "genesis_hash" (32 bytes)
// Every value is written by this class only; a value that fails to decode (corruption, or a
// foreign writer) reads as absent, never as a crash.
//
// Thread safety: commit_block has one caller at a time (the block builder). Every other
// method, const readers and the pending journal alike, may run concurrently with it and with
// each other: the database is thread-safe, and the header cache and the cached head are
// guarded by a mutex. A block's records reach the database before the cached head moves to
// it, so a reader that sees head N can read block N. A put_pending racing with the
// commit_block that includes the same transaction may leave a stale journal entry; the node
// drops such entries when it re-validates the journal at startup.
#pragma once

#include <optimist/chain/types.hpp>
#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/db/database.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace optimist::chain {

// The layout version this build reads and writes; a database of another version is refused.
inline constexpr std::uint64_t kSchemaVersion = 1;

struct ChainStoreOptions {
    // The chain this node runs. A database that recorded another chain id is refused; a new
    // database records it with the genesis block (nullopt records none and checks nothing).
    std::optional<std::uint64_t> chain_id;
    // fsync each block's write batch, so a committed block survives power loss and not only
    // a killed process. Pending-journal writes are never synced (a kill -9 loses nothing
    // LevelDB acknowledged; fsync per transaction would cap throughput).
    bool sync_blocks = true;
};

namespace detail {
class HeaderCache;
}

class ChainStore {
public:
    // Opens the store over `db` (which must outlive it): checks the schema version and chain
    // id recorded in the metadata and loads the head, verifying that its header is present,
    // decodes, hashes to the head hash and is the canonical block of its number. Fails with a
    // message a user can act on otherwise.
    [[nodiscard]] static Result<std::unique_ptr<ChainStore>, std::string> open(
        db::Database& db, const ChainStoreOptions& options = {});
    ~ChainStore();
    ChainStore(const ChainStore&) = delete;
    ChainStore& operator=(const ChainStore&) = delete;

    // True once block 0 is committed.
    [[nodiscard]] bool has_genesis() const;

    // Appends a block: `extra` (the state nodes) + header + body (transactions with their
    // senders) + receipts + transaction index + canonical number + head pointer + erasure of
    // the included transactions' pending-journal entries, in one atomic write. Block 0 (on an
    // empty store) also records the schema version, chain id and genesis hash.
    // REQUIRES: each transaction's `sender` is set; the header's roots match the
    // transactions and receipts (not re-checked here: the block builder computed them).
    // Fails, writing nothing, unless the block extends the head (number head + 1, parent hash
    // the head hash; number 0 on an empty store) and there is one receipt per transaction.
    [[nodiscard]] Status<std::string> commit_block(const tx::BlockHeader& header,
                                                   std::span<const tx::Transaction> txs,
                                                   std::span<const tx::Receipt> receipts,
                                                   db::WriteBatch&& extra);

    [[nodiscard]] std::optional<std::uint64_t> head_number() const;
    [[nodiscard]] std::optional<Hash> head_hash() const;
    [[nodiscard]] std::optional<tx::BlockHeader> head_header() const;

    [[nodiscard]] std::optional<Hash> canonical_hash(std::uint64_t number) const;
    [[nodiscard]] std::optional<tx::BlockHeader> header_by_hash(const Hash& hash) const;
    [[nodiscard]] std::optional<tx::BlockHeader> header_by_number(std::uint64_t number) const;
    [[nodiscard]] std::optional<StoredBlock> block_by_hash(const Hash& hash) const;
    [[nodiscard]] std::optional<StoredBlock> block_by_number(std::uint64_t number) const;
    // The block's receipts in transaction order.
    [[nodiscard]] std::optional<std::vector<tx::Receipt>> receipts(const Hash& block_hash) const;
    [[nodiscard]] std::optional<TxLocation> tx_location(const Hash& tx_hash) const;

    // The pending-transaction journal: the mempool puts a transaction here before
    // acknowledging it to the client, so accepted transactions survive a crash; commit_block
    // erases the entries of the transactions it includes.
    [[nodiscard]] Status<std::string> put_pending(const Hash& tx_hash, ByteView raw_tx);
    [[nodiscard]] Status<std::string> erase_pending(const Hash& tx_hash);
    // Every journal entry, in tx-hash order (not arrival order: the mempool re-sorts by
    // sender and nonce anyway). Entries with a malformed key are skipped.
    [[nodiscard]] std::vector<std::pair<Hash, Bytes>> load_pending() const;

    [[nodiscard]] std::optional<std::uint64_t> chain_id() const;
    [[nodiscard]] std::optional<Hash> genesis_hash() const;

private:
    struct Head {
        std::uint64_t number = 0;
        Hash hash;
        tx::BlockHeader header;
    };
    struct Meta {
        std::optional<std::uint64_t> chain_id;
        std::optional<Hash> genesis_hash;
    };

    ChainStore(db::Database& db, const ChainStoreOptions& options, std::optional<Head> head, Meta meta);

    // Header from the database, checked against its hash; nullopt when absent or corrupt.
    [[nodiscard]] std::optional<tx::BlockHeader> load_header(const Hash& hash) const;

    db::Database& db_;
    ChainStoreOptions options_;
    std::unique_ptr<detail::HeaderCache> cache_;  // has its own mutex
    mutable std::mutex mutex_;                    // guards head_ and meta_
    std::optional<Head> head_;
    Meta meta_;
};

}  // namespace optimist::chain
