// What the optimist-challenger subcommands share, as a library tests/cli can test: key
// parsing (with the dev:N shorthand), the exit codes, a game's remaining-work estimate, the
// bonds an address won and lost, and the JSON and text forms of games.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::challenger {

// Exit status of optimist-challenger (docs/challenger.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;  // startup or run error; with --once, a dispute that was not opened
inline constexpr int kExitUsage = 2;
inline constexpr int kExitLost = 3;     // with --once: a game this key played was lost
inline constexpr int kExitTimeout = 4;  // with --once: --timeout-s passed before every game ended

inline constexpr std::string_view kDefaultL1 = "http://127.0.0.1:8545";

// A private key: 32 bytes of hex, or "dev:N" for dev account N (0..9) of the public test
// mnemonic (sequencer/dev_accounts.hpp).
[[nodiscard]] Result<Hash, std::string> parse_key(std::string_view text);
// The key's address.
[[nodiscard]] Result<Address, std::string> key_address(const Hash& key);

// ceil(log2(n)) for n >= 1 (0 for 0 and 1): the bisections that narrow a range of n to 1.
[[nodiscard]] unsigned ceil_log2(std::uint64_t n) noexcept;

// What the levels below a game's current one hold, as far as a party's own view of the chain
// tells (unknown when it cannot re-execute the block).
struct LevelsBelow {
    std::optional<std::uint64_t> big_steps;  // level 2: n + 2 of the block level 1 descends into
    std::optional<unsigned> max_step_bits;   // level 3: the largest range among its transactions
};

// How much of a game is left. Each bisection is two moves (the asserter's bisect, the
// challenger's answer); the game ends with one proof (or a clock running out).
struct Remaining {
    std::uint64_t bisections = 0;
    std::uint64_t moves = 0;
    bool upper_bound = true;  // false: the levels below are unknown, so this is a lower bound
};
[[nodiscard]] Remaining estimate_remaining(const l1::DisputeGame& g, const LevelsBelow& below);
// "≤ 19 bisections, ≈ 39 moves left" / "≥ 3 bisections left (levels below unknown)".
[[nodiscard]] std::string describe_remaining(const Remaining& r);

// Who won, or nullopt while in progress (and for a closed game: nobody).
[[nodiscard]] std::optional<l1::GameParty> winner(const l1::DisputeGame& g) noexcept;

// The bonds `account` won, lost, has at stake or got back in `games`.
struct CreditRow {
    std::uint64_t game = 0;
    l1::GameParty role = l1::GameParty::challenger;
    l1::GameStatus status = l1::GameStatus::in_progress;
    Uint256 won;       // the other side's bond credited to it
    Uint256 lost;      // its own bond gone to the other side
    Uint256 at_stake;  // its bond in a game still in progress
    Uint256 refunded;  // its challenger bond credited back (a closed game)
};
struct CreditSummary {
    std::vector<CreditRow> rows;  // the games it plays, in id order
    Uint256 won, lost, at_stake, refunded;
    std::size_t games_won = 0, games_lost = 0, in_progress = 0, closed = 0;
};
[[nodiscard]] CreditSummary summarize_credits(const std::vector<l1::DisputeGame>& games,
                                              const Address& account);

// A game as optimist-challenger's --json prints it: numbers as JSON numbers, wei as decimal
// strings, enums by their to_string() names, clocks left as of L1 block `head`.
[[nodiscard]] nlohmann::json game_to_json(const l1::DisputeGame& g, std::uint64_t head, bool with_moves);

// "level 3 (block 5, big step 2, 17 bits), range 1024..1536": where the bisection stands.
[[nodiscard]] std::string describe_position(const l1::DisputeGame& g);

// One line of `list-games` and its header.
[[nodiscard]] std::string game_table_header();
[[nodiscard]] std::string game_table_row(const l1::DisputeGame& g, std::uint64_t head);

// The `show-game` text: the game, its moves as a table, and the bisection state.
[[nodiscard]] std::string format_game(const l1::DisputeGame& g, std::uint64_t head);

// The first 10 hex digits of a hash, "0x1234abcd…", for tables.
[[nodiscard]] std::string short_hex(ByteView bytes);

}  // namespace optimist::challenger
