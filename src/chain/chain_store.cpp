// The chain store (chain_store.hpp): one write batch per block, strict reads.
#include "header_cache.hpp"
#include "keys.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/chain/records.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/tx/codec.hpp>

#include <limits>

namespace optimist::chain {
namespace {

constexpr std::string_view kComponent = "chain";
// A few minutes of blocks: what eth_getLogs ranges and BLOCKHASH (the last 256) touch.
constexpr std::size_t kHeaderCacheCapacity = 512;

std::optional<Hash> as_hash(const std::optional<Bytes>& value) {
    if (!value || value->size() != Hash::size()) return std::nullopt;
    Hash h;
    std::copy(value->begin(), value->end(), h.bytes.begin());
    return h;
}

// Reports a stored record that does not decode; the read then yields nullopt.
void report_corrupt(std::string_view record, const Hash& key, std::string_view why) {
    logging::warn(kComponent,
                  "corrupt " + std::string(record) + " record for " + to_hex(key) + ": " + std::string(why));
}

std::string corrupt_metadata(std::string_view name, std::string_view why) {
    return "chain database is corrupted: metadata " + std::string(name) + " " + std::string(why);
}

// A metadata integer: nullopt when absent, an error when present but malformed.
Result<std::optional<std::uint64_t>, std::string> read_meta_uint(const db::Database& db,
                                                                 std::string_view name) {
    const auto value = db.get(keys::meta(name));
    if (!value) return std::optional<std::uint64_t>{};
    auto decoded = decode_meta_uint(*value);
    if (!decoded) return fail(corrupt_metadata(name, "does not decode (" + decoded.error() + ")"));
    return std::optional<std::uint64_t>{*decoded};
}

}  // namespace

ChainStore::ChainStore(db::Database& db, const ChainStoreOptions& options, std::optional<Head> head,
                       Meta meta)
    : db_(db),
      options_(options),
      cache_(std::make_unique<detail::HeaderCache>(kHeaderCacheCapacity)),
      head_(std::move(head)),
      meta_(std::move(meta)) {
    if (head_) cache_->put(head_->hash, head_->header);
}

ChainStore::~ChainStore() = default;

Result<std::unique_ptr<ChainStore>, std::string> ChainStore::open(db::Database& db,
                                                                  const ChainStoreOptions& options) {
    auto schema = read_meta_uint(db, keys::kSchemaVersionName);
    if (!schema) return fail(schema.error());
    if (*schema && **schema != kSchemaVersion) {
        return fail("chain database " + db.path() + " has schema version " + std::to_string(**schema) +
                    " but this build reads version " + std::to_string(kSchemaVersion) +
                    ": use a data directory written by a matching build, or start a new one");
    }

    auto stored_chain_id = read_meta_uint(db, keys::kChainIdName);
    if (!stored_chain_id) return fail(stored_chain_id.error());
    if (*stored_chain_id && options.chain_id && **stored_chain_id != *options.chain_id) {
        return fail("chain database " + db.path() + " belongs to chain id " +
                    std::to_string(**stored_chain_id) + " but the node is configured for chain id " +
                    std::to_string(*options.chain_id) +
                    ": point it at the right data directory or fix the configured chain id");
    }

    Meta meta;
    meta.chain_id = *stored_chain_id ? *stored_chain_id : options.chain_id;
    if (const auto genesis = db.get(keys::meta(keys::kGenesisHashName))) {
        meta.genesis_hash = as_hash(genesis);
        if (!meta.genesis_hash)
            return fail(corrupt_metadata(keys::kGenesisHashName, "is not a 32-byte hash"));
    }

    const auto head_value = db.get(keys::head());
    if (!head_value) {
        // Metadata is written in the genesis block's batch, so metadata without a head means
        // the head pointer was lost.
        if (*schema || meta.genesis_hash)
            return fail("chain database " + db.path() + " is corrupted: metadata present but no head block");
        auto store = std::unique_ptr<ChainStore>(new ChainStore(db, options, std::nullopt, std::move(meta)));
        return store;
    }
    if (!*schema) {
        return fail("chain database " + db.path() +
                    " has blocks but no schema version: it was not written by this program");
    }
    const auto head_hash = as_hash(head_value);
    if (!head_hash)
        return fail("chain database " + db.path() + " is corrupted: the head pointer is not a hash");

    auto store = std::unique_ptr<ChainStore>(new ChainStore(db, options, std::nullopt, std::move(meta)));
    auto header = store->load_header(*head_hash);
    if (!header) {
        return fail("chain database " + db.path() + " is corrupted: the head block " + to_hex(*head_hash) +
                    " has no readable header");
    }
    if (store->canonical_hash(header->number) != head_hash) {
        return fail("chain database " + db.path() + " is corrupted: the head block " + to_hex(*head_hash) +
                    " is not the canonical block of number " + std::to_string(header->number));
    }
    if (store->meta_.genesis_hash && store->canonical_hash(0) != store->meta_.genesis_hash) {
        return fail("chain database " + db.path() +
                    " is corrupted: block 0 is not the recorded genesis block");
    }
    store->cache_->put(*head_hash, *header);
    store->head_ = Head{header->number, *head_hash, std::move(*header)};
    return store;
}

bool ChainStore::has_genesis() const {
    const std::lock_guard lock(mutex_);
    return head_.has_value();
}

Status<std::string> ChainStore::commit_block(const tx::BlockHeader& header,
                                             std::span<const tx::Transaction> txs,
                                             std::span<const tx::Receipt> receipts, db::WriteBatch&& extra) {
    if (txs.size() != receipts.size()) {
        return fail("block " + std::to_string(header.number) + " has " + std::to_string(txs.size()) +
                    " transactions but " + std::to_string(receipts.size()) + " receipts");
    }
    if (txs.size() > std::numeric_limits<std::uint32_t>::max())
        return fail("block " + std::to_string(header.number) + " has too many transactions");

    std::optional<Head> head;
    Meta meta;
    {
        const std::lock_guard lock(mutex_);
        head = head_;
        meta = meta_;
    }
    if (!head && header.number != 0) {
        return fail("cannot commit block " + std::to_string(header.number) +
                    ": the store has no genesis block yet (block 0 comes first)");
    }
    if (head && header.number != head->number + 1) {
        return fail("cannot commit block " + std::to_string(header.number) + ": the head is block " +
                    std::to_string(head->number) + " (blocks are appended in order)");
    }
    if (head && header.parent_hash != head->hash) {
        return fail("cannot commit block " + std::to_string(header.number) + ": its parent " +
                    to_hex(header.parent_hash) + " is not the head " + to_hex(head->hash));
    }

    const Hash hash = tx::header_hash(header);
    db::WriteBatch batch = std::move(extra);
    batch.put(keys::by_hash(keys::kHeader, hash), tx::encode_header(header));
    batch.put(keys::by_hash(keys::kBody, hash), encode_body(txs));
    batch.put(keys::by_hash(keys::kReceipts, hash), encode_receipts(receipts));
    for (std::size_t i = 0; i < txs.size(); ++i) {
        const Hash tx_hash = tx::transaction_hash(txs[i]);
        batch.put(keys::by_hash(keys::kTxLocation, tx_hash),
                  encode_tx_location({header.number, hash, static_cast<std::uint32_t>(i)}));
        batch.erase(keys::by_hash(keys::kPending, tx_hash));
    }
    batch.put(keys::canonical(header.number), hash);
    batch.put(keys::head(), hash);
    if (!head) {
        batch.put(keys::meta(keys::kSchemaVersionName), encode_meta_uint(kSchemaVersion));
        if (meta.chain_id) batch.put(keys::meta(keys::kChainIdName), encode_meta_uint(*meta.chain_id));
        batch.put(keys::meta(keys::kGenesisHashName), hash);
    }

    if (auto written = db_.write(batch, options_.sync_blocks); !written)
        return fail("writing block " + std::to_string(header.number) + " failed: " + written.error());

    // Only now may readers see the new head: everything it points to is in the database.
    cache_->put(hash, header);
    const std::lock_guard lock(mutex_);
    head_ = Head{header.number, hash, header};
    if (header.number == 0) meta_.genesis_hash = hash;
    return {};
}

std::optional<std::uint64_t> ChainStore::head_number() const {
    const std::lock_guard lock(mutex_);
    if (!head_) return std::nullopt;
    return head_->number;
}

std::optional<Hash> ChainStore::head_hash() const {
    const std::lock_guard lock(mutex_);
    if (!head_) return std::nullopt;
    return head_->hash;
}

std::optional<tx::BlockHeader> ChainStore::head_header() const {
    const std::lock_guard lock(mutex_);
    if (!head_) return std::nullopt;
    return head_->header;
}

std::optional<Hash> ChainStore::canonical_hash(std::uint64_t number) const {
    if (auto cached = cache_->hash_of(number)) return cached;
    return as_hash(db_.get(keys::canonical(number)));
}

std::optional<tx::BlockHeader> ChainStore::load_header(const Hash& hash) const {
    const auto value = db_.get(keys::by_hash(keys::kHeader, hash));
    if (!value) return std::nullopt;
    auto header = tx::decode_header(*value);
    if (!header) {
        report_corrupt("header", hash, rlp::to_string(header.error()));
        return std::nullopt;
    }
    // A record that decodes but belongs to another block is as corrupt as garbage.
    if (tx::header_hash(*header) != hash) {
        report_corrupt("header", hash, "its hash does not match its key");
        return std::nullopt;
    }
    return std::move(header).value();
}

std::optional<tx::BlockHeader> ChainStore::header_by_hash(const Hash& hash) const {
    if (auto cached = cache_->get(hash)) return cached;
    auto header = load_header(hash);
    if (header) cache_->put(hash, *header);
    return header;
}

std::optional<tx::BlockHeader> ChainStore::header_by_number(std::uint64_t number) const {
    const auto hash = canonical_hash(number);
    if (!hash) return std::nullopt;
    return header_by_hash(*hash);
}

std::optional<StoredBlock> ChainStore::block_by_hash(const Hash& hash) const {
    auto header = header_by_hash(hash);
    if (!header) return std::nullopt;
    const auto value = db_.get(keys::by_hash(keys::kBody, hash));
    if (!value) return std::nullopt;
    auto txs = decode_body(*value);
    if (!txs) {
        report_corrupt("body", hash, txs.error());
        return std::nullopt;
    }
    return StoredBlock{std::move(*header), hash, std::move(txs).value()};
}

std::optional<StoredBlock> ChainStore::block_by_number(std::uint64_t number) const {
    const auto hash = canonical_hash(number);
    if (!hash) return std::nullopt;
    return block_by_hash(*hash);
}

std::optional<std::vector<tx::Receipt>> ChainStore::receipts(const Hash& block_hash) const {
    const auto value = db_.get(keys::by_hash(keys::kReceipts, block_hash));
    if (!value) return std::nullopt;
    auto decoded = decode_receipts(*value);
    if (!decoded) {
        report_corrupt("receipts", block_hash, decoded.error());
        return std::nullopt;
    }
    return std::move(decoded).value();
}

std::optional<TxLocation> ChainStore::tx_location(const Hash& tx_hash) const {
    const auto value = db_.get(keys::by_hash(keys::kTxLocation, tx_hash));
    if (!value) return std::nullopt;
    auto decoded = decode_tx_location(*value);
    if (!decoded) {
        report_corrupt("tx location", tx_hash, decoded.error());
        return std::nullopt;
    }
    return *decoded;
}

Status<std::string> ChainStore::put_pending(const Hash& tx_hash, ByteView raw_tx) {
    return db_.put(keys::by_hash(keys::kPending, tx_hash), raw_tx);
}

Status<std::string> ChainStore::erase_pending(const Hash& tx_hash) {
    return db_.erase(keys::by_hash(keys::kPending, tx_hash));
}

std::vector<std::pair<Hash, Bytes>> ChainStore::load_pending() const {
    std::vector<std::pair<Hash, Bytes>> out;
    const Bytes prefix{keys::kPending};
    db_.for_each_with_prefix(prefix, [&](ByteView key, ByteView value) {
        if (key.size() != 1 + Hash::size()) return true;  // not ours: skip rather than guess
        Hash h;
        std::copy(key.begin() + 1, key.end(), h.bytes.begin());
        out.emplace_back(h, to_bytes(value));
        return true;
    });
    return out;
}

std::optional<std::uint64_t> ChainStore::chain_id() const {
    const std::lock_guard lock(mutex_);
    return meta_.chain_id;
}

std::optional<Hash> ChainStore::genesis_hash() const {
    const std::lock_guard lock(mutex_);
    return meta_.genesis_hash;
}

}  // namespace optimist::chain
