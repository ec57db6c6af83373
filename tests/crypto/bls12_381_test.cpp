// The BLS12-381 arithmetic behind the KZG point evaluation: field laws, square roots,
// the Frobenius map, point encoding and its rejections, and the pairing's bilinearity.
#include "crypto/bls12_381_pairing.hpp"
#include "test_util.hpp"

#include <gtest/gtest.h>

#include <array>
#include <random>

namespace optimist::crypto::bls {
namespace {

using test::hex;
using test::hex_of;

Fp random_fp(std::mt19937_64& rng) {
    Limbs<6> v{};
    for (auto& limb : v) limb = rng();
    v[5] %= kP[5];  // below p whatever the lower limbs are
    return Fp::from_canonical(v);
}

Fp2 random_fp2(std::mt19937_64& rng) { return {random_fp(rng), random_fp(rng)}; }

Fp6 random_fp6(std::mt19937_64& rng) { return {random_fp2(rng), random_fp2(rng), random_fp2(rng)}; }

Fp12 random_fp12(std::mt19937_64& rng) { return {random_fp6(rng), random_fp6(rng)}; }

Limbs<4> random_scalar(std::mt19937_64& rng) {
    Limbs<4> k{};
    for (auto& limb : k) limb = rng();
    k[3] %= kR[3];
    return k;
}

G1Affine g1_times(const Limbs<4>& k) { return to_affine(mul(G1::from_affine(g1_generator()), k)); }
G2Affine g2_times(const Limbs<4>& k) { return to_affine(mul(G2::from_affine(g2_generator()), k)); }

std::array<std::uint8_t, 48> encoded(const G1Affine& p) {
    std::array<std::uint8_t, 48> out{};
    encode_g1(p, out);
    return out;
}

std::array<std::uint8_t, 96> encoded(const G2Affine& p) {
    std::array<std::uint8_t, 96> out{};
    encode_g2(p, out);
    return out;
}

template <std::size_t N>
std::array<std::uint8_t, N> bytes_of(std::string_view h) {
    const Bytes b = hex(h);
    std::array<std::uint8_t, N> out{};
    EXPECT_EQ(b.size(), N);
    std::copy_n(b.begin(), std::min(N, b.size()), out.begin());
    return out;
}

Fp12 pairing(const G1Affine& p, const G2Affine& q) {
    const G2Prepared prepared = prepare_g2(q);
    const PairingTerm term{p, &prepared};
    return final_exponentiation(miller_loop({&term, 1}));
}

TEST(Bls12381Field, MontgomeryRoundTrip) {
    std::mt19937_64 rng(1);
    EXPECT_EQ(Fp::one().to_canonical(), (Limbs<6>{1}));
    EXPECT_EQ((Fp::from_u64(6) * Fp::from_u64(7)).to_canonical(), (Limbs<6>{42}));
    EXPECT_EQ((Fp::zero() - Fp::one()).to_canonical(), limbs::sub_small(kP, 1));
    for (int i = 0; i < 100; ++i) {
        std::array<std::uint8_t, 48> bytes{};
        const Fp a = random_fp(rng);
        a.to_be_bytes(bytes);
        EXPECT_EQ(Fp::from_be_bytes(bytes), a);
    }
    // p itself and anything above is no field element.
    std::array<std::uint8_t, 48> p_bytes{};
    limbs::to_be_bytes<6>(kP, p_bytes);
    EXPECT_EQ(
        hex_of(p_bytes),
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
    EXPECT_FALSE(Fp::from_be_bytes(p_bytes).has_value());
    p_bytes[47] -= 1;
    EXPECT_TRUE(Fp::from_be_bytes(p_bytes).has_value());
}

TEST(Bls12381Field, FpInverseAndSqrt) {
    std::mt19937_64 rng(2);
    EXPECT_EQ(Fp::zero().inverse(), Fp::zero());
    for (int i = 0; i < 50; ++i) {
        const Fp a = random_fp(rng);
        const Fp b = random_fp(rng);
        EXPECT_EQ(a * a.inverse(), Fp::one());
        EXPECT_EQ((a + b) * (a - b), a.square() - b.square());
        const auto root = a.square().sqrt();
        ASSERT_TRUE(root.has_value());
        EXPECT_TRUE(*root == a || *root == -a);
        // p ≡ 3 mod 4, so -1 is no square and exactly one of a^2, -a^2 has a root.
        EXPECT_FALSE((-a.square()).sqrt().has_value());
    }
    EXPECT_EQ(Fp::zero().sqrt(), Fp::zero());
    EXPECT_EQ(Fp::from_u64(4).sqrt()->square(), Fp::from_u64(4));
}

TEST(Bls12381Field, LexicographicSign) {
    const Fp half = Fp::from_canonical(fp_constants::kPMinus1Div2);
    EXPECT_FALSE(half.is_lexicographically_largest());
    EXPECT_TRUE((half + Fp::one()).is_lexicographically_largest());
    EXPECT_FALSE(Fp::zero().is_lexicographically_largest());
    EXPECT_TRUE((-Fp::one()).is_lexicographically_largest());
}

TEST(Bls12381Field, Fp2) {
    std::mt19937_64 rng(3);
    const Fp2 u{Fp::zero(), Fp::one()};
    EXPECT_EQ(u.square(), -Fp2::one());
    const Fp2 xi{Fp::one(), Fp::one()};
    EXPECT_FALSE(xi.sqrt().has_value());  // the tower needs ξ to be a non-square
    for (int i = 0; i < 30; ++i) {
        const Fp2 a = random_fp2(rng);
        EXPECT_EQ(a * a.inverse(), Fp2::one());
        EXPECT_EQ(a.square(), a * a);
        EXPECT_EQ(a.mul_by_xi(), a * xi);
        const auto root = a.square().sqrt();
        ASSERT_TRUE(root.has_value());
        EXPECT_TRUE(*root == a || *root == -a);
        EXPECT_FALSE((a.square() * xi).sqrt().has_value());
    }
    // Pure real and pure imaginary squares take the algorithm's special branch.
    const Fp2 twenty_five{Fp::from_u64(25), Fp::zero()};
    ASSERT_TRUE(twenty_five.sqrt().has_value());
    EXPECT_EQ(twenty_five.sqrt()->square(), twenty_five);
    const Fp2 minus_four{-Fp::from_u64(4), Fp::zero()};
    ASSERT_TRUE(minus_four.sqrt().has_value());
    EXPECT_EQ(minus_four.sqrt()->square(), minus_four);
}

TEST(Bls12381Field, Fp6AndFp12) {
    std::mt19937_64 rng(4);
    for (int i = 0; i < 10; ++i) {
        const Fp6 a = random_fp6(rng);
        const Fp6 b = random_fp6(rng);
        EXPECT_EQ(a * a.inverse(), Fp6::one());
        const Fp6 v{Fp2::zero(), Fp2::one(), Fp2::zero()};
        EXPECT_EQ(a.mul_by_v(), a * v);
        EXPECT_EQ(a * b, b * a);

        const Fp12 f = random_fp12(rng);
        const Fp12 g = random_fp12(rng);
        EXPECT_EQ(f * f.inverse(), Fp12::one());
        EXPECT_EQ(f.square(), f * f);
        EXPECT_EQ((f * g).frobenius(), f.frobenius() * g.frobenius());
    }
    const Fp12 f = random_fp12(rng);
    EXPECT_EQ(f.frobenius(), pow(f, kP));  // the coefficients γ_k are right
    // The easy part of the final exponentiation maps f into the cyclotomic subgroup,
    // where the cheaper squaring must agree with the general one.
    Fp12 c = f.conjugate() * f.inverse();
    c = c.frobenius().frobenius() * c;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(c.cyclotomic_square(), c.square());
        c = c * c.frobenius();
    }
    const Fp12 w{Fp6::zero(), Fp6::one()};
    const Fp12 v{Fp6{Fp2::zero(), Fp2::one(), Fp2::zero()}, Fp6::zero()};
    EXPECT_EQ(w.square(), v);  // w^2 = v
}

TEST(Bls12381Curve, Generators) {
    EXPECT_TRUE(is_on_curve(g1_generator()));
    EXPECT_TRUE(is_on_curve(g2_generator()));
    EXPECT_TRUE(has_order_r(G1::from_affine(g1_generator())));
    EXPECT_TRUE(in_g1(g1_generator()));
    EXPECT_TRUE(has_order_r(G2::from_affine(g2_generator())));
    EXPECT_EQ(
        hex_of(encoded(g1_generator())),
        "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
    EXPECT_EQ(
        hex_of(encoded(g2_generator())),
        "93e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
        "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8");
    // [r - 1]G = -G.
    const Limbs<4> r_minus_1 = limbs::sub_small(kR, 1);
    EXPECT_TRUE(
        equal(mul(G1::from_affine(g1_generator()), r_minus_1), negate(G1::from_affine(g1_generator()))));
}

TEST(Bls12381Curve, GroupLaw) {
    std::mt19937_64 rng(5);
    const G1 g = G1::from_affine(g1_generator());
    const Limbs<4> a = random_scalar(rng);
    const Limbs<4> b = random_scalar(rng);
    Limbs<4> sum = a;
    limbs::add(sum, b);  // a + b < 2r < 2^256: no wrap
    EXPECT_TRUE(equal(add(mul(g, a), mul(g, b)), mul(g, sum)));
    EXPECT_TRUE(equal(add(g, g), dbl(g)));
    EXPECT_TRUE(add(g, negate(g)).is_infinity());
    EXPECT_TRUE(equal(add(G1{}, g), g));
    EXPECT_TRUE(equal(add(g, G1{}), g));
    EXPECT_TRUE(dbl(G1{}).is_infinity());
    EXPECT_TRUE(mul(g, Limbs<4>{}).is_infinity());
    // A point in a different Jacobian representation compares equal.
    G1 scaled = mul(g, a);
    const Fp s = Fp::from_u64(12345);
    scaled = G1{scaled.x * s.square(), scaled.y * s.square() * s, scaled.z * s};
    EXPECT_TRUE(equal(scaled, mul(g, a)));
}

TEST(Bls12381Curve, MulSum) {
    std::mt19937_64 rng(8);
    const G1 g = G1::from_affine(g1_generator());
    const G1 h = mul(g, random_scalar(rng));
    for (int i = 0; i < 5; ++i) {
        const Limbs<4> a = random_scalar(rng);
        const Limbs<4> b = i == 0 ? Limbs<4>{} : random_scalar(rng);
        EXPECT_TRUE(equal(mul_sum(g, a, h, b), add(mul(g, a), mul(h, b))));
    }
    EXPECT_TRUE(equal(mul_sum(g, Limbs<1>{3}, g, Limbs<1>{5}), mul(g, Limbs<1>{8})));  // p = q
    EXPECT_TRUE(mul_sum(g, Limbs<1>{1}, negate(g), Limbs<1>{1}).is_infinity());        // p = -q
}

// The endomorphism test agrees with multiplication by r, on points of G1 and off it.
TEST(Bls12381Curve, G1MembershipByEndomorphism) {
    std::mt19937_64 rng(9);
    // The cofactor (x - 1)^2 / 3 maps any point of E into G1.
    const Limbs<2> cofactor = {0x8c00aaab0000aaab, 0x396c8c005555e156};
    int outside = 0;
    int inside = 0;
    while (outside < 10) {
        const Fp x = random_fp(rng);
        const auto y = (x.square() * x + Fp::from_u64(4)).sqrt();
        if (!y) continue;
        const G1Affine p{x, *y, false};
        ASSERT_TRUE(is_on_curve(p));
        EXPECT_EQ(in_g1(p), has_order_r(G1::from_affine(p)));
        outside += in_g1(p) ? 0 : 1;
        const G1Affine cleared = to_affine(mul(G1::from_affine(p), cofactor));
        EXPECT_TRUE(in_g1(cleared));
        EXPECT_TRUE(has_order_r(G1::from_affine(cleared)));
        // A point of G1 plus one outside it is outside.
        const G1Affine mixed = to_affine(add(G1::from_affine(cleared), G1::from_affine(p)));
        EXPECT_EQ(in_g1(mixed), has_order_r(G1::from_affine(mixed)));
        inside += in_g1(g1_times(random_scalar(rng))) ? 1 : 0;
    }
    EXPECT_EQ(inside, 10);
    EXPECT_TRUE(in_g1(G1Affine{}));
}

TEST(Bls12381Curve, CompressedRoundTrip) {
    std::mt19937_64 rng(6);
    for (int i = 0; i < 20; ++i) {
        const G1Affine p = g1_times(random_scalar(rng));
        const auto bytes = encoded(p);
        const auto back = decode_g1(bytes);
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(*back, p);
        // The negation differs only in the sign flag.
        const auto neg = encoded(G1Affine{p.x, -p.y, false});
        EXPECT_EQ(neg[0] ^ bytes[0], 0x20);
        EXPECT_EQ(decode_g1(neg)->y, -p.y);
    }
    for (int i = 0; i < 3; ++i) {
        const G2Affine q = g2_times(random_scalar(rng));
        const auto back = decode_g2(encoded(q));
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(*back, q);
    }
    const auto infinity = bytes_of<48>("c0" + std::string(94, '0'));
    EXPECT_EQ(encoded(G1Affine{}), infinity);
    ASSERT_TRUE(decode_g1(infinity).ok());
    EXPECT_TRUE(decode_g1(infinity)->infinity);
    std::array<std::uint8_t, 96> infinity2{};
    infinity2[0] = 0xc0;
    EXPECT_TRUE(decode_g2(infinity2)->infinity);
}

TEST(Bls12381Curve, RejectsBadEncodings) {
    const auto generator = encoded(g1_generator());
    auto bytes = generator;
    bytes[0] &= 0x7f;  // uncompressed flag
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::bad_flags);
    bytes = bytes_of<48>("e0" + std::string(94, '0'));  // infinity with the sign flag
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::bad_flags);
    bytes = bytes_of<48>("c0" + std::string(92, '0') + "01");  // infinity with x bits
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::bad_flags);
    bytes = bytes_of<48>("c1" + std::string(94, '0'));
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::bad_flags);
    bytes = bytes_of<48>(std::string(96, '0'));  // zero with no flags: not the infinity encoding
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::bad_flags);

    // x = p and x = 2^381 - 1 (flags aside) are out of range.
    bytes = bytes_of<48>(
        "9a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::not_in_field);
    bytes.fill(0xff);
    bytes[0] = 0x9f;
    EXPECT_EQ(decode_g1(bytes).error(), DecodeError::not_in_field);

    // Small x: find one with no point above it and one whose point lies outside G1
    // (the cofactor is about 2^126, so nearly every curve point does).
    bool saw_off_curve = false;
    bool saw_off_subgroup = false;
    for (u64 x = 1; x < 50 && !(saw_off_curve && saw_off_subgroup); ++x) {
        const Fp fx = Fp::from_u64(x);
        const bool on_curve = (fx.square() * fx + Fp::from_u64(4)).sqrt().has_value();
        bytes.fill(0);
        bytes[47] = static_cast<std::uint8_t>(x);
        bytes[0] = 0x80;
        const auto decoded = decode_g1(bytes);
        ASSERT_FALSE(decoded.ok()) << x;
        EXPECT_EQ(decoded.error(), on_curve ? DecodeError::not_in_subgroup : DecodeError::not_on_curve) << x;
        (on_curve ? saw_off_subgroup : saw_off_curve) = true;
    }
    EXPECT_TRUE(saw_off_curve);
    EXPECT_TRUE(saw_off_subgroup);

    // G2: the same checks on both halves of x.
    auto g2 = encoded(g2_generator());
    g2[0] &= 0x7f;
    EXPECT_EQ(decode_g2(g2).error(), DecodeError::bad_flags);
    g2 = encoded(g2_generator());
    std::fill(g2.begin() + 48, g2.end(), 0xff);  // x.c0 >= p
    EXPECT_EQ(decode_g2(g2).error(), DecodeError::not_in_field);
    g2.fill(0);
    g2[0] = 0x80;
    g2[95] = 1;  // x = 1: off the twist (1 + 4ξ is a non-square) or off G2
    EXPECT_FALSE(decode_g2(g2).ok());
}

TEST(Bls12381Pairing, Bilinear) {
    std::mt19937_64 rng(7);
    const Limbs<4> a = random_scalar(rng);
    const Limbs<4> b = random_scalar(rng);
    const G1Affine p = g1_generator();
    const G2Affine q = g2_generator();
    const Fp12 e = pairing(p, q);
    EXPECT_NE(e, Fp12::one());           // non-degenerate
    EXPECT_EQ(pow(e, kR), Fp12::one());  // of order r
    EXPECT_EQ(pairing(g1_times(a), q), pairing(p, g2_times(a)));
    EXPECT_EQ(pairing(g1_times(a), g2_times(b)), pairing(g1_times(b), g2_times(a)));
    EXPECT_EQ(pairing(g1_times(a), q), pow(e, a));

    // e(aP, bQ) · e(-abP, Q) = 1, through the product check the KZG verification uses.
    const G2Prepared bq = prepare_g2(g2_times(b));
    const G2Prepared q1 = prepare_g2(q);
    const G1 ab = mul(mul(G1::from_affine(p), a), b);
    std::array<PairingTerm, 2> terms{PairingTerm{g1_times(a), &bq}, PairingTerm{to_affine(negate(ab)), &q1}};
    EXPECT_TRUE(pairing_product_is_one(terms));
    terms[1].p = to_affine(ab);
    EXPECT_FALSE(pairing_product_is_one(terms));
    terms[0].p = G1Affine{};  // infinity contributes 1
    terms[1].p = G1Affine{};
    EXPECT_TRUE(pairing_product_is_one(terms));
}

}  // namespace
}  // namespace optimist::crypto::bls
