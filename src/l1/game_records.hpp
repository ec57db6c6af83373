// The stored forms of dispute games and the factory's credits (keys in records.hpp):
//   "g" ‖ be64(id)   rlp([outputIndex, l2Block, disputedRoot, claim, asserter, challenger,
//                         proposalBond, challengerBond, status, end, level, anchorBlock,
//                         block, bigStep, stepBits, lo, hi, loClaim, hiClaim,
//                         midClaim (empty when none), clock, asserterClockUsed,
//                         challengerClockUsed, turnStarted, createdL1Block, resolvedL1Block,
//                         [[l1Block, party, kind, level, position, claim, agree], ...]])
//   "c" ‖ address    rlp(amount)
// Enums are stored as their numeric values. A record that does not decode reads as absent.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/dispute_game.hpp>

#include <cstdint>
#include <optional>

namespace optimist::l1::records {

[[nodiscard]] Bytes game_key(std::uint64_t id);
[[nodiscard]] Bytes credit_key(const Address& a);

[[nodiscard]] Bytes encode_game(const DisputeGame& g);
[[nodiscard]] std::optional<DisputeGame> decode_game(std::uint64_t id, ByteView b);

[[nodiscard]] Bytes encode_credit(const Uint256& amount);
[[nodiscard]] std::optional<Uint256> decode_credit(ByteView b);

}  // namespace optimist::l1::records
