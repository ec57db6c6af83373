#include "bn254_pairing.hpp"

#include <array>
#include <cassert>
#include <cstdint>

namespace optimist::crypto::bn254 {
namespace {

using detail::Uint128;

// The optimal ate loop runs over 6u + 2 (65 bits; the hard part of the final
// exponentiation uses kBnUNaf).
inline constexpr auto kAteLoop = to_naf<66>(Uint128{6} * kBnU + 2);

inline constexpr Fp2 kTwistB3 = kTwistB + kTwistB + kTwistB;

// A point of the twist in homogeneous projective coordinates (X / Z, Y / Z): the
// doubling and addition below give the line through the points as by-products.
struct Projective {
    Fp2 x;
    Fp2 y;
    Fp2 z;
};

// A line evaluated at P, s0 + s1 w + s3 w^3 (see mul_by_line), up to a factor in Fp2,
// which the final exponentiation removes.
struct Line {
    Fp2 s0;
    Fp2 s1;
    Fp2 s3;
};

// What each term keeps through the loop: P's coordinates in the shapes the lines use,
// Q and -Q for the additions, and the running multiple T of Q.
struct TermState {
    Fp neg_yp;
    Fp yp;
    Fp neg_xp;
    Fp xp3;
    G2Affine q;
    G2Affine neg_q;
    Projective t;
};

// T <- 2T and the tangent at T evaluated at P (Costello, Lange and Naehrig, "Faster
// pairing computations on curves with high-degree twists", PKC 2010, for b' = 3 / xi;
// as in Aranha et al., Eurocrypt 2011). With the untwisting (x, y) -> (x w^2, y w^3), the
// tangent at T, scaled by -2YZ, is  -2YZ yP + 3X^2 xP w + (3b'Z^2 - Y^2) w^3.
Line double_step(Projective& t, const TermState& s) noexcept {
    const Fp2 a = halve(t.x * t.y);
    const Fp2 b = sqr(t.y);
    const Fp2 c = sqr(t.z);
    const Fp2 e = kTwistB3 * c;
    const Fp2 f = dbl(e) + e;
    const Fp2 g = halve(b + f);
    const Fp2 h = sqr(t.y + t.z) - (b + c);  // 2YZ
    const Fp2 j = sqr(t.x);
    const Fp2 e2 = sqr(e);
    t.x = a * (b - f);
    t.y = sqr(g) - (dbl(e2) + e2);
    t.z = b * h;
    return {h * s.neg_yp, j * s.xp3, e - b};
}

// T <- T + Q and the line through T and Q (affine) evaluated at P. With
// theta = Y - yQ Z and lambda = X - xQ Z, the line scaled by lambda is
// lambda yP - theta xP w + (theta xQ - lambda yQ) w^3.
Line add_step(Projective& t, const G2Affine& q, const TermState& s) noexcept {
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lambda = t.x - q.x * t.z;
    const Fp2 c = sqr(theta);
    const Fp2 d = sqr(lambda);
    const Fp2 e = lambda * d;
    const Fp2 f = t.z * c;
    const Fp2 g = t.x * d;
    const Fp2 h = e + f - dbl(g);
    const Fp2 y1 = t.y;
    t.x = lambda * h;
    t.y = theta * (g - h) - y1 * e;
    t.z = t.z * e;
    return {lambda * s.yp, theta * s.neg_xp, theta * q.x - lambda * q.y};
}

Fp12 apply(const Fp12& f, const Line& l) noexcept { return mul_by_line(f, l.s0, l.s1, l.s3); }

// a^u for a in the cyclotomic subgroup, where conj is the inverse.
Fp12 cyclotomic_pow_u(const Fp12& a) noexcept {
    const Fp12 a_inv = conj(a);
    Fp12 r = a;  // the top digit is 1
    for (std::size_t i = kBnUNaf.length - 1; i-- > 0;) {
        r = cyclotomic_sqr(r);
        if (kBnUNaf.digits[i] == 1) r = r * a;
        if (kBnUNaf.digits[i] == -1) r = r * a_inv;
    }
    return r;
}

}  // namespace

Fp12 miller_loop(std::span<const PairingTerm> terms) noexcept {
    assert(terms.size() <= kMillerBatch);
    std::array<TermState, kMillerBatch> states;
    std::size_t n = 0;
    for (const PairingTerm& term : terms) {
        if (term.p.is_infinity() || term.q.is_infinity()) continue;
        TermState& s = states[n++];
        s.yp = term.p.y;
        s.neg_yp = -term.p.y;
        s.neg_xp = -term.p.x;
        s.xp3 = dbl(term.p.x) + term.p.x;
        s.q = term.q;
        s.neg_q = {term.q.x, -term.q.y};
        s.t = {term.q.x, term.q.y, kFp2One};
    }
    if (n == 0) return kFp12One;

    Fp12 f = kFp12One;
    for (std::size_t i = kAteLoop.length - 1; i-- > 0;) {
        if (i != kAteLoop.length - 2) f = sqr(f);  // f is still 1 in the first step
        for (std::size_t k = 0; k < n; ++k) f = apply(f, double_step(states[k].t, states[k]));
        const std::int8_t digit = kAteLoop.digits[i];
        if (digit == 0) continue;
        for (std::size_t k = 0; k < n; ++k) {
            f = apply(f, add_step(states[k].t, digit == 1 ? states[k].q : states[k].neg_q, states[k]));
        }
    }
    // The two extra lines of the optimal ate pairing, with pi(Q) and -pi^2(Q).
    for (std::size_t k = 0; k < n; ++k) {
        const G2Affine q1 = endomorphism(states[k].q);
        const G2Affine q2 = endomorphism(q1);
        f = apply(f, add_step(states[k].t, q1, states[k]));
        f = apply(f, add_step(states[k].t, {q2.x, -q2.y}, states[k]));
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part: f^(p^6 - 1) = conj(f) / f, then t^(p^2 + 1). The result is in the
    // cyclotomic subgroup, where conj inverts and cyclotomic_sqr squares.
    Fp12 t = conj(f) * inverse(f);
    t = frobenius(frobenius(t)) * t;

    // Hard part: t^(l0 + l1 p + l2 p^2 + l3 p^3) with l3 = 1, l2 = 6u^2 + 1,
    // l1 = -36u^3 - 18u^2 - 12u + 1 and l0 = -36u^3 - 30u^2 - 18u - 2, evaluated by the
    // addition chain of Scott et al. (section 5 of the paper cited in the header).
    const Fp12 fu = cyclotomic_pow_u(t);
    const Fp12 fu2 = cyclotomic_pow_u(fu);
    const Fp12 fu3 = cyclotomic_pow_u(fu2);
    const Fp12 fp = frobenius(t);
    const Fp12 fp2 = frobenius(fp);
    const Fp12 fp3 = frobenius(fp2);
    const Fp12 fu2p = frobenius(fu2);

    const Fp12 y0 = fp * fp2 * fp3;
    const Fp12 y1 = conj(t);
    const Fp12 y2 = frobenius(fu2p);
    const Fp12 y3 = conj(frobenius(fu));
    const Fp12 y4 = conj(fu * fu2p);
    const Fp12 y5 = conj(fu2);
    const Fp12 y6 = conj(fu3 * frobenius(fu3));

    Fp12 t0 = cyclotomic_sqr(y6) * y4 * y5;
    Fp12 t1 = y3 * y5 * t0;
    t0 = t0 * y2;
    t1 = cyclotomic_sqr(cyclotomic_sqr(t1) * t0);
    t0 = t1 * y1;
    t1 = t1 * y0;
    return cyclotomic_sqr(t0) * t1;
}

}  // namespace optimist::crypto::bn254
