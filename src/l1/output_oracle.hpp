// The output oracle's rules, apart from the block builder that applies them: which
// proposals it accepts and when a proposal finalizes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/types.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace optimist::l1 {

// A hold on finalization: a proposal finalizes only when its window has passed and no gate
// holds it, and the builder then also holds every later proposal (each later root builds on
// the held one). The stub's own dispute games are one gate (OpenGamesGate, holding a
// proposal while a game over it is open); BuildParams::gate can add another.
class FinalizationGate {
public:
    virtual ~FinalizationGate() = default;
    [[nodiscard]] virtual bool holds(const OutputProposal& proposal, std::uint64_t l1_block) const = 0;
};

// Why a proposal transaction fails, or nullopt when the oracle accepts it.
// `last_l2_block` is the L2 block of the newest proposal (nullopt when there is none).
[[nodiscard]] std::optional<std::string> check_proposal(ByteView calldata, const Uint256& bond,
                                                        const Uint256& min_bond,
                                                        std::optional<std::uint64_t> last_l2_block);

// True when a proposal included in `proposal_l1_block` is past its window at `l1_block`.
[[nodiscard]] constexpr bool window_passed(std::uint64_t proposal_l1_block, std::uint64_t l1_block,
                                           std::uint64_t window) noexcept {
    return l1_block >= proposal_l1_block && l1_block - proposal_l1_block >= window;
}

}  // namespace optimist::l1
