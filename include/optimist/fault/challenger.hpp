// Challenger: a party of dispute games on the L1 (issue 7). It compares every proposed output
// root inside its challenge window with its Truth, opens a game against each wrong one, and in
// every game it plays — as challenger, or as asserter defending its own proposals — makes the
// move its Truth dictates before its clock runs out: bisect at the midpoint, agree or disagree
// with the other side's midpoint, or submit the one-step proof at the leaf. It claims the
// bonds it wins.
//
// Honest play never loses (docs/protocol.md, "Why the honest party wins"). The other
// strategies exist to test that: a challenger disputing correct roots, one answering every
// midpoint the wrong way, one that stops answering.
//
// Thread safety: none; call poll() from one thread.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/fault/truth.hpp>
#include <optimist/l1/dispute_game.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace optimist::l1 {
class L1;
}
namespace optimist::sequencer {
class L1Sender;
}

namespace optimist::fault {

// Every strategy but honest also opens games against roots it agrees with (claiming a wrong
// root), then plays them its own way.
enum class Strategy : std::uint8_t {
    honest,
    dispute_correct,  // plays those games by its truth (and must lose them at the proof)
    contrarian,       // answers every midpoint the wrong way and proves nothing
    silent,           // never moves in them (loses on time)
};
[[nodiscard]] std::string_view to_string(Strategy s) noexcept;
[[nodiscard]] std::optional<Strategy> parse_strategy(std::string_view name) noexcept;

struct ChallengerConfig {
    Hash key;  // signs the L1 transactions
    Strategy strategy = Strategy::honest;
    bool dispute = true;  // open games against wrong roots
    bool defend = true;   // play the asserter's side of games against this key's proposals
    std::optional<Uint256> bond;  // nullopt: the L1's minimum
    std::string proof_dir;        // when set, every submitted proof is also written there
    Uint256 l1_max_fee{10'000'000'000ULL};
    Uint256 l1_priority_fee{1'000'000'000ULL};
};

// What one poll did, for logs and tests.
struct PollReport {
    std::vector<std::uint64_t> games_opened;   // output indexes disputed
    std::size_t moves = 0;
    std::size_t proofs = 0;
    std::size_t credits_claimed = 0;
    std::vector<std::string> problems;  // recoverable: retried on the next poll
};

class Challenger {
public:
    Challenger(l1::L1& l1, Truth& truth, ChallengerConfig config);
    ~Challenger();
    Challenger(const Challenger&) = delete;
    Challenger& operator=(const Challenger&) = delete;

    [[nodiscard]] const Address& address() const noexcept;
    // One round: dispute, move, claim. Returns an error only when the L1 cannot be read.
    [[nodiscard]] Result<PollReport, std::string> poll();

    // Games this party plays (as either side), as of the last poll.
    [[nodiscard]] const std::vector<l1::DisputeGame>& games() const noexcept { return games_; }
    // True when every game this party played has ended and none was lost.
    [[nodiscard]] bool all_settled() const noexcept;
    [[nodiscard]] std::size_t lost() const noexcept;

    // The commitment this party's truth gives at the game's position `p` of its current level.
    [[nodiscard]] Result<Hash, std::string> commitment_at(const l1::DisputeGame& g, std::uint64_t p);
    // The one-step proof for the game's current leaf.
    [[nodiscard]] Result<Bytes, std::string> leaf_proof(const l1::DisputeGame& g);

private:
    [[nodiscard]] Status<std::string> play(const l1::DisputeGame& g, PollReport& report);

    l1::L1& l1_;
    Truth& truth_;
    ChallengerConfig config_;
    std::unique_ptr<sequencer::L1Sender> sender_;
    std::vector<l1::DisputeGame> games_;
    std::set<std::uint64_t> disputed_;            // output indexes this party opened games on
    std::map<std::uint64_t, std::size_t> acted_;  // game id -> moves count when we last acted
    Address l1_config_factory_;
};

}  // namespace optimist::fault
