#include "stored_state_reader.hpp"

#include "hashed_keys.hpp"
#include "store_keys.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/proof.hpp>

namespace optimist::state::detail {

namespace {

// The StateReader interface cannot carry errors: a damaged database is logged and the value
// reads as absent.
void log_failure(std::string_view what, const Hash& root, std::string_view why) {
    logging::error("state", std::string(what) + " at state root " + to_hex(root) + ": " + std::string(why));
}

}  // namespace

StoredStateReader::StoredStateReader(const db::Database& db, const Hash& root,
                                     std::shared_ptr<const CodeCache> code)
    : source_(node_source(db)), root_(root), code_(std::move(code)) {}

std::optional<Account> StoredStateReader::read_account(const Address& address) const {
    const auto found = trie::lookup(source_, root_, hashed_address(address));
    if (!found) {
        log_failure("reading account " + to_hex(address), root_, trie::to_string(found.error()));
        return std::nullopt;
    }
    if (!found->has_value()) return std::nullopt;
    auto account = decode_account(**found);
    if (!account) {
        log_failure("decoding account " + to_hex(address), root_, rlp::to_string(account.error()));
        return std::nullopt;
    }
    const std::lock_guard lock(mutex_);
    storage_roots_[address] = account->storage_root;
    return *account;
}

Uint256 StoredStateReader::read_storage(const Address& address, const Uint256& key) const {
    std::optional<Hash> storage_root;
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = storage_roots_.find(address); it != storage_roots_.end())
            storage_root = it->second;
    }
    if (!storage_root) {
        const auto account = read_account(address);
        if (!account) return Uint256{};
        storage_root = account->storage_root;
    }
    if (*storage_root == kEmptyTrieRoot) return Uint256{};
    const auto found = trie::lookup(source_, *storage_root, hashed_slot(key));
    if (!found) {
        log_failure("reading storage of " + to_hex(address), root_, trie::to_string(found.error()));
        return Uint256{};
    }
    if (!found->has_value()) return Uint256{};
    const auto value = decode_slot_value(**found);
    if (!value) {
        log_failure("decoding storage of " + to_hex(address), root_, rlp::to_string(value.error()));
        return Uint256{};
    }
    return *value;
}

Bytes StoredStateReader::read_code(const Hash& code_hash) const { return code_->get(code_hash); }

Result<StateStore::AccountProof, std::string> prove_account(const db::Database& db, const Hash& root,
                                                            const Address& address,
                                                            std::span<const Uint256> slots) {
    const trie::NodeSource source = node_source(db);
    StateStore::AccountProof out;
    out.address = address;
    const Hash account_key = hashed_address(address);
    auto account_proof = trie::prove(source, root, account_key);
    if (!account_proof) {
        return fail("account proof at state root " + to_hex(root) + ": " +
                    std::string(trie::to_string(account_proof.error())));
    }
    // The value comes from the proof itself, which also checks it before it is served.
    const auto account_value = trie::verify_proof(root, account_key, *account_proof);
    if (!account_value)
        return fail("account proof does not verify: " + std::string(trie::to_string(account_value.error())));
    if (account_value->has_value()) {
        auto account = decode_account(**account_value);
        if (!account)
            return fail("stored account is malformed: " + std::string(rlp::to_string(account.error())));
        out.account = *account;
    }
    out.account_proof = std::move(*account_proof);

    for (const Uint256& slot : slots) {
        StateStore::StorageProof sp;
        sp.key = slot;
        const Hash key = hashed_slot(slot);
        auto proof = trie::prove(source, out.account.storage_root, key);
        if (!proof) {
            return fail("storage proof at storage root " + to_hex(out.account.storage_root) + ": " +
                        std::string(trie::to_string(proof.error())));
        }
        const auto value = trie::verify_proof(out.account.storage_root, key, *proof);
        if (!value)
            return fail("storage proof does not verify: " + std::string(trie::to_string(value.error())));
        if (value->has_value()) {
            const auto decoded = decode_slot_value(**value);
            if (!decoded)
                return fail("stored slot value is malformed: " +
                            std::string(rlp::to_string(decoded.error())));
            sp.value = *decoded;
        }
        sp.proof = std::move(*proof);
        out.storage.push_back(std::move(sp));
    }
    return out;
}

}  // namespace optimist::state::detail
