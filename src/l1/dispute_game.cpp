#include <optimist/l1/dispute_game.hpp>

#include <algorithm>
#include <array>

namespace optimist::l1 {
namespace {

// Names indexed by the enum's value: the JSON forms, so to_string and parse cannot drift.
constexpr std::array<std::string_view, 4> kStatusNames = {"in_progress", "challenger_won", "asserter_won",
                                                          "closed"};
constexpr std::array<std::string_view, 6> kEndNames = {
    "none", "step_proof", "clock", "underivable_block", "genesis", "proposal_invalidated"};
constexpr std::array<std::string_view, 2> kPartyNames = {"asserter", "challenger"};
constexpr std::array<std::string_view, 4> kMoveNames = {"create", "bisect", "respond", "prove"};

template <typename E, std::size_t N>
std::string_view name_of(const std::array<std::string_view, N>& names, E v) noexcept {
    const auto i = static_cast<std::size_t>(v);
    return i < N ? names[i] : std::string_view("unknown");
}

template <typename E, std::size_t N>
std::optional<E> parse_name(const std::array<std::string_view, N>& names, std::string_view text) noexcept {
    const auto it = std::find(names.begin(), names.end(), text);
    if (it == names.end()) return std::nullopt;
    return static_cast<E>(it - names.begin());
}

}  // namespace

bool awaiting_proof(const DisputeGame& game) noexcept {
    return game.status == GameStatus::in_progress && game.level >= 2 && game.hi - game.lo == 1;
}

std::optional<GameParty> turn(const DisputeGame& game) noexcept {
    if (game.status != GameStatus::in_progress) return std::nullopt;
    // At a proof leaf the challenger, who says the step is wrong, must show it.
    if (game.mid_claim || awaiting_proof(game)) return GameParty::challenger;
    return GameParty::asserter;
}

std::uint64_t clock_left(const DisputeGame& game, GameParty party, std::uint64_t l1_block) noexcept {
    std::uint64_t used = party == GameParty::asserter ? game.asserter_clock_used : game.challenger_clock_used;
    if (turn(game) == party && l1_block > game.turn_started) used += l1_block - game.turn_started;
    return used >= game.clock ? 0 : game.clock - used;
}

std::string_view to_string(GameStatus v) noexcept { return name_of(kStatusNames, v); }
std::string_view to_string(GameEnd v) noexcept { return name_of(kEndNames, v); }
std::string_view to_string(GameParty v) noexcept { return name_of(kPartyNames, v); }
std::string_view to_string(MoveKind v) noexcept { return name_of(kMoveNames, v); }

std::optional<GameStatus> parse_game_status(std::string_view text) noexcept {
    return parse_name<GameStatus>(kStatusNames, text);
}
std::optional<GameEnd> parse_game_end(std::string_view text) noexcept {
    return parse_name<GameEnd>(kEndNames, text);
}
std::optional<GameParty> parse_game_party(std::string_view text) noexcept {
    return parse_name<GameParty>(kPartyNames, text);
}
std::optional<MoveKind> parse_move_kind(std::string_view text) noexcept {
    return parse_name<MoveKind>(kMoveNames, text);
}

}  // namespace optimist::l1
