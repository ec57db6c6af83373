#include "block_state.hpp"

#include <set>

namespace optimist::l1 {

Account& BlockState::account(const Address& a) {
    auto it = changes_.accounts.find(a);
    if (it == changes_.accounts.end()) it = changes_.accounts.emplace(a, ledger_.account(a)).first;
    return it->second;
}

void BlockState::transfer(const Address& from, const Address& to, const Uint256& amount) {
    account(from).balance -= amount;
    account(to).balance += amount;
}

const OutputProposal& BlockState::proposal(std::uint64_t index) const {
    const std::uint64_t stored = ledger_.proposals.size();
    if (index >= stored) return changes_.new_proposals[index - stored];
    const auto it = changes_.changed_proposals.find(index);
    return it == changes_.changed_proposals.end() ? ledger_.proposals[index] : it->second;
}

OutputProposal& BlockState::mutable_proposal(std::uint64_t index) {
    const std::uint64_t stored = ledger_.proposals.size();
    if (index >= stored) return changes_.new_proposals[index - stored];
    auto it = changes_.changed_proposals.find(index);
    if (it == changes_.changed_proposals.end())
        it = changes_.changed_proposals.emplace(index, ledger_.proposals[index]).first;
    return it->second;
}

const DisputeGame& BlockState::game(std::uint64_t id) const {
    const auto it = changes_.games.find(id);
    return it == changes_.games.end() ? ledger_.games[id] : it->second;
}

DisputeGame& BlockState::mutable_game(std::uint64_t id) {
    auto it = changes_.games.find(id);
    if (it == changes_.games.end()) it = changes_.games.emplace(id, ledger_.games[id]).first;
    return it->second;
}

DisputeGame& BlockState::add_game(DisputeGame g) {
    g.id = next_game_id_++;
    return changes_.games.emplace(g.id, std::move(g)).first->second;
}

std::vector<std::uint64_t> BlockState::open_games() const {
    // The ledger's open games plus every game this block touched, filtered by their status now.
    std::set<std::uint64_t> candidates = ledger_.open_games;
    for (const auto& [id, g] : changes_.games) candidates.insert(id);
    std::vector<std::uint64_t> out;
    for (const auto id : candidates) {
        if (game(id).status == GameStatus::in_progress) out.push_back(id);
    }
    return out;
}

bool BlockState::has_open_game(std::uint64_t output_index) const {
    for (const auto id : open_games()) {
        if (game(id).output_index == output_index) return true;
    }
    return false;
}

Uint256 BlockState::credit(const Address& a) const {
    const auto it = changes_.credits.find(a);
    return it == changes_.credits.end() ? ledger_.credit(a) : it->second;
}

}  // namespace optimist::l1
