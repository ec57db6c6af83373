// StateStore: the head state as in-memory tries loaded from, and committed back to, the
// database. Keys of both tries are hashed here (keccak256 of address or slot), so the tries
// are plain trie::Trie and load_trie can rebuild them.
#include "code_cache.hpp"
#include "hashed_keys.hpp"
#include "store_keys.hpp"
#include "stored_state_reader.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/trie/node_store.hpp>
#include <optimist/trie/trie.hpp>

#include <cassert>
#include <map>
#include <set>
#include <unordered_map>

namespace optimist::state {

namespace {

// Enough for every contract of a devnet; a miss costs one database read.
constexpr std::size_t kCodeCacheBytes = 32u << 20;

}  // namespace

struct StateStore::Impl {
    explicit Impl(db::Database& database)
        : db(database), code_cache(std::make_shared<detail::CodeCache>(database, kCodeCacheBytes)) {}

    db::Database& db;
    trie::Trie accounts;  // keccak256(address) -> encode_account
    // keccak256(address) -> storage trie; only accounts with non-empty storage have one.
    std::unordered_map<Hash, trie::Trie, FixedBytesHasher> storage;
    // Hashed addresses whose storage trie changed since the last commit.
    std::set<Hash> storage_changed;
    // Code set since the last commit, and code handed to the last commit's batch, which the
    // caller may not have written yet: both are served from here, not from the database.
    std::map<Hash, Bytes> pending_code;
    std::map<Hash, Bytes> committed_code;
    std::shared_ptr<detail::CodeCache> code_cache;

    [[nodiscard]] std::optional<Account> account(const Hash& hashed_address) const {
        const auto encoded = accounts.get(hashed_address);
        if (!encoded) return std::nullopt;
        auto decoded = decode_account(*encoded);
        // Every account in the trie was written by apply() or validated by open().
        assert(decoded.ok());
        if (!decoded) return std::nullopt;
        return *decoded;
    }

    void apply_account(const AccountWrite& w) {
        const Hash h = detail::hashed_address(w.address);
        if (w.deleted) {
            accounts.erase(h);
            storage.erase(h);
            storage_changed.erase(h);
            return;
        }
        Account a = account(h).value_or(Account{});
        if (w.storage_cleared) {
            storage.erase(h);
            storage_changed.erase(h);
            a.storage_root = kEmptyTrieRoot;
        }
        a.nonce = w.nonce;
        a.balance = w.balance;
        if (w.code_changed) {
            // As InMemoryState: the code decides its hash.
            a.code_hash = w.code.empty() ? kEmptyCodeHash : keccak256(w.code);
            if (!w.code.empty()) pending_code[a.code_hash] = w.code;
        }
        if (!w.storage.empty()) {
            auto it = storage.try_emplace(h).first;
            trie::Trie& slots = it->second;
            for (const StorageWrite& sw : w.storage) {
                const Hash key = detail::hashed_slot(sw.key);
                if (sw.value.is_zero())
                    slots.erase(key);
                else
                    slots.put(key, rlp::encode_uint(sw.value));
            }
            if (slots.empty()) {
                storage.erase(it);
                storage_changed.erase(h);
                a.storage_root = kEmptyTrieRoot;
            } else {
                storage_changed.insert(h);
                a.storage_root = slots.root_hash();
            }
        }
        accounts.put(h, encode_account(a));
    }
};

StateStore::StateStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
StateStore::~StateStore() = default;

Result<std::unique_ptr<StateStore>, std::string> StateStore::open(db::Database& db, const Hash& root) {
    auto impl = std::make_unique<Impl>(db);
    const trie::NodeSource source = detail::node_source(db);
    auto accounts = trie::load_trie(source, root);
    if (!accounts) {
        return fail("cannot load state root " + to_hex(root) + ": " +
                    std::string(trie::to_string(accounts.error())));
    }
    impl->accounts = std::move(*accounts);

    std::string error;
    impl->accounts.for_each([&](ByteView key, ByteView value) {
        if (!error.empty()) return;
        const auto account = decode_account(value);
        if (!account) {
            error = "malformed account " + to_hex(key) + ": " + std::string(rlp::to_string(account.error()));
            return;
        }
        if (key.size() != Hash::size()) {
            error = "account key of " + std::to_string(key.size()) + " bytes in state root " + to_hex(root);
            return;
        }
        if (account->storage_root == kEmptyTrieRoot) return;
        auto slots = trie::load_trie(source, account->storage_root);
        if (!slots) {
            error = "cannot load storage root " + to_hex(account->storage_root) + " of account " +
                    to_hex(key) + ": " + std::string(trie::to_string(slots.error()));
            return;
        }
        impl->storage.emplace(Hash::right_aligned(key), std::move(*slots));
    });
    if (!error.empty()) return fail(std::move(error));
    return std::unique_ptr<StateStore>(new StateStore(std::move(impl)));
}

std::optional<Account> StateStore::read_account(const Address& address) const {
    return impl_->account(detail::hashed_address(address));
}

Uint256 StateStore::read_storage(const Address& address, const Uint256& key) const {
    const auto it = impl_->storage.find(detail::hashed_address(address));
    if (it == impl_->storage.end()) return Uint256{};
    const auto encoded = it->second.get(detail::hashed_slot(key));
    if (!encoded) return Uint256{};
    return detail::decode_slot_value(*encoded).value_or(Uint256{});
}

Bytes StateStore::read_code(const Hash& code_hash) const {
    if (code_hash == kEmptyCodeHash) return {};
    if (const auto it = impl_->pending_code.find(code_hash); it != impl_->pending_code.end())
        return it->second;
    if (const auto it = impl_->committed_code.find(code_hash); it != impl_->committed_code.end())
        return it->second;
    return impl_->code_cache->get(code_hash);
}

void StateStore::apply(const WriteSet& writes) {
    for (const AccountWrite& w : writes.accounts) impl_->apply_account(w);
}

Hash StateStore::state_root() { return impl_->accounts.root_hash(); }

void StateStore::commit(db::WriteBatch& batch) {
    const trie::NodeSink sink = [&batch](const Hash& hash, ByteView encoded) {
        batch.put(detail::node_key(hash), encoded);
    };
    for (const Hash& h : impl_->storage_changed) {
        if (const auto it = impl_->storage.find(h); it != impl_->storage.end()) it->second.commit(sink);
    }
    impl_->storage_changed.clear();
    impl_->accounts.commit(sink);
    for (const auto& [hash, code] : impl_->pending_code) batch.put(detail::code_key(hash), code);
    impl_->committed_code = std::move(impl_->pending_code);
    impl_->pending_code.clear();
}

std::optional<Bytes> StateStore::node(const Hash& hash) const { return impl_->db.get(detail::node_key(hash)); }

std::unique_ptr<StateReader> StateStore::reader_at(const Hash& root) const {
    if (root != kEmptyTrieRoot && !impl_->db.get(detail::node_key(root))) return nullptr;
    return std::make_unique<detail::StoredStateReader>(impl_->db, root, impl_->code_cache);
}

Result<StateStore::AccountProof, std::string> StateStore::proof(const Hash& root, const Address& address,
                                                                std::span<const Uint256> slots) const {
    return detail::prove_account(impl_->db, root, address, slots);
}

}  // namespace optimist::state
