// EIP-4844 blob gas: what a transaction consumes and what the block charges per unit.
#include <optimist/exec/apply_transaction.hpp>

#include <limits>

namespace optimist::exec {

std::uint64_t blob_gas(const tx::Transaction& t) noexcept {
    std::uint64_t r = 0;
    const bool overflow =
        __builtin_mul_overflow(static_cast<std::uint64_t>(t.blob_versioned_hashes.size()), kGasPerBlob, &r);
    return overflow ? std::numeric_limits<std::uint64_t>::max() : r;
}

Uint256 blob_base_fee(std::uint64_t excess_blob_gas) noexcept {
    // fake_exponential(factor = 1, numerator = excess, denominator = fraction): the Taylor
    // series of factor * e^(numerator / denominator) in integers, exactly as EIP-4844 gives it.
    const Uint256 numerator{excess_blob_gas};
    const Uint256 denominator{kBlobBaseFeeUpdateFraction};
    Uint256 output;
    Uint256 accum = denominator;  // factor * denominator
    for (std::uint64_t i = 1; !accum.is_zero(); ++i) {
        const auto [sum, carry] = add_overflow(output, accum);
        if (carry) return Uint256::max();
        output = sum;
        // accum * numerator fits in 256 bits when their bit lengths add up to at most 256.
        if (count_leading_zeros(accum) + count_leading_zeros(numerator) < 256) return Uint256::max();
        accum = (accum * numerator) / (denominator * Uint256{i});
    }
    return output / denominator;
}

}  // namespace optimist::exec
