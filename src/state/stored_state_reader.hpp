// Reads of a committed state straight from stored nodes: historical StateReaders and
// eth_getProof data. They touch only the database (and the shared code cache), never the
// head state's tries, so they run on any thread while the head is being updated.
#pragma once

#include "code_cache.hpp"

#include <optimist/state/state_store.hpp>
#include <optimist/trie/node_store.hpp>

#include <map>
#include <memory>
#include <mutex>

namespace optimist::state::detail {

class StoredStateReader final : public StateReader {
public:
    StoredStateReader(const db::Database& db, const Hash& root, std::shared_ptr<const CodeCache> code);

    [[nodiscard]] std::optional<Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

private:
    trie::NodeSource source_;
    Hash root_;
    std::shared_ptr<const CodeCache> code_;
    // Storage roots of the accounts read so far, so a run of slot reads on one contract
    // walks the account trie once.
    mutable std::mutex mutex_;
    mutable std::map<Address, Hash> storage_roots_;
};

[[nodiscard]] Result<StateStore::AccountProof, std::string> prove_account(const db::Database& db,
                                                                          const Hash& root,
                                                                          const Address& address,
                                                                          std::span<const Uint256> slots);

}  // namespace optimist::state::detail
