// What one EVM step opens beyond the top stack items: the memory words it may read or write,
// and whether it reads the call data or the return data. Prover and verifier share this one
// table, so a proof is complete exactly when the verifier's check of it passes.
#pragma once

#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace optimist::proof::detail {

struct WordRange {
    std::uint64_t first = 0;  // word index
    std::uint64_t count = 0;
};

struct Footprint {
    std::vector<WordRange> memory;  // of the top frame
    bool input = false;
    bool return_data = false;
};

// The footprint of executing `op` with `stack` (bottom first; the top is stack.back()) and
// `gas`. Ranges a step could not pay to expand into are left out: the step fails before it
// touches memory.
[[nodiscard]] Footprint evm_footprint(std::uint8_t op, std::span<const Uint256> stack, std::int64_t gas,
                                      std::uint64_t memory_size);

// The parent's memory words a returning call writes (CALL*'s output range), clamped to the
// returned output's length.
[[nodiscard]] WordRange return_footprint(std::uint64_t ret_offset, std::uint64_t ret_size, std::uint64_t output_size);

}  // namespace optimist::proof::detail
