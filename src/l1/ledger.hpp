// What the L1 stub keeps in memory between blocks: its configuration, the head, every
// account, every output proposal, every dispute game and the factory's credits. All of it is
// also in LevelDB (records.hpp); open() rebuilds this from there. (Which blocks carry inbox
// entries is kept apart, in InboxIndex, so it can be read without the stub's lock.)
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game.hpp>
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
    // Every proposal below it is finalized or invalidated.
    std::uint64_t first_unfinalized = 0;
    std::vector<DisputeGame> games;      // games[i].id == i
    std::set<std::uint64_t> open_games;  // ids of the games in progress
    std::map<Address, Uint256> credits;  // the factory's debts; zero entries are dropped

    [[nodiscard]] Account account(const Address& a) const {
        const auto it = accounts.find(a);
        return it == accounts.end() ? Account{} : it->second;
    }
    [[nodiscard]] Uint256 credit(const Address& a) const {
        const auto it = credits.find(a);
        return it == credits.end() ? Uint256{} : it->second;
    }
};

}  // namespace optimist::l1
