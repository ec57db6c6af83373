// Uint256 on hand-known values: EVM examples for every operation, edge values (0, 1,
// 2^255, 2^256 - 1, powers of two), the EIP-145 shift table, signed division cases,
// and string and byte round trips. uint256_gmp_test.cpp covers random operands.
#include <optimist/core/uint256.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <sstream>
#include <string>
#include <tuple>

namespace optimist {
namespace {

using namespace optimist::literals;

constexpr Uint256 kMax = Uint256::max();
constexpr Uint256 kMin = 0x8000000000000000000000000000000000000000000000000000000000000000_u256;  // -2^255
constexpr Uint256 kMaxSigned = 0x7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff_u256;

constexpr Uint256 pow2(unsigned k) { return Uint256{1} << k; }

// ---- Compile-time evaluation ----

static_assert(115792089237316195423570985008687907853269984665640564039457584007913129639935_u256 == kMax);
static_assert(0xffff'ffff_u256 == Uint256{0xffffffff});
static_assert(0_u256 == Uint256{} && 1_u256 == Uint256{1});
static_assert(kMax + 1 == 0 && Uint256{} - 1 == kMax);
static_assert(Uint256{6} * Uint256{7} == 42 && kMax * kMax == 1);
static_assert((pow2(200) >> 199) == 2 && (kMax << 255) == kMin);
static_assert(pow2(3) < pow2(4) && !(pow2(4) < pow2(4)) && kMax > kMin);
static_assert(slt(kMin, 0) && sgt(kMaxSigned, kMin) && is_negative(kMax));
static_assert(signextend(0, 0xff) == kMax && byte_at(31, 0xab) == 0xab);
static_assert(count_leading_zeros(Uint256{}) == 256 && count_significant_bytes(kMax) == 32);
static_assert(sar(1, kMin) == 0xc000000000000000000000000000000000000000000000000000000000000000_u256);

// ---- Construction and literals ----

TEST(Uint256, ConstructionAndLimbs) {
    EXPECT_TRUE(Uint256{}.is_zero());
    EXPECT_FALSE(static_cast<bool>(Uint256{}));
    EXPECT_TRUE(static_cast<bool>(Uint256{1}));
    EXPECT_TRUE(Uint256{~0ULL}.fits_u64());
    EXPECT_FALSE(pow2(64).fits_u64());
    const Uint256 x{1, 2, 3, 4};
    EXPECT_EQ(x, 0x0000000000000004000000000000000300000000000000020000000000000001_u256);
    EXPECT_EQ(kMax.w[0], ~0ULL);
    EXPECT_EQ(kMax.w[3], ~0ULL);
    EXPECT_EQ(pow2(255).w[3], 1ULL << 63);
    EXPECT_EQ(1'000'000_u256, Uint256{1000000});
    EXPECT_EQ(0XAbC_u256, Uint256{0xabc});
}

// ---- Addition, subtraction, negation ----

TEST(Uint256, AddWrapsAndReportsCarry) {
    EXPECT_EQ(Uint256{2} + Uint256{3}, 5);
    EXPECT_EQ(kMax + 1, 0);
    EXPECT_EQ(kMax + kMax, kMax - 1);
    EXPECT_EQ(Uint256{~0ULL} + 1, pow2(64));                    // carry across a limb
    EXPECT_EQ(Uint256(~0ULL, ~0ULL, ~0ULL, 0) + 1, pow2(192));  // carry through three limbs
    EXPECT_EQ(kMin + kMin, 0);

    auto [sum, carry] = add_overflow(kMax, 1);
    EXPECT_EQ(sum, 0);
    EXPECT_TRUE(carry);
    std::tie(sum, carry) = add_overflow(kMax - 1, 1);
    EXPECT_EQ(sum, kMax);
    EXPECT_FALSE(carry);
    std::tie(sum, carry) = add_overflow(kMin, kMin);
    EXPECT_EQ(sum, 0);
    EXPECT_TRUE(carry);

    Uint256 x = 10;
    x += 5;
    EXPECT_EQ(x, 15);
    EXPECT_EQ(++x, 16);
    EXPECT_EQ(x++, 16);
    EXPECT_EQ(x, 17);
}

TEST(Uint256, SubWrapsAndReportsBorrow) {
    EXPECT_EQ(Uint256{5} - Uint256{3}, 2);
    EXPECT_EQ(Uint256{} - 1, kMax);
    EXPECT_EQ(pow2(64) - 1, Uint256{~0ULL});
    EXPECT_EQ(pow2(192) - 1, Uint256(~0ULL, ~0ULL, ~0ULL, 0));
    EXPECT_EQ(Uint256{3} - Uint256{5}, kMax - 1);

    auto [diff, borrow] = sub_overflow(Uint256{}, 1);
    EXPECT_EQ(diff, kMax);
    EXPECT_TRUE(borrow);
    std::tie(diff, borrow) = sub_overflow(kMax, kMax);
    EXPECT_EQ(diff, 0);
    EXPECT_FALSE(borrow);
    // A balance check: 100 - 101 borrows, 101 - 100 does not.
    EXPECT_TRUE(sub_overflow(100, 101).second);
    EXPECT_FALSE(sub_overflow(101, 100).second);

    Uint256 x = 10;
    x -= 3;
    EXPECT_EQ(x, 7);
    EXPECT_EQ(--x, 6);
    EXPECT_EQ(x--, 6);
    EXPECT_EQ(x, 5);
}

TEST(Uint256, Negation) {
    EXPECT_EQ(-Uint256{}, 0);
    EXPECT_EQ(-Uint256{1}, kMax);
    EXPECT_EQ(-kMax, 1);
    EXPECT_EQ(-kMin, kMin);  // -(-2^255) wraps to itself
    EXPECT_EQ(-pow2(64), Uint256(0, ~0ULL, ~0ULL, ~0ULL));
    EXPECT_EQ(+Uint256{7}, 7);
}

// ---- Multiplication ----

TEST(Uint256, MulWraps) {
    EXPECT_EQ(Uint256{6} * Uint256{7}, 42);
    EXPECT_EQ(Uint256{} * kMax, 0);
    EXPECT_EQ(Uint256{1} * kMax, kMax);
    EXPECT_EQ(kMax * kMax, 1);  // (-1)(-1)
    EXPECT_EQ(kMax * 2, kMax - 1);
    EXPECT_EQ(pow2(128) * pow2(128), 0);
    EXPECT_EQ(pow2(127) * pow2(128), pow2(255));
    EXPECT_EQ(kMin * 2, 0);
    // (2^64 - 1)^2 = 2^128 - 2^65 + 1
    EXPECT_EQ(Uint256{~0ULL} * Uint256{~0ULL}, 0xfffffffffffffffe0000000000000001_u256);
    // (2^128 - 1)^2 mod 2^256 = 2^256 - 2^129 + 1
    EXPECT_EQ((pow2(128) - 1) * (pow2(128) - 1),
              0xfffffffffffffffffffffffffffffffe00000000000000000000000000000001_u256);
    EXPECT_EQ(0x123456789abcdef0123456789abcdef_u256 * 0x10_u256, 0x123456789abcdef0123456789abcdef0_u256);
    // 10^38 * 10^38 = 10^76 < 2^256
    EXPECT_EQ(100000000000000000000000000000000000000_u256 * 100000000000000000000000000000000000000_u256,
              10000000000000000000000000000000000000000000000000000000000000000000000000000_u256);

    Uint256 x = 3;
    x *= 5;
    EXPECT_EQ(x, 15);
}

// ---- Unsigned division ----

TEST(Uint256, DivisionByZeroIsZero) {
    EXPECT_EQ(Uint256{5} / Uint256{}, 0);
    EXPECT_EQ(Uint256{5} % Uint256{}, 0);
    EXPECT_EQ(kMax / Uint256{}, 0);
    EXPECT_EQ(kMax % Uint256{}, 0);
    const DivResult qr = udivrem(kMax, 0);
    EXPECT_EQ(qr.quot, 0);
    EXPECT_EQ(qr.rem, 0);
}

TEST(Uint256, DivisionSmallOperands) {
    EXPECT_EQ(Uint256{7} / Uint256{2}, 3);
    EXPECT_EQ(Uint256{7} % Uint256{2}, 1);
    EXPECT_EQ(Uint256{2} / Uint256{7}, 0);
    EXPECT_EQ(Uint256{2} % Uint256{7}, 2);
    EXPECT_EQ(Uint256{~0ULL} / Uint256{~0ULL}, 1);
}

TEST(Uint256, DivisionBySingleLimb) {
    EXPECT_EQ(kMax / 1, kMax);
    EXPECT_EQ(kMax % 1, 0);
    EXPECT_EQ(kMax / 2, kMaxSigned);
    EXPECT_EQ(kMax % 2, 1);
    EXPECT_EQ(kMax / 3, 0x5555555555555555555555555555555555555555555555555555555555555555_u256);
    EXPECT_EQ(kMax % 3, 0);
    EXPECT_EQ(kMax / Uint256{~0ULL}, 0x0000000000000001000000000000000100000000000000010000000000000001_u256);
    EXPECT_EQ(kMax % pow2(63), pow2(63) - 1);
    EXPECT_EQ(pow2(255) / 3, 0x2aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa_u256);
    EXPECT_EQ(pow2(255) % 3, 2);
    EXPECT_EQ(pow2(64) / 2, pow2(63));
    // 10^77 / 10^19 = 10^58
    const Uint256 e77 = 100000000000000000000000000000000000000000000000000000000000000000000000000000_u256;
    EXPECT_EQ(e77 / 10000000000000000000_u256,
              10000000000000000000000000000000000000000000000000000000000_u256);
    EXPECT_EQ(e77 % 7, 5);  // 10^77 mod 7: 10^6 = 1 mod 7, 10^77 = 10^5 = 5 mod 7
}

TEST(Uint256, DivisionByMultipleLimbs) {
    EXPECT_EQ(kMax / kMax, 1);
    EXPECT_EQ(kMax % kMax, 0);
    EXPECT_EQ((kMax - 1) / kMax, 0);
    EXPECT_EQ((kMax - 1) % kMax, kMax - 1);
    EXPECT_EQ(kMax / pow2(128), pow2(128) - 1);
    EXPECT_EQ(kMax % pow2(128), pow2(128) - 1);
    EXPECT_EQ(kMax / (pow2(64) + 1), 6277101735386680763495507056286727952657427581105975853055_u256);
    EXPECT_EQ(kMax % (pow2(64) + 1), 0);
    EXPECT_EQ(kMin / kMaxSigned, 1);
    EXPECT_EQ(kMin % kMaxSigned, 1);
    EXPECT_EQ(pow2(200) / pow2(100), pow2(100));
    EXPECT_EQ((pow2(200) + 5) % pow2(100), 5);
}

TEST(Uint256, DivisionQuotientDigitCorrections) {
    // Operands found to need the add-back step (D6) of Knuth's algorithm D: the first
    // quotient-digit estimate is one too large even after the two-limb refinement.
    DivResult qr = udivrem(0x7fffffffffffffff000000000000000000000000000000008000000000000000_u256,
                           0x800000000000000000000000000000000000000000000001_u256);
    EXPECT_EQ(qr.quot, 0xfffffffffffffffd_u256);
    EXPECT_EQ(qr.rem, 0x7fffffffffffffffffffffffffffffff8000000000000003_u256);
    qr = udivrem(0xffffffffffffffff80000000000000007fffffffffffffffffffffffffffffff_u256,
                 0xffffffffffffffff8000000000000000ffffffffffffffff_u256);
    EXPECT_EQ(qr.quot, 0xffffffffffffffff_u256);
    EXPECT_EQ(qr.rem, 0xffffffffffffffff0000000000000001fffffffffffffffe_u256);
    qr = udivrem(0xffffffffffffffffffffffffffffffff00000000000000007fffffffffffffff_u256,
                 0x7fffffffffffffffffffffffffffffff8000000000000000ffffffffffffffff_u256);
    EXPECT_EQ(qr.quot, 1);
    EXPECT_EQ(qr.rem, 0x7fffffffffffffffffffffffffffffff7fffffffffffffff8000000000000000_u256);
    // Top remainder limb equal to the top divisor limb: the estimate is clamped to 2^64 - 1.
    qr = udivrem(0x8000000000000000000000000000000000000000000000000000000000000000_u256,
                 0x80000000000000000000000000000001_u256);
    EXPECT_EQ(qr.quot, 0xfffffffffffffffffffffffffffffffe_u256);
    EXPECT_EQ(qr.rem, 2);
}

TEST(Uint256, DivisionCompoundAssignment) {
    Uint256 x = 100;
    x /= 7;
    EXPECT_EQ(x, 14);
    x %= 5;
    EXPECT_EQ(x, 4);
}

// ---- Signed division (EVM SDIV, SMOD) ----

TEST(Uint256, Sdiv) {
    EXPECT_EQ(sdiv(10, 3), 3);
    EXPECT_EQ(sdiv(-Uint256{10}, 3), -Uint256{3});  // rounds toward zero
    EXPECT_EQ(sdiv(10, -Uint256{3}), -Uint256{3});
    EXPECT_EQ(sdiv(-Uint256{10}, -Uint256{3}), 3);
    EXPECT_EQ(sdiv(kMin, kMax), kMin);  // -2^255 / -1 overflows back to -2^255
    EXPECT_EQ(sdiv(kMin, 1), kMin);
    EXPECT_EQ(sdiv(kMin, kMin), 1);
    EXPECT_EQ(sdiv(kMaxSigned, kMin), 0);
    EXPECT_EQ(sdiv(kMin, 2), 0xc000000000000000000000000000000000000000000000000000000000000000_u256);
    EXPECT_EQ(sdiv(kMax, kMax), 1);  // -1 / -1
    EXPECT_EQ(sdiv(kMax, 2), 0);     // -1 / 2 truncates to 0
    EXPECT_EQ(sdiv(5, 0), 0);
    EXPECT_EQ(sdiv(kMin, 0), 0);
    EXPECT_EQ(sdiv(0, kMax), 0);
}

TEST(Uint256, Smod) {
    EXPECT_EQ(smod(10, 3), 1);
    EXPECT_EQ(smod(-Uint256{10}, 3), -Uint256{1});  // sign of the dividend
    EXPECT_EQ(smod(10, -Uint256{3}), 1);
    EXPECT_EQ(smod(-Uint256{10}, -Uint256{3}), -Uint256{1});
    EXPECT_EQ(smod(kMin, kMax), 0);
    EXPECT_EQ(smod(kMin, 3), -Uint256{2});  // -2^255 = -(3 * q) - 2
    EXPECT_EQ(smod(kMaxSigned, kMin), kMaxSigned);
    EXPECT_EQ(smod(kMin, kMaxSigned), kMax);  // -2^255 = -1 * (2^255 - 1) - 1
    EXPECT_EQ(smod(5, 0), 0);
    EXPECT_EQ(smod(kMin, 0), 0);
}

// ---- ADDMOD, MULMOD ----

TEST(Uint256, Addmod) {
    EXPECT_EQ(addmod(10, 10, 8), 4);
    EXPECT_EQ(addmod(kMax, 2, 2), 1);  // 2^256 + 1 is odd: no wrap before the mod
    EXPECT_EQ(addmod(kMax, kMax, kMax), 0);
    EXPECT_EQ(addmod(kMax, kMax, kMax - 1), 2);  // 2^257 - 2 = 2(2^256 - 2) + 2
    EXPECT_EQ(addmod(kMax, 1, kMax), 1);
    EXPECT_EQ(addmod(kMin, kMin, 3), 1);      // 2^256 mod 3 = 1
    EXPECT_EQ(addmod(kMax - 1, 3, kMax), 2);  // fast path with a carry out
    EXPECT_EQ(addmod(5, 6, 0), 0);
    EXPECT_EQ(addmod(kMax, kMax, 0), 0);
    EXPECT_EQ(addmod(0, 0, 1), 0);
}

TEST(Uint256, Mulmod) {
    EXPECT_EQ(mulmod(10, 10, 8), 4);
    EXPECT_EQ(mulmod(kMax, kMax, 12), 9);  // 2^256 - 1 = 3 mod 12
    EXPECT_EQ(mulmod(kMax, kMax, kMax), 0);
    EXPECT_EQ(mulmod(kMax, kMax, kMax - 1), 1);  // (m + 1)^2 mod m
    EXPECT_EQ(mulmod(kMin, 2, kMax), 1);         // 2^256 mod (2^256 - 1)
    EXPECT_EQ(mulmod(pow2(128), pow2(128), kMax), 1);
    EXPECT_EQ(mulmod(pow2(255), pow2(255), pow2(255) + 1), 1);  // (-1)^2 mod m
    EXPECT_EQ(mulmod(kMax, 0, 7), 0);
    EXPECT_EQ(mulmod(5, 6, 0), 0);
    EXPECT_EQ(mulmod(kMax, kMax, 0), 0);
    EXPECT_EQ(mulmod(123, 456, 1), 0);
}

// ---- EXP ----

TEST(Uint256, ExpOfPowersOfTwo) {
    EXPECT_EQ(exp(256, 31), pow2(248));  // 256^n, as contracts build byte shifts
    EXPECT_EQ(exp(256, 32), 0);
    EXPECT_EQ(exp(4, 127), pow2(254));
    EXPECT_EQ(exp(4, 128), 0);
    EXPECT_EQ(exp(kMin, 1), kMin);
    EXPECT_EQ(exp(kMin, 2), 0);
    EXPECT_EQ(exp(256, pow2(64)), 0);  // huge exponent whose low limb is 0
    EXPECT_EQ(exp(pow2(64), 3), pow2(192));
}

TEST(Uint256, Exp) {
    EXPECT_EQ(exp(0, 0), 1);
    EXPECT_EQ(exp(3, 0), 1);
    EXPECT_EQ(exp(kMax, 0), 1);
    EXPECT_EQ(exp(0, 5), 0);
    EXPECT_EQ(exp(1, kMax), 1);
    EXPECT_EQ(exp(2, 10), 1024);
    EXPECT_EQ(exp(2, 255), kMin);
    EXPECT_EQ(exp(2, 256), 0);
    EXPECT_EQ(exp(2, kMax), 0);
    EXPECT_EQ(exp(10, 18), 1000000000000000000_u256);
    EXPECT_EQ(exp(10, 77),
              100000000000000000000000000000000000000000000000000000000000000000000000000000_u256);
    EXPECT_EQ(exp(kMax, 2), 1);        // (-1)^2
    EXPECT_EQ(exp(kMax, 3), kMax);     // (-1)^3
    EXPECT_EQ(exp(kMax, kMax), kMax);  // odd exponent
    EXPECT_EQ(exp(pow2(128), 2), 0);
    EXPECT_EQ(exp(6, 256), 0);  // 2^256 divides 6^256
    EXPECT_EQ(exp(3, 161), 0x90e7a7d36283c4589cff2b2b8d32d43e1eeb4315dc9ac9ead2ceaacca8492983_u256);
    // 7 * 7^(2^256 - 2) = 7^(2^256 - 1); the odd units mod 2^256 have order dividing 2^254.
    EXPECT_EQ(exp(7, kMax), 0x6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db6db7_u256);
    // Exponents above 32 bits take the 4-bit window path.
    EXPECT_EQ(exp(3, 0x100000001_u256),
              0x6a0ff886764ac91fe1a63306d9a63f717fe1f78f07c72d8167b8badc00000003_u256);
    EXPECT_EQ(exp(0xfffffffffffffffffffffffffffffffb_u256, 0x123456789abcdef0fedcba9876543210_u256),
              0xb3b652a8fddef32b3d926db22d355eb67e2a0aad49b78fec5bbe37af34b8a7c1_u256);
    EXPECT_EQ(exp(6, pow2(40)), 0);  // an even base reaches zero early
    EXPECT_EQ(exp(0x123456789abcdef_u256, 0x11),
              0xb24a28744ded942e3da39466a16ca6751c70a14269b303aa1fa124e5de4fa4ef_u256);
}

// ---- Bitwise ----

TEST(Uint256, Bitwise) {
    const Uint256 a = 0xf0f0_u256;
    const Uint256 b = 0xff00_u256;
    EXPECT_EQ(a & b, 0xf000_u256);
    EXPECT_EQ(a | b, 0xfff0_u256);
    EXPECT_EQ(a ^ b, 0x0ff0_u256);
    EXPECT_EQ(~Uint256{}, kMax);
    EXPECT_EQ(~kMin, kMaxSigned);
    EXPECT_EQ(kMax & pow2(200), pow2(200));
    EXPECT_EQ(kMax ^ kMax, 0);
    Uint256 x = a;
    x &= b;
    EXPECT_EQ(x, 0xf000_u256);
    x |= 0xf;
    EXPECT_EQ(x, 0xf00f_u256);
    x ^= 0xff;
    EXPECT_EQ(x, 0xf0f0_u256);
}

// ---- Shifts: the EIP-145 test table, plus limb boundaries ----

TEST(Uint256, ShlEip145) {
    EXPECT_EQ(shl(0x00, 1), 1);
    EXPECT_EQ(shl(0x01, 1), 2);
    EXPECT_EQ(shl(0xff, 1), kMin);
    EXPECT_EQ(shl(0x100, 1), 0);
    EXPECT_EQ(shl(0x101, 1), 0);
    EXPECT_EQ(shl(0x00, kMax), kMax);
    EXPECT_EQ(shl(0x01, kMax), kMax - 1);
    EXPECT_EQ(shl(0xff, kMax), kMin);
    EXPECT_EQ(shl(0x100, kMax), 0);
    EXPECT_EQ(shl(0x01, 0), 0);
    EXPECT_EQ(shl(0x01, kMaxSigned), kMax - 1);
}

TEST(Uint256, ShrEip145) {
    EXPECT_EQ(shr(0x00, 1), 1);
    EXPECT_EQ(shr(0x01, 1), 0);
    EXPECT_EQ(shr(0x01, kMin), 0x4000000000000000000000000000000000000000000000000000000000000000_u256);
    EXPECT_EQ(shr(0xff, kMin), 1);
    EXPECT_EQ(shr(0x100, kMin), 0);
    EXPECT_EQ(shr(0x101, kMin), 0);
    EXPECT_EQ(shr(0x00, kMax), kMax);
    EXPECT_EQ(shr(0x01, kMax), kMaxSigned);
    EXPECT_EQ(shr(0xff, kMax), 1);
    EXPECT_EQ(shr(0x100, kMax), 0);
    EXPECT_EQ(shr(0x01, 0), 0);
}

TEST(Uint256, SarEip145) {
    EXPECT_EQ(sar(0x00, 1), 1);
    EXPECT_EQ(sar(0x01, 1), 0);
    EXPECT_EQ(sar(0x01, kMin), 0xc000000000000000000000000000000000000000000000000000000000000000_u256);
    EXPECT_EQ(sar(0xff, kMin), kMax);
    EXPECT_EQ(sar(0x100, kMin), kMax);
    EXPECT_EQ(sar(0x101, kMin), kMax);
    EXPECT_EQ(sar(0x00, kMax), kMax);
    EXPECT_EQ(sar(0x01, kMax), kMax);
    EXPECT_EQ(sar(0xff, kMax), kMax);
    EXPECT_EQ(sar(0x100, kMax), kMax);
    EXPECT_EQ(sar(0x01, 0), 0);
    EXPECT_EQ(sar(0xfe, 0x4000000000000000000000000000000000000000000000000000000000000000_u256), 1);
    EXPECT_EQ(sar(0xf8, kMaxSigned), 0x7f);
    EXPECT_EQ(sar(0xfe, kMaxSigned), 1);
    EXPECT_EQ(sar(0xff, kMaxSigned), 0);
    EXPECT_EQ(sar(0x100, kMaxSigned), 0);
}

TEST(Uint256, SarOfNegatives) {
    EXPECT_EQ(sar(1, -Uint256{2}), kMax);         // -2 >> 1 = -1
    EXPECT_EQ(sar(1, -Uint256{3}), -Uint256{2});  // rounds toward -infinity
    EXPECT_EQ(sar(4, -Uint256{256}), -Uint256{16});
    EXPECT_EQ(sar(64, -pow2(64)), kMax);
    EXPECT_EQ(sar(63, -pow2(64)), -Uint256{2});
    EXPECT_EQ(sar(kMax, -Uint256{5}), kMax);  // huge shift of a negative: -1
    EXPECT_EQ(sar(pow2(128), kMin), kMax);    // shift amount beyond 64 bits
    EXPECT_EQ(sar(pow2(128), kMaxSigned), 0);
}

TEST(Uint256, ShiftAmountsAtLimbBoundaries) {
    const Uint256 x = 0x0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff_u256;
    EXPECT_EQ(x << 0, x);
    EXPECT_EQ(x >> 0, x);
    EXPECT_EQ(x << 1, 0x02468acf13579bdffdb97530eca864200022446688aaccef1133557799bbddfe_u256);
    EXPECT_EQ(x >> 1, 0x0091a2b3c4d5e6f7ff6e5d4c3b2a190800089119a22ab33bc44cd55de66ef77f_u256);
    EXPECT_EQ(x << 63, 0xff6e5d4c3b2a190800089119a22ab33bc44cd55de66ef77f8000000000000000_u256);
    EXPECT_EQ(x >> 63, 0x000000000000000002468acf13579bdffdb97530eca864200022446688aaccef_u256);
    EXPECT_EQ(x << 64, 0xfedcba987654321000112233445566778899aabbccddeeff0000000000000000_u256);
    EXPECT_EQ(x >> 64, 0x00000000000000000123456789abcdeffedcba98765432100011223344556677_u256);
    EXPECT_EQ(x << 128, 0x00112233445566778899aabbccddeeff00000000000000000000000000000000_u256);
    EXPECT_EQ(x >> 192, 0x0123456789abcdef_u256);
    EXPECT_EQ(x << 255, kMin);  // x is odd
    EXPECT_EQ(x >> 255, 0);
    EXPECT_EQ(kMax >> 255, 1);
    EXPECT_EQ(x << 256, 0);
    EXPECT_EQ(x >> 256, 0);
    EXPECT_EQ(x << ~0ULL, 0);
    EXPECT_EQ(x >> ~0ULL, 0);
    EXPECT_EQ(x << kMax, 0);
    EXPECT_EQ(x >> pow2(64), 0);  // huge amount whose low limb is 0
    EXPECT_EQ(x << Uint256{64}, x << 64);
    Uint256 y = 1;
    y <<= 200;
    EXPECT_EQ(y, pow2(200));
    y >>= Uint256{199};
    EXPECT_EQ(y, 2);
}

// ---- BYTE, SIGNEXTEND ----

TEST(Uint256, ByteAt) {
    const Uint256 x = 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20_u256;
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(byte_at(i, x), i + 1) << i;
    EXPECT_EQ(byte_at(31, 0xff), 0xff);
    EXPECT_EQ(byte_at(30, 0xff), 0);
    EXPECT_EQ(byte_at(0, kMin), 0x80);
    EXPECT_EQ(byte_at(32, kMax), 0);
    EXPECT_EQ(byte_at(kMax, kMax), 0);
    EXPECT_EQ(byte_at(pow2(64), kMax), 0);  // huge index whose low limb is 0
}

TEST(Uint256, Signextend) {
    EXPECT_EQ(signextend(0, 0xff), kMax);
    EXPECT_EQ(signextend(0, 0x7f), 0x7f);
    EXPECT_EQ(signextend(0, 0x1ff), kMax);  // bits above the byte are replaced
    EXPECT_EQ(signextend(0, 0x17f), 0x7f);
    EXPECT_EQ(signextend(1, 0x80ff), -Uint256{0x7f01});  // 0x...ff80ff
    EXPECT_EQ(signextend(1, 0x7fff), 0x7fff);
    EXPECT_EQ(signextend(7, 0x8000000000000000_u256), -pow2(63));  // sign bit at the top of limb 0
    EXPECT_EQ(signextend(7, 0x18000000000000000_u256), -pow2(63));
    EXPECT_EQ(signextend(8, 0x80'0000'0000'0000'0000_u256), -pow2(71));
    EXPECT_EQ(signextend(30, pow2(247)), -pow2(247));  // 0xff80...0
    EXPECT_EQ(signextend(30, pow2(247) - 1), pow2(247) - 1);
    EXPECT_EQ(signextend(31, 0xff), 0xff);  // byte 31 is the whole word: unchanged
    EXPECT_EQ(signextend(31, kMin), kMin);
    EXPECT_EQ(signextend(32, 0xff), 0xff);
    EXPECT_EQ(signextend(kMax, 0xff), 0xff);
    EXPECT_EQ(signextend(pow2(64), 0xff), 0xff);  // huge index whose low limb is 0
    EXPECT_EQ(signextend(0, 0), 0);
}

// ---- Comparisons ----

TEST(Uint256, UnsignedCompare) {
    EXPECT_TRUE(Uint256{1} < Uint256{2});
    EXPECT_FALSE(Uint256{2} < Uint256{2});
    EXPECT_TRUE(Uint256{2} <= Uint256{2});
    EXPECT_TRUE(kMax > kMin);
    EXPECT_TRUE(kMin > kMaxSigned);
    EXPECT_TRUE(pow2(64) > Uint256{~0ULL});
    EXPECT_TRUE(Uint256(~0ULL, ~0ULL, ~0ULL, 0) < pow2(192));
    EXPECT_TRUE(Uint256(0, 0, 0, 1) > Uint256(~0ULL, ~0ULL, ~0ULL, 0));
    EXPECT_TRUE(kMax >= kMax);
    EXPECT_FALSE(kMax > kMax);
    EXPECT_TRUE(Uint256{} <= Uint256{});
    EXPECT_EQ(kMax, kMax);
    EXPECT_NE(kMax, kMax - 1);
}

TEST(Uint256, SignedCompare) {
    EXPECT_TRUE(slt(kMax, 0));  // -1 < 0
    EXPECT_FALSE(slt(0, kMax));
    EXPECT_TRUE(sgt(0, kMax));
    EXPECT_TRUE(slt(kMin, kMaxSigned));
    EXPECT_TRUE(slt(kMin, kMax));
    EXPECT_TRUE(sgt(kMaxSigned, 0));
    EXPECT_FALSE(slt(5, 5));
    EXPECT_FALSE(sgt(5, 5));
    EXPECT_TRUE(slt(-Uint256{2}, -Uint256{1}));
    EXPECT_TRUE(is_negative(kMin));
    EXPECT_TRUE(is_negative(kMax));
    EXPECT_FALSE(is_negative(kMaxSigned));
    EXPECT_FALSE(is_negative(0));
}

// ---- Bit counts ----

TEST(Uint256, BitCounts) {
    EXPECT_EQ(count_leading_zeros(0), 256U);
    EXPECT_EQ(count_leading_zeros(1), 255U);
    EXPECT_EQ(count_leading_zeros(pow2(64)), 191U);
    EXPECT_EQ(count_leading_zeros(kMin), 0U);
    EXPECT_EQ(count_significant_bytes(0), 0U);
    EXPECT_EQ(count_significant_bytes(1), 1U);
    EXPECT_EQ(count_significant_bytes(0xff), 1U);
    EXPECT_EQ(count_significant_bytes(0x100), 2U);
    EXPECT_EQ(count_significant_bytes(pow2(64)), 9U);
    EXPECT_EQ(count_significant_bytes(kMax), 32U);
}

// ---- Bytes ----

TEST(Uint256, FromBeBytes) {
    EXPECT_EQ(Uint256::from_be_bytes({}), 0);
    const std::uint8_t one[] = {0x01};
    EXPECT_EQ(Uint256::from_be_bytes(one), 1);
    const std::uint8_t two_bytes[] = {0x01, 0x00};
    EXPECT_EQ(Uint256::from_be_bytes(two_bytes), 256);
    std::uint8_t nine[9] = {0x01};
    EXPECT_EQ(Uint256::from_be_bytes(nine), pow2(64));
    std::uint8_t full[32];
    for (int i = 0; i < 32; ++i) full[i] = static_cast<std::uint8_t>(i + 1);
    EXPECT_EQ(Uint256::from_be_bytes(full),
              0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20_u256);
    // Longer than 32 bytes: only the last 32 count.
    std::uint8_t longer[33] = {0xaa};
    longer[32] = 0x01;
    EXPECT_EQ(Uint256::from_be_bytes(longer), 1);
}

TEST(Uint256, ToBeBytes) {
    const Uint256 x = 0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20_u256;
    std::uint8_t out[32];
    x.to_be_bytes(out);
    for (int i = 0; i < 32; ++i) EXPECT_EQ(out[i], i + 1);
    const Hash h = x.to_hash();
    EXPECT_EQ(h.bytes[0], 0x01);
    EXPECT_EQ(h.bytes[31], 0x20);
    EXPECT_EQ(Uint256::from_hash(h), x);

    EXPECT_EQ(Uint256{}.to_be_bytes_trimmed(), Bytes{});
    EXPECT_EQ(Uint256{1}.to_be_bytes_trimmed(), Bytes{0x01});
    EXPECT_EQ(Uint256{0x100}.to_be_bytes_trimmed(), (Bytes{0x01, 0x00}));
    EXPECT_EQ(pow2(64).to_be_bytes_trimmed(), (Bytes{1, 0, 0, 0, 0, 0, 0, 0, 0}));
    EXPECT_EQ(kMax.to_be_bytes_trimmed(), Bytes(32, 0xff));
    const Bytes trimmed = x.to_be_bytes_trimmed();
    EXPECT_EQ(Uint256::from_be_bytes(trimmed), x);
}

// ---- Strings ----

TEST(Uint256, ToString) {
    EXPECT_EQ(to_string(0), "0");
    EXPECT_EQ(to_string(1), "1");
    EXPECT_EQ(to_string(Uint256{~0ULL}), "18446744073709551615");
    EXPECT_EQ(to_string(10000000000000000000_u256), "10000000000000000000");  // 10^19, one chunk
    EXPECT_EQ(to_string(pow2(64)), "18446744073709551616");
    EXPECT_EQ(to_string(100000000000000000000000000000000000000_u256),
              "100000000000000000000000000000000000000");  // inner chunks keep their zeros
    EXPECT_EQ(to_string(kMax),
              "115792089237316195423570985008687907853269984665640564039457584007913129639935");
    EXPECT_EQ(to_string(kMin),
              "57896044618658097711785492504343953926634992332820282019728792003956564819968");
}

TEST(Uint256, ToHex) {
    EXPECT_EQ(to_hex(0), "0x0");
    EXPECT_EQ(to_hex(1), "0x1");
    EXPECT_EQ(to_hex(0xff), "0xff");
    EXPECT_EQ(to_hex(0x100), "0x100");
    EXPECT_EQ(to_hex(pow2(64)), "0x10000000000000000");
    EXPECT_EQ(to_hex(kMax), "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    EXPECT_EQ(to_hex(kMin), "0x8000000000000000000000000000000000000000000000000000000000000000");
}

TEST(Uint256, ParseAccepts) {
    EXPECT_EQ(uint256_from_string("0"), Uint256{});
    EXPECT_EQ(uint256_from_string("000"), Uint256{});
    EXPECT_EQ(uint256_from_string("42"), Uint256{42});
    EXPECT_EQ(uint256_from_string("0x0"), Uint256{});
    EXPECT_EQ(uint256_from_string("0x2a"), Uint256{42});
    EXPECT_EQ(uint256_from_string("0X2A"), Uint256{42});
    EXPECT_EQ(uint256_from_string("0xDeadBeef"), Uint256{0xdeadbeef});
    EXPECT_EQ(
        uint256_from_string("115792089237316195423570985008687907853269984665640564039457584007913129639935"),
        kMax);
    EXPECT_EQ(uint256_from_string("0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
              kMax);
    // Leading zeros beyond 64 digits do not overflow.
    EXPECT_EQ(uint256_from_string("0x" + std::string(70, '0') + "1"), Uint256{1});
    EXPECT_EQ(uint256_from_string(std::string(90, '0') + "7"), Uint256{7});
}

TEST(Uint256, ParseRejects) {
    EXPECT_EQ(uint256_from_string(""), std::nullopt);
    EXPECT_EQ(uint256_from_string("0x"), std::nullopt);
    EXPECT_EQ(uint256_from_string("-1"), std::nullopt);
    EXPECT_EQ(uint256_from_string("+1"), std::nullopt);
    EXPECT_EQ(uint256_from_string(" 1"), std::nullopt);
    EXPECT_EQ(uint256_from_string("1 "), std::nullopt);
    EXPECT_EQ(uint256_from_string("12a"), std::nullopt);  // hex digit without the prefix
    EXPECT_EQ(uint256_from_string("0xg"), std::nullopt);
    EXPECT_EQ(uint256_from_string("0x0x1"), std::nullopt);
    EXPECT_EQ(uint256_from_string("1.5"), std::nullopt);
    EXPECT_EQ(uint256_from_string("1e3"), std::nullopt);
    // 2^256 and above.
    EXPECT_EQ(
        uint256_from_string("115792089237316195423570985008687907853269984665640564039457584007913129639936"),
        std::nullopt);
    EXPECT_EQ(uint256_from_string("1" + std::string(78, '0')), std::nullopt);
    EXPECT_EQ(uint256_from_string("0x1" + std::string(64, '0')), std::nullopt);
}

TEST(Uint256, StringRoundTrips) {
    const Uint256 values[] = {
        Uint256{}, Uint256{1},    Uint256{~0ULL},
        pow2(64),  pow2(127) - 1, kMaxSigned,
        kMin,      kMax,          0x0123456789abcdeffedcba987654321000112233445566778899aabbccddeeff_u256};
    for (const Uint256& x : values) {
        EXPECT_EQ(uint256_from_string(to_string(x)), x) << to_string(x);
        EXPECT_EQ(uint256_from_string(to_hex(x)), x) << to_hex(x);
    }
}

TEST(Uint256, StreamsAsHex) {
    std::ostringstream os;
    os << Uint256{255};
    EXPECT_EQ(os.str(), "0xff");
}

}  // namespace
}  // namespace optimist
