// InMemoryState: committed state held in memory, with the state root computed through the
// secure Merkle Patricia Trie. Used by state tests and as the reference the LevelDB-backed
// store is checked against.
#pragma once

#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>

#include <map>

namespace optimist::state {

class InMemoryState final : public StateReader {
public:
    struct StoredAccount {
        std::uint64_t nonce = 0;
        Uint256 balance;
        Bytes code;
        std::map<Uint256, Uint256> storage;  // no zero values
    };

    [[nodiscard]] std::optional<Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // Sets an account wholesale (genesis and test pre-states).
    void put_account(const Address& address, StoredAccount account);
    void apply(const WriteSet& writes);

    [[nodiscard]] Hash state_root() const;
    [[nodiscard]] const std::map<Address, StoredAccount>& accounts() const noexcept { return accounts_; }

private:
    std::map<Address, StoredAccount> accounts_;
    std::map<Hash, Bytes> code_by_hash_;
};

}  // namespace optimist::state
