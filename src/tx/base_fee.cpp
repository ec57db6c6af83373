// The EIP-1559 base fee update.
#include <optimist/tx/block.hpp>

namespace optimist::tx {

Uint256 calc_next_base_fee(std::uint64_t parent_gas_used, std::uint64_t parent_gas_limit,
                           const Uint256& parent_base_fee) noexcept {
    const std::uint64_t target = parent_gas_limit / kElasticityMultiplier;
    if (target == 0 || parent_gas_used == target) return parent_base_fee;
    const Uint256 denominator = Uint256{target} * Uint256{kBaseFeeMaxChangeDenominator};
    if (parent_gas_used > target) {
        // Above the target: up by base * excess / target / 8, at least 1 wei.
        Uint256 delta = parent_base_fee * Uint256{parent_gas_used - target} / denominator;
        if (delta.is_zero()) delta = Uint256{1};
        return parent_base_fee + delta;
    }
    // Below the target: down by base * shortfall / target / 8, never below zero.
    const Uint256 delta = parent_base_fee * Uint256{target - parent_gas_used} / denominator;
    return delta > parent_base_fee ? Uint256{} : parent_base_fee - delta;
}

}  // namespace optimist::tx
