// Output roots: the per-block claim the proposer posts to L1 and a challenger may dispute
// (DESIGN, "The dispute game"; docs/protocol.md, "Output roots").
//
//   output_root = keccak256(version ‖ state_root ‖ message_passer_storage_root ‖ block_hash)
//
// with each field 32 bytes (128 bytes hashed) and version 0 = 32 zero bytes, as the OP Stack's
// OutputV0. The message-passer storage root is the storage root of the L2 contract that will
// hold withdrawals (DESIGN decision 7); until it exists it is 32 zero bytes.
#pragma once

#include <optimist/core/bytes.hpp>

namespace optimist::rollup {

inline constexpr Hash kOutputVersion0{};

[[nodiscard]] Hash output_root(const Hash& state_root, const Hash& message_passer_storage_root,
                               const Hash& block_hash) noexcept;

}  // namespace optimist::rollup
