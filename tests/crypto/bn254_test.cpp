// bn254 (alt_bn128): the arithmetic behind the precompiles checked by its algebra (field
// and tower identities, Frobenius against exponentiation, the G2 subgroup test against
// [r] Q, bilinearity), then the precompiles against EIP-196/197 vectors (as published in
// go-ethereum's precompile test data), their invalid encodings, gas, and random input.
#include "../common/fuzz_cases.hpp"
#include "crypto/bn254_curve.hpp"
#include "crypto/bn254_pairing.hpp"
#include "crypto/bn254_tower.hpp"
#include "test_util.hpp"

#include <optimist/crypto/bn254.hpp>
#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>

#include <optional>
#include <random>
#include <string>

namespace optimist::crypto::bn254 {
namespace {

using test::hex;
using test::hex_of;
using Uint128 = unsigned __int128;

// The generators: G1 = (1, 2) and the G2 generator of EIP-197, encoded.
const std::string kG1 = std::string(63, '0') + "1" + std::string(63, '0') + "2";
const std::string kG2 =
    "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
    "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
    "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
    "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
const std::string kP = "30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47";

Fp random_fp(std::mt19937_64& rng) {
    while (true) {
        Limbs v{rng(), rng(), rng(), rng() >> 2};
        if (detail::less_than(v, kModulus)) return fp_from_limbs(v);
    }
}

Fp2 random_fp2(std::mt19937_64& rng) { return {random_fp(rng), random_fp(rng)}; }
Fp6 random_fp6(std::mt19937_64& rng) { return {random_fp2(rng), random_fp2(rng), random_fp2(rng)}; }
Fp12 random_fp12(std::mt19937_64& rng) { return {random_fp6(rng), random_fp6(rng)}; }

Limbs modulus_plus(std::uint64_t k) {
    Limbs v = kModulus;
    std::uint64_t carry = k;
    for (auto& limb : v) limb = detail::add_carry(limb, 0, carry);
    return v;
}

Limbs shift_right(Limbs v, unsigned bits) {
    for (unsigned i = 0; i < bits; ++i) {
        for (std::size_t j = 0; j < 3; ++j) v[j] = (v[j] >> 1) | (v[j + 1] << 63);
        v[3] >>= 1;
    }
    return v;
}

// Square roots for making test points (p = 3 mod 4).
std::optional<Fp> sqrt_fp(const Fp& a) {
    const Fp s = pow(a, shift_right(modulus_plus(1), 2));
    if (sqr(s) != a) return std::nullopt;
    return s;
}

// In Fp2 = Fp[i]: with n = sqrt(a0^2 + a1^2), x0^2 = (a0 +- n) / 2 and x1 = a1 / (2 x0).
std::optional<Fp2> sqrt_fp2(const Fp2& a) {
    const auto n = sqrt_fp(sqr(a.c0) + sqr(a.c1));
    if (!n) return std::nullopt;
    auto x0 = sqrt_fp(halve(a.c0 + *n));
    if (!x0) x0 = sqrt_fp(halve(a.c0 - *n));
    if (!x0) return std::nullopt;
    Fp2 root{*x0, x0->is_zero() ? *sqrt_fp(-a.c0) : a.c1 * inverse(dbl(*x0))};
    if (sqr(root) != a) return std::nullopt;
    return root;
}

// A random point of the twist: almost never in G2, whose index in it is about p.
G2Affine random_twist_point(std::mt19937_64& rng) {
    while (true) {
        const Fp2 x = random_fp2(rng);
        if (const auto y = sqrt_fp2(sqr(x) * x + kTwistB)) return {x, *y};
    }
}

void write_fp(Bytes& out, const Fp& v) {
    const Limbs l = to_limbs(v);
    for (int i = 3; i >= 0; --i) {
        for (int b = 7; b >= 0; --b)
            out.push_back(static_cast<std::uint8_t>(l[static_cast<std::size_t>(i)] >> (8 * b)));
    }
}

Bytes encode(const G1Affine& p) {
    Bytes out;
    write_fp(out, p.x);
    write_fp(out, p.y);
    return out;
}

Bytes encode(const G2Affine& q) {
    Bytes out;
    write_fp(out, q.x.c1);
    write_fp(out, q.x.c0);
    write_fp(out, q.y.c1);
    write_fp(out, q.y.c0);
    return out;
}

Bytes scalar_bytes(Uint128 k) {
    Bytes out(32, 0);
    for (std::size_t i = 0; i < 16; ++i) out[31 - i] = static_cast<std::uint8_t>(k >> (8 * i));
    return out;
}

Limbs scalar_limbs(Uint128 k) {
    return {static_cast<std::uint64_t>(k), static_cast<std::uint64_t>(k >> 64), 0, 0};
}

const G1Affine kG1Point{fp_from_u64(1), fp_from_u64(2)};

G2Affine g2_generator() {
    const Bytes b = hex(kG2);
    auto read = [&](std::size_t offset) {
        Limbs v{};
        for (std::size_t i = 0; i < 32; ++i) v[3 - i / 8] = (v[3 - i / 8] << 8) | b[offset + i];
        return fp_from_limbs(v);
    };
    return {{read(32), read(0)}, {read(96), read(64)}};
}

G1Affine g1_mul(const G1Affine& p, Uint128 k) { return to_affine(mul(to_jacobian(p), scalar_limbs(k))); }
G2Affine g2_mul(const G2Affine& q, Uint128 k) { return to_affine(mul(to_jacobian(q), scalar_limbs(k))); }

TEST(Bn254Field, MontgomeryRoundTripAndIdentities) {
    EXPECT_EQ(to_limbs(kFpOne), (Limbs{1, 0, 0, 0}));
    const Fp minus_one = -kFpOne;
    EXPECT_EQ(minus_one * minus_one, kFpOne);
    EXPECT_EQ(to_limbs(minus_one), (Limbs{kModulus[0] - 1, kModulus[1], kModulus[2], kModulus[3]}));
    std::mt19937_64 rng(196);
    for (int i = 0; i < 200; ++i) {
        const Fp a = random_fp(rng);
        const Fp b = random_fp(rng);
        const Fp c = random_fp(rng);
        EXPECT_EQ(fp_from_limbs(to_limbs(a)), a);
        EXPECT_EQ((a * b) * c, a * (b * c));
        EXPECT_EQ(a * (b + c), a * b + a * c);
        EXPECT_EQ(a - b + b, a);
        EXPECT_EQ(a + (-a), Fp{});
        EXPECT_EQ(dbl(halve(a)), a);
        if (!a.is_zero()) {
            EXPECT_EQ(a * inverse(a), kFpOne);
        }
        const Fp2 x = random_fp2(rng);
        const Fp2 y = random_fp2(rng);
        EXPECT_EQ(sqr(x), x * x);
        EXPECT_EQ(mul_by_xi(x), x * kXi);
        EXPECT_EQ(x * inverse(x), kFp2One);
        EXPECT_EQ(conj(x * y), conj(x) * conj(y));
    }
    // 2^255 mod p and 2^255 / 3 mod p: carries and reduction through every limb.
    Fp power = kFpOne;
    for (int i = 0; i < 255; ++i) power = dbl(power);
    Bytes out;
    write_fp(out, power);
    write_fp(out, power * inverse(fp_from_u64(3)));
    EXPECT_EQ(hex_of(out),
              "1f37631a3d9cbfac8f5f7492fcfd4f44d0fd2add2f1c6ae587bee7d24f060572"
              "0a67cbb369deea8eda7526dba9a9c516f054639f0fb423a1d7ea4d461a575726");
}

// At run time the carry chains use the x86-64 intrinsics, in constant expressions 128-bit
// integers: both must agree, including at the edges (p - 1 everywhere, where the lazily
// reduced Fp2 product sees its largest intermediate values).
constexpr Fp kEdge = -kFpOne;
constexpr Fp kSample =
    fp_from_limbs({0x0123456789abcdef, 0xfedcba9876543210, 0x0f1e2d3c4b5a6978, 0x1122334455667788});
constexpr Fp2 kEdge2{kEdge, kEdge};
constexpr Fp2 kSample2{kSample, kEdge};
constexpr std::array<Fp, 4> kFpResults = {kEdge * kEdge, kEdge* kSample, kSample + kEdge, kSample - kEdge};
constexpr std::array<Fp2, 3> kFp2Results = {kEdge2 * kEdge2, kEdge2* kSample2, kSample2* kSample2};

// v, but opaque to the optimiser, so that the arithmetic on it runs at run time.
Fp at_run_time(const Fp& v) {
    volatile std::uint64_t low = v.mont[0];
    Fp copy = v;
    copy.mont[0] = low;
    return copy;
}

TEST(Bn254Field, RunTimeMatchesConstantEvaluation) {
    const Fp edge = at_run_time(kEdge);
    const Fp sample = at_run_time(kSample);
    EXPECT_EQ(edge * edge, kFpResults[0]);
    EXPECT_EQ(edge * sample, kFpResults[1]);
    EXPECT_EQ(sample + edge, kFpResults[2]);
    EXPECT_EQ(sample - edge, kFpResults[3]);
    const Fp2 edge2{edge, at_run_time(kEdge)};
    const Fp2 sample2{sample, at_run_time(kEdge)};
    EXPECT_EQ(edge2 * edge2, kFp2Results[0]);
    EXPECT_EQ(edge2 * sample2, kFp2Results[1]);
    EXPECT_EQ(sample2 * sample2, kFp2Results[2]);
    // (-1 - u)^2 = 2u.
    EXPECT_EQ(kFp2Results[0], (Fp2{Fp{}, fp_from_u64(2)}));
}

TEST(Bn254Field, TwistCoefficient) {
    // b' = 3 / (9 + u) (EIP-197's twist), spelled out as its canonical coefficients.
    Bytes b;
    write_fp(b, kTwistB.c0);
    write_fp(b, kTwistB.c1);
    EXPECT_EQ(hex_of(b),
              "2b149d40ceb8aaae81be18991be06ac3b5b4c5e559dbefa33267e6dc24a138e5"
              "009713b03af0fed4cd2cafadeed8fdf4a74fa084e52d1852e4a2bd0685c315d2");
    EXPECT_TRUE(is_on_curve(g2_generator()));
    EXPECT_TRUE(is_on_curve(kG1Point));
}

TEST(Bn254Tower, FieldIdentities) {
    std::mt19937_64 rng(197);
    for (int i = 0; i < 20; ++i) {
        const Fp12 a = random_fp12(rng);
        const Fp12 b = random_fp12(rng);
        const Fp12 c = random_fp12(rng);
        EXPECT_EQ((a * b) * c, a * (b * c));
        EXPECT_EQ(sqr(a), a * a);
        EXPECT_EQ(a * inverse(a), kFp12One);
        EXPECT_EQ(conj(conj(a)), a);
        const Fp6 x = random_fp6(rng);
        EXPECT_EQ(x * inverse(x), (Fp6{kFp2One, Fp2{}, Fp2{}}));
    }
}

// The Frobenius coefficients are derived at compile time; a^p by exponentiation checks them.
TEST(Bn254Tower, FrobeniusIsPowerP) {
    std::mt19937_64 rng(12);
    for (int i = 0; i < 3; ++i) {
        const Fp12 a = random_fp12(rng);
        EXPECT_EQ(frobenius(a), pow(a, kModulus, kFp12One));
        Fp12 b = a;
        for (int k = 0; k < 12; ++k) b = frobenius(b);
        EXPECT_EQ(b, a);
        Fp12 c = a;
        for (int k = 0; k < 6; ++k) c = frobenius(c);
        EXPECT_EQ(c, conj(a));
    }
}

TEST(Bn254Tower, SparseLineProduct) {
    std::mt19937_64 rng(13);
    for (int i = 0; i < 20; ++i) {
        const Fp12 a = random_fp12(rng);
        const Fp2 s0 = random_fp2(rng);
        const Fp2 s1 = random_fp2(rng);
        const Fp2 s3 = random_fp2(rng);
        const Fp12 line{{s0, Fp2{}, Fp2{}}, {s1, s3, Fp2{}}};
        EXPECT_EQ(mul_by_line(a, s0, s1, s3), a * line);
    }
}

// Elements raised to (p^6 - 1)(p^2 + 1) lie in the cyclotomic subgroup.
Fp12 cyclotomic_element(std::mt19937_64& rng) {
    const Fp12 a = random_fp12(rng);
    const Fp12 t = conj(a) * inverse(a);
    return frobenius(frobenius(t)) * t;
}

TEST(Bn254Tower, CyclotomicSquaring) {
    std::mt19937_64 rng(14);
    for (int i = 0; i < 20; ++i) {
        const Fp12 a = cyclotomic_element(rng);
        EXPECT_EQ(cyclotomic_sqr(a), sqr(a));
        EXPECT_EQ(a * conj(a), kFp12One);
    }
}

TEST(Bn254Pairing, FinalExponentiationLandsInGt) {
    std::mt19937_64 rng(15);
    for (int i = 0; i < 3; ++i) {
        const Fp12 e = final_exponentiation(random_fp12(rng));
        EXPECT_NE(e, kFp12One);
        EXPECT_EQ(pow(e, kOrder, kFp12One), kFp12One);
    }
}

TEST(Bn254Curve, GroupLaws) {
    const G1 g = to_jacobian(kG1Point);
    EXPECT_TRUE(mul(g, kOrder).is_infinity());
    const G2 q = to_jacobian(g2_generator());
    EXPECT_TRUE(mul(q, kOrder).is_infinity());
    std::mt19937_64 rng(16);
    for (int i = 0; i < 20; ++i) {
        const std::uint64_t a = rng();
        const std::uint64_t b = rng();
        const std::uint64_t c = rng();
        const G1 pa = mul(g, scalar_limbs(a));
        const G1 pb = mul(g, scalar_limbs(b));
        const G1 pc = mul(g, scalar_limbs(c));
        EXPECT_TRUE(equal(add(add(pa, pb), pc), add(pa, add(pb, pc))));
        EXPECT_TRUE(equal(add(pa, pb), mul(g, scalar_limbs(Uint128{a} + b))));
        EXPECT_TRUE(equal(mul(add(pa, pb), scalar_limbs(c)),
                          add(mul(pa, scalar_limbs(c)), mul(pb, scalar_limbs(c)))));
        EXPECT_TRUE(equal(add(pa, pa), dbl(pa)));
        EXPECT_TRUE(add(pa, neg(pa)).is_infinity());
        EXPECT_TRUE(is_on_curve(to_affine(pa)));
        const G2 qa = mul(q, scalar_limbs(a));
        EXPECT_TRUE(equal(add(qa, mul(q, scalar_limbs(b))), mul(q, scalar_limbs(Uint128{a} + b))));
        EXPECT_TRUE(is_on_curve(to_affine(qa)));
    }
}

// The endomorphism test against the definition [r] Q = O, on G2 points and on random
// points of the twist, together with their sum (off G2 as well) and their multiples by
// the cofactor 2p - r (which land in G2).
TEST(Bn254Curve, G2SubgroupCheck) {
    std::mt19937_64 rng(17);
    const G2 q = to_jacobian(g2_generator());
    // 2p - r, the twist's cofactor.
    Limbs cofactor{};
    {
        std::uint64_t carry = 0;
        Limbs two_p{};
        for (std::size_t i = 0; i < 4; ++i) two_p[i] = detail::add_carry(kModulus[i], kModulus[i], carry);
        std::uint64_t borrow = 0;
        for (std::size_t i = 0; i < 4; ++i) cofactor[i] = detail::sub_borrow(two_p[i], kOrder[i], borrow);
    }
    for (int i = 0; i < 20; ++i) {
        const G2Affine in = to_affine(mul(q, scalar_limbs(rng())));
        EXPECT_TRUE(is_in_g2(in));
        EXPECT_TRUE(is_in_g2(endomorphism(in)));
        EXPECT_TRUE(equal(to_jacobian(endomorphism(in)), mul(to_jacobian(in), modulus_plus(0))));

        const G2Affine out = random_twist_point(rng);
        ASSERT_TRUE(is_on_curve(out));
        EXPECT_FALSE(mul(to_jacobian(out), kOrder).is_infinity());
        EXPECT_FALSE(is_in_g2(out));
        const G2Affine mixed = to_affine(add(to_jacobian(out), to_jacobian(in)));
        EXPECT_FALSE(is_in_g2(mixed));
        const G2Affine cleared = to_affine(mul(to_jacobian(out), cofactor));
        EXPECT_TRUE(mul(to_jacobian(cleared), kOrder).is_infinity());
        EXPECT_TRUE(is_in_g2(cleared));
    }
    // The cofactor is 10069 times a large number: points of order 10069, the smallest
    // order a twist point outside G2 can have, are rejected too.
    constexpr Limbs kCofactorOver10069 = {0x6c3cd334915f1659, 0x207142f7671af448, 0x9e28bcf65b5681da,
                                          0x13af7a58fce69};
    int small_order_points = 0;
    for (int i = 0; i < 5; ++i) {
        const G2 small = mul(mul(to_jacobian(random_twist_point(rng)), kCofactorOver10069), kOrder);
        if (small.is_infinity()) continue;
        ++small_order_points;
        EXPECT_TRUE(mul(small, Limbs{10069, 0, 0, 0}).is_infinity());
        EXPECT_FALSE(is_in_g2(to_affine(small)));
        EXPECT_FALSE(is_in_g2(to_affine(add(small, q))));
    }
    EXPECT_GT(small_order_points, 0);
}

std::optional<bool> check(std::initializer_list<std::pair<G1Affine, G2Affine>> terms) {
    Bytes input;
    for (const auto& [p, q] : terms) {
        append(input, encode(p));
        append(input, encode(q));
    }
    return pairing_check(input);
}

G1Affine neg(const G1Affine& p) { return {p.x, -p.y}; }

// e(aP, bQ) = e(P, Q)^(ab): e(aP, bQ) e(-abP, Q) = 1, and not with ab + 1.
TEST(Bn254Pairing, Bilinearity) {
    std::mt19937_64 rng(18);
    const G2Affine q = g2_generator();
    for (int i = 0; i < 5; ++i) {
        const std::uint64_t a = rng();
        const std::uint64_t b = rng();
        const Uint128 ab = Uint128{a} * b;
        const G1Affine pa = g1_mul(kG1Point, a);
        const G2Affine qb = g2_mul(q, b);
        EXPECT_EQ(check({{pa, qb}, {neg(g1_mul(kG1Point, ab)), q}}), true);
        EXPECT_EQ(check({{pa, qb}, {neg(g1_mul(kG1Point, ab + 1)), q}}), false);
        // Linearity in the second argument too: e(P, aQ) e(P, bQ) = e(P, (a + b) Q).
        EXPECT_EQ(
            check({{kG1Point, g2_mul(q, a)}, {kG1Point, qb}, {neg(kG1Point), g2_mul(q, Uint128{a} + b)}}),
            true);
    }
    EXPECT_EQ(check({{kG1Point, q}}), false);  // non-degenerate
}

// More terms than one Miller batch, with points at infinity mixed in.
TEST(Bn254Pairing, ManyTerms) {
    const G2Affine q = g2_generator();
    const G1Affine zero_g1{};
    const G2Affine zero_g2{};
    Bytes input;
    for (int i = 1; i <= 10; ++i) {
        append(input, encode(g1_mul(kG1Point, static_cast<unsigned>(i))));
        append(input, encode(q));
        append(input, encode(zero_g1));
        append(input, encode(q));
        append(input, encode(neg(kG1Point)));
        append(input, encode(zero_g2));
    }
    append(input, encode(neg(g1_mul(kG1Point, 55))));
    append(input, encode(q));
    EXPECT_EQ(pairing_check(input), true);
    append(input, encode(kG1Point));
    append(input, encode(q));
    EXPECT_EQ(pairing_check(input), false);
}

struct Vector {
    const char* name;
    std::string input;
    std::string expected;
};

const Address kEcadd = Address::right_aligned(Bytes{0x06});
const Address kEcmul = Address::right_aligned(Bytes{0x07});
const Address kPairing = Address::right_aligned(Bytes{0x08});

void expect_vectors(const Address& a, std::uint64_t gas, std::initializer_list<Vector> vectors) {
    for (const Vector& v : vectors) {
        SCOPED_TRACE(v.name);
        const auto r = run_precompile(a, hex(v.input), 1000000);
        ASSERT_EQ(r.status, PrecompileStatus::success);
        EXPECT_EQ(r.gas_used, gas);
        EXPECT_EQ(hex_of(r.output), v.expected);
    }
}

TEST(Bn254Precompile, EcaddVectors) {
    const std::string zero64(128, '0');
    expect_vectors(kEcadd, 150,
                   {
                       {"chfast1",
                        "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb513"
                        "4cb9f59fa749"
                        "755796819658d32efc0d288198f3726607c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a8801"
                        "9e7c6a014eed"
                        "06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7",
                        "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df"
                        "21cc35964723"
                        "180eed7532537db9ae5e7d48f195c915"},
                       {"chfast2",
                        "2243525c5efd4b9c3d3c45ac0ca3fe4dd85e830a4ce6b65fa1eeaee202839703301d1d33be6da8e509df"
                        "21cc35964723"
                        "180eed7532537db9ae5e7d48f195c91518b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b"
                        "74034e093dc9"
                        "063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266",
                        "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f"
                        "1d70300909ce"
                        "2e49dfad4a4619c8390cae66cefdb204"},
                       {"cdetrio1 (extra input ignored)", std::string(384, '0'), zero64},
                       {"cdetrio4 (empty)", "", zero64},
                       {"cdetrio8 (padded)", kG1, kG1},
                       {"cdetrio11 (G + G)", kG1 + kG1,
                        "030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e784"
                        "5f96b2ae9c0a"
                        "68a6a449e3538fc7ff3ebf7a5a18a2c4"},
                       {"cdetrio13",
                        "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764"
                        "a357af8a9fe7"
                        "0baa9258e0b959273ffc5718c6d4cc7c039730ea8dff1254c0fee9c0ea777d29a9c710b7e616683f194f"
                        "18c43b43b869"
                        "073a5ffcc6fc7a28c30723d6e58ce577356982d65b833a5a5c15bf9024b43d98",
                        "15bf2bb17880144b5d1cd2b1f46eff9d617bffd1ca57c37fb5a49bd84e53cf66049c797f9ce0d17083de"
                        "b32b5e36f2ea"
                        "2a212ee036598dd7624c168993d1355f"},
                       {"cdetrio14 (P + -P)",
                        "17c139df0efee0f766bc0204762b774362e4ded88953a39ce849a8a7fa163fa901e0559bacb160664764"
                        "a357af8a9fe7"
                        "0baa9258e0b959273ffc5718c6d4cc7c17c139df0efee0f766bc0204762b774362e4ded88953a39ce849"
                        "a8a7fa163fa9"
                        "2e83f8d734803fc370eba25ed1f6b8768bd6d83887b87165fc2434fe11a830cb" +
                            zero64,
                        zero64},
                   });
}

TEST(Bn254Precompile, EcmulVectors) {
    const std::string p1 =
        "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff81504b"
        "0fcd6d7cf59996efdc33d92bf7f9f8f6";
    expect_vectors(
        kEcmul, 6000,
        {
            {"chfast1",
             "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb721611ce0a6af85915e2f1d70300909c"
             "e"
             "2e49dfad4a4619c8390cae66cefdb20400000000000000000000000000000000000000000000000011138ce750fa15c"
             "2",
             "070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f"
             "0"
             "1943074bf4f0f315690ec3cec6981afc"},
            {"chfast2 (scalar above r)",
             "070a8d6a982153cae4be29d434e8faef8a47b274a053f5a4ee2a6c9c13c31e5c031b8ce914eba3a9ffb989f9cdd5b0f"
             "0"
             "1943074bf4f0f315690ec3cec6981afc30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd4"
             "6",
             "025a6f4181d2b4ea8b724290ffb40156eb0adb514c688556eb79cdea0752c2bb2eff3f31dea215f1eb86023a133a996"
             "e"
             "b6300b44da664d64251d05381bb8a02e"},
            {"chfast3",
             "025a6f4181d2b4ea8b724290ffb40156eb0adb514c688556eb79cdea0752c2bb2eff3f31dea215f1eb86023a133a996"
             "e"
             "b6300b44da664d64251d05381bb8a02e183227397098d014dc2822db40c0ac2ecbc0b548b438e5469e10460b6c3e7ea"
             "3",
             "14789d0d4a730b354403b5fac948113739e276c23e0258d8596ee72f9cd9d3230af18a63153e0ec25ff9f2951dd3fa9"
             "0"
             "ed0197bfef6e2a1a62b5095b9d2b4a27"},
            {"cdetrio1 (2^256 - 1)", p1 + std::string(64, 'f'),
             "2cde5879ba6f13c0b5aa4ef627f159a3347df9722efce88a9afbb20b763b4c411aa7e43076f6aee272755a7f9b84832"
             "e"
             "71559ba0d2e0b17d5f9f01755e5b0d11"},
            {"cdetrio2 (r - 1)", p1 + "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000",
             "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe3163511ddc1c3f25d396745388200081"
             "287"
             "b3fd1472d8339d5fecb2eae0830451"},
            {"cdetrio3 (2^128)", p1 + "0000000000000000000000000000000100000000000000000000000000000000",
             "1051acb0700ec6d42a88215852d582efbaef31529b6fcbc3277b5c1b300f5cf0135b2394bb45ab04b8bd7611bd2dfe1"
             "de6"
             "a4e6e2ccea1ea1955f577cd66af85b"},
            {"cdetrio4 (9)", p1 + std::string(63, '0') + "9",
             "1dbad7d39dbc56379f78fac1bca147dc8e66de1b9d183c7b167351bfe0aeab742cd757d51289cd8dbd0acf9e673ad67"
             "d0f"
             "0a89f912af47ed1be53664f5692575"},
            {"cdetrio5 (1)", p1 + std::string(63, '0') + "1", p1},
            {"zero scalar", p1 + std::string(64, '0'), std::string(128, '0')},
            {"infinity", std::string(128, '0') + "ff", std::string(128, '0')},
            {"empty", "", std::string(128, '0')},
        });
    // A short scalar is right-padded: 0x01 reads as 2^248.
    EXPECT_EQ(ecmul(hex(p1 + "01")), ecmul(hex(p1 + "01" + std::string(62, '0'))));
}

const std::string kJeff1 =
    "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745"
    "fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
    "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0c"
    "a2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
    "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fc"
    "a2883585b93870a73853face6a6bf411" +
    kG2;

const std::string kTrue = std::string(63, '0') + "1";
const std::string kFalse = std::string(64, '0');

TEST(Bn254Precompile, PairingVectors) {
    const std::string jeff6 =
        "1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745"
        "fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf7"
        "04bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0c"
        "a2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550"
        "111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c103188585e2364128fe25c70558f1560"
        "f4f9350baf3959e603cc91486e110936" +
        kG2;
    // G2's generator negated: y replaced by p - y.
    const std::string neg_g2 =
        "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
        "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
        "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec"
        "1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";
    const std::string match4 =
        "105456a333e6d636854f987ea7bb713dfd0ae8371a72aea313ae0c32c0bf10160cf031d41b41557f3e7e3ba0c51bebe5"
        "da8e6ecd855ec50fc87efcdeac168bcc0476be093a6d2b4bbf907172049874af11e1b6267606e00804d3ff0037ec57fd"
        "3010c68cb50161b7d1d96bb71edfec9880171954e56871abf3d93cc94d745fa114c059d74e5b6c4ec14ae5864ebe23a7"
        "1781d86c29fb8fb6cce94f70d3de7a2101b33461f39d9e887dbb100f170a2345dde3c07e256d1dfa2b657ba5cd030427" +
        kG1 +
        "1a2c3013d2ea92e13c800cde68ef56a294b883f6ac35d25f587c09b1b3c635f7290158a80cd3d66530f74dc94c94adb8"
        "8f5cdb481acca997b6e60071f08a115f2f997f3dbd66a7afe07fe7862ce239edba9e05c5afff7f8a1259c9733b2dfbb9"
        "29d1691530ca701b4a106054688728c9972c8512e9789e9567aae23e302ccd75";
    struct Case {
        const char* name;
        std::string input;
        std::string expected;
        std::uint64_t gas;
    };
    for (const Case& c : {
             Case{"jeff1", kJeff1, kTrue, 113000},
             Case{"jeff6", jeff6, kFalse, 113000},
             Case{"empty_data", "", kTrue, 45000},
             Case{"one_point", kG1 + kG2, kFalse, 79000},
             Case{"two_point_match_2", kG1 + kG2 + kG1 + neg_g2, kTrue, 113000},
             Case{"two_point_match_4", match4, kTrue, 113000},
             Case{"infinity terms", std::string(384, '0') + kG1 + std::string(256, '0'), kTrue, 113000},
         }) {
        SCOPED_TRACE(c.name);
        const auto r = run_precompile(kPairing, hex(c.input), 1000000);
        ASSERT_EQ(r.status, PrecompileStatus::success);
        EXPECT_EQ(r.gas_used, c.gas);
        EXPECT_EQ(hex_of(r.output), c.expected);
    }
}

void expect_invalid(const Address& a, const std::string& input) {
    SCOPED_TRACE(input);
    const auto r = run_precompile(a, hex(input), 500000);
    EXPECT_EQ(r.status, PrecompileStatus::invalid_input);
    EXPECT_EQ(r.gas_used, 500000u);
    EXPECT_TRUE(r.output.empty());
}

TEST(Bn254Precompile, InvalidEncodings) {
    const std::string zero(64, '0');
    const std::string one = std::string(63, '0') + "1";
    const std::string two = std::string(63, '0') + "2";
    // A coordinate equal to p is rejected rather than reduced.
    expect_invalid(kEcadd, kP + two);
    expect_invalid(kEcadd, one + kP);
    expect_invalid(kEcadd, kG1 + kP + zero);
    expect_invalid(kEcadd, one + one);                         // not on the curve
    expect_invalid(kEcadd, kG1 + one + std::string(64, '0'));  // (1, 0)
    expect_invalid(kEcadd, zero + one);                        // (0, 1)
    expect_invalid(kEcmul, one + "03");                        // (1, 3 * 2^248) after padding
    expect_invalid(kEcmul, kP + two + one);
    expect_invalid(kEcmul, std::string(64, 'f') + two + one);

    expect_invalid(kPairing, kG1);  // length not a multiple of 192
    expect_invalid(kPairing, kJeff1 + "00");
    expect_invalid(kPairing, one + one + kG2);            // G1 off the curve
    expect_invalid(kPairing, kG1 + kP + kG2.substr(64));  // G2 coordinate = p
    expect_invalid(kPairing, kG1 + kG2.substr(0, 192) + kP + kG2.substr(256));
    std::string off_twist = kG2;
    off_twist[255] = off_twist[255] == '0' ? '1' : '0';
    expect_invalid(kPairing, kG1 + off_twist);
    // The real and imaginary parts swapped: EIP-197 puts the imaginary part first.
    expect_invalid(kPairing,
                   kG1 + kG2.substr(64, 64) + kG2.substr(0, 64) + kG2.substr(192, 64) + kG2.substr(128, 64));
    // Validation does not stop at a term whose G1 point is at infinity.
    expect_invalid(kPairing, std::string(128, '0') + one + one + std::string(192, '0'));
    // A point of the twist outside G2, in a term that would otherwise contribute 1.
    std::mt19937_64 rng(19);
    const G2Affine outside = random_twist_point(rng);
    expect_invalid(kPairing, std::string(128, '0') + hex_of(encode(outside)));
    expect_invalid(kPairing, kJeff1 + kG1 + hex_of(encode(outside)));
}

TEST(Bn254Precompile, Gas) {
    struct Priced {
        Address address;
        std::string input;
        std::uint64_t cost;
    };
    for (const Priced& p :
         {Priced{kEcadd, kG1 + kG1, 150}, Priced{kEcmul, kG1 + "05", 6000}, Priced{kPairing, "", 45000},
          Priced{kPairing, kJeff1, 113000}, Priced{kPairing, kJeff1 + kJeff1, 181000}}) {
        auto r = run_precompile(p.address, hex(p.input), p.cost);
        EXPECT_EQ(r.status, PrecompileStatus::success);
        EXPECT_EQ(r.gas_used, p.cost);
        r = run_precompile(p.address, hex(p.input), p.cost - 1);
        EXPECT_EQ(r.status, PrecompileStatus::out_of_gas);
        EXPECT_EQ(r.gas_used, p.cost - 1);
        EXPECT_TRUE(r.output.empty());
    }
    // Whole terms are charged before the length is checked.
    const auto r = run_precompile(kPairing, hex(kJeff1 + "00"), 112999);
    EXPECT_EQ(r.status, PrecompileStatus::out_of_gas);
}

// Random and randomly corrupted inputs: no crash (the sanitizer build runs this), the halt
// contract on failure, and on valid points the operations agree with each other.
TEST(Bn254Precompile, RandomInputs) {
    std::mt19937_64 rng(0x0608);
    const std::size_t cases = test_common::fuzz_cases(300);
    const G2Affine q = g2_generator();
    int valid_pairings = 0;
    for (std::size_t i = 0; i < cases; ++i) {
        const std::uint64_t a = rng();
        const std::uint64_t b = rng();
        const Bytes pa = encode(g1_mul(kG1Point, a));
        const Bytes pb = encode(g1_mul(kG1Point, b));

        // Valid points: P + P = [2] P, [a] G + [b] G = [a + b] G.
        Bytes add_in = pa;
        append(add_in, pb);
        const auto sum = ecadd(add_in);
        ASSERT_TRUE(sum);
        Bytes mul_in = encode(kG1Point);
        append(mul_in, scalar_bytes(Uint128{a} + b));
        ASSERT_EQ(sum, ecmul(mul_in));

        // One flipped byte anywhere: valid or not, the contract holds.
        const std::size_t pos = rng() % add_in.size();
        add_in[pos] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        const auto r = run_precompile(kEcadd, add_in, 1000);
        ASSERT_LE(r.gas_used, 1000u);
        if (!r.ok()) {
            ASSERT_EQ(r.gas_used, 1000u);
        }

        // Random bytes of random length into all three.
        Bytes noise(rng() % 400);
        for (auto& byte : noise) byte = static_cast<std::uint8_t>(rng());
        for (const Address& target : {kEcadd, kEcmul, kPairing}) {
            const auto out = run_precompile(target, noise, 200000);
            // Random G1 points are off the curve: only the empty pairing input passes.
            if (out.ok() && target == kPairing) {
                ASSERT_TRUE(noise.empty());
            }
            if (!out.ok()) {
                ASSERT_EQ(out.gas_used, 200000u);
                ASSERT_TRUE(out.output.empty());
            }
        }

        // A pairing of valid terms, sometimes corrupted in one byte.
        if (i % 10 == 0) {
            Bytes pairing_in = pa;
            append(pairing_in, encode(g2_mul(q, b)));
            append(pairing_in, encode(neg(g1_mul(kG1Point, Uint128{a} * b))));
            append(pairing_in, encode(q));
            const bool corrupt = rng() % 2 == 0;
            if (corrupt) pairing_in[rng() % pairing_in.size()] ^= 0x01;
            const auto ok = pairing_check(pairing_in);
            if (!corrupt) {
                ASSERT_EQ(ok, true);
                ++valid_pairings;
            } else {
                ASSERT_NE(ok, true);  // a corrupted term is invalid or breaks the equation
            }
        }
    }
    EXPECT_GT(valid_pairings, 0);
}

}  // namespace
}  // namespace optimist::crypto::bn254
