// The ledger as the block being built sees it. Reads fall through to the ledger until a
// value changes; changes land in BlockChanges, which the stub writes in the block's one
// WriteBatch and only then applies to the ledger (so a failed write changes nothing).
#pragma once

#include "ledger.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game.hpp>
#include <optimist/l1/types.hpp>

#include <cstdint>
#include <map>
#include <vector>

namespace optimist::l1 {

// Ordered containers: the stub iterates them into the write batch, and the stored bytes must
// not depend on hash-table order.
struct BlockChanges {
    std::map<Address, Account> accounts;                        // every touched account
    std::vector<OutputProposal> new_proposals;                  // index order, after the stored ones
    std::map<std::uint64_t, OutputProposal> changed_proposals;  // stored ones with a new status
    std::map<std::uint64_t, DisputeGame> games;                 // every created or changed game
    std::map<Address, Uint256> credits;                         // every changed credit
};

class BlockState {
public:
    BlockState(const Ledger& ledger, BlockChanges& changes, std::uint64_t number)
        : ledger_(ledger), changes_(changes), number_(number) {}

    [[nodiscard]] const Ledger& ledger() const noexcept { return ledger_; }
    [[nodiscard]] const L1Config& config() const noexcept { return ledger_.config; }
    // The block being built.
    [[nodiscard]] std::uint64_t number() const noexcept { return number_; }

    // References into std::map nodes, which never move: valid until the block is applied.
    [[nodiscard]] Account& account(const Address& a);
    void transfer(const Address& from, const Address& to, const Uint256& amount);

    [[nodiscard]] std::uint64_t proposal_count() const noexcept {
        return ledger_.proposals.size() + changes_.new_proposals.size();
    }
    // REQUIRES: index < proposal_count().
    [[nodiscard]] const OutputProposal& proposal(std::uint64_t index) const;
    // For a change. A new proposal lives in a vector: do not hold the reference across
    // add_proposal().
    [[nodiscard]] OutputProposal& mutable_proposal(std::uint64_t index);
    void add_proposal(const OutputProposal& p) { changes_.new_proposals.push_back(p); }

    [[nodiscard]] std::uint64_t game_count() const noexcept { return next_game_id_; }
    // REQUIRES: id < game_count().
    [[nodiscard]] const DisputeGame& game(std::uint64_t id) const;
    [[nodiscard]] DisputeGame& mutable_game(std::uint64_t id);
    // Assigns the next id.
    DisputeGame& add_game(DisputeGame g);
    // Ids of the games in progress now, ascending.
    [[nodiscard]] std::vector<std::uint64_t> open_games() const;
    [[nodiscard]] bool has_open_game(std::uint64_t output_index) const;

    [[nodiscard]] Uint256 credit(const Address& a) const;
    void set_credit(const Address& a, const Uint256& value) { changes_.credits[a] = value; }
    void add_credit(const Address& a, const Uint256& amount) { set_credit(a, credit(a) + amount); }

private:
    const Ledger& ledger_;
    BlockChanges& changes_;
    std::uint64_t number_;
    std::uint64_t next_game_id_ = ledger_.games.size();
};

}  // namespace optimist::l1
