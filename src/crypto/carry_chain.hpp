// Add-with-carry and subtract-with-borrow on 64-bit limbs, the building blocks of the
// multi-limb field arithmetic of bn254 (bn254_field.hpp) and BLS12-381 (bls12_381_fp.hpp).
// Private to the crypto module.
#pragma once

#include <cstdint>
#include <type_traits>

#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace optimist::crypto {

// At run time on x86-64 these go through the add-with-carry intrinsics, which GCC turns into
// adc/sbb chains (its code for the 128-bit forms below is about twice as slow); the 128-bit
// forms keep them usable in constant expressions.
constexpr std::uint64_t add_carry(std::uint64_t a, std::uint64_t b, std::uint64_t& carry) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long out = 0;
        carry = _addcarry_u64(static_cast<unsigned char>(carry), a, b, &out);
        return out;
    }
#endif
    const unsigned __int128 s = static_cast<unsigned __int128>(a) + b + carry;
    carry = static_cast<std::uint64_t>(s >> 64);
    return static_cast<std::uint64_t>(s);
}

constexpr std::uint64_t sub_borrow(std::uint64_t a, std::uint64_t b, std::uint64_t& borrow) noexcept {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long out = 0;
        borrow = _subborrow_u64(static_cast<unsigned char>(borrow), a, b, &out);
        return out;
    }
#endif
    const unsigned __int128 d = static_cast<unsigned __int128>(a) - b - borrow;
    borrow = static_cast<std::uint64_t>(d >> 127);  // the difference wrapped below zero
    return static_cast<std::uint64_t>(d);
}

}  // namespace optimist::crypto
