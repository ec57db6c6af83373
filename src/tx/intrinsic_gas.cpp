// Intrinsic gas (intrinsic_gas.hpp).
#include <optimist/tx/intrinsic_gas.hpp>

#include <limits>

namespace optimist::tx {
namespace {

constexpr std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
    std::uint64_t r = 0;
    return __builtin_add_overflow(a, b, &r) ? std::numeric_limits<std::uint64_t>::max() : r;
}

constexpr std::uint64_t saturating_mul(std::uint64_t a, std::uint64_t b) noexcept {
    std::uint64_t r = 0;
    return __builtin_mul_overflow(a, b, &r) ? std::numeric_limits<std::uint64_t>::max() : r;
}

}  // namespace

std::uint64_t intrinsic_gas(const Transaction& t) noexcept {
    std::uint64_t zeros = 0;
    for (const std::uint8_t b : t.data) zeros += b == 0 ? 1 : 0;
    const std::uint64_t non_zeros = t.data.size() - zeros;
    std::uint64_t gas = kTxGas;
    gas = saturating_add(gas, saturating_mul(zeros, kTxDataZeroGas));
    gas = saturating_add(gas, saturating_mul(non_zeros, kTxDataNonZeroGas));
    if (!t.to) {
        const std::uint64_t words = (static_cast<std::uint64_t>(t.data.size()) + 31) / 32;
        gas = saturating_add(gas, kTxCreateGas);
        gas = saturating_add(gas, saturating_mul(words, kInitCodeWordGas));
    }
    for (const AccessListEntry& entry : t.access_list) {
        gas = saturating_add(gas, kAccessListAddressGas);
        gas = saturating_add(gas, saturating_mul(entry.storage_keys.size(), kAccessListStorageKeyGas));
    }
    return gas;
}

}  // namespace optimist::tx
