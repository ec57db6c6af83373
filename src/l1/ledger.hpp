// What the L1 stub keeps in memory between blocks: its configuration, the head, every
// account, every output proposal and which blocks carry inbox entries. All of it is also in
// LevelDB (records.hpp); open() rebuilds this from there.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/types.hpp>
#include <optimist/tx/block.hpp>

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace optimist::l1 {

struct Account {
    std::uint64_t nonce = 0;
    Uint256 balance;
    friend bool operator==(const Account&, const Account&) = default;
};

struct Ledger {
    L1Config config;
    tx::BlockHeader head;
    Hash head_hash;
    // Ordered containers: the block builder iterates them into the write batch, and the
    // stored bytes must not depend on hash-table order.
    std::map<Address, Account> accounts;
    std::vector<OutputProposal> proposals;  // proposals[i].index == i
    std::uint64_t first_unfinalized = 0;    // every proposal below it is finalized
    std::set<std::uint64_t> inbox_blocks;   // L1 blocks holding at least one inbox entry

    [[nodiscard]] Account account(const Address& a) const {
        const auto it = accounts.find(a);
        return it == accounts.end() ? Account{} : it->second;
    }
};

}  // namespace optimist::l1
