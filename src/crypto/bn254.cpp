// The byte-level bn254 operations: decoding and validation of EIP-196/197 encodings
// around the curve and pairing arithmetic.
#include "bn254_curve.hpp"
#include "bn254_pairing.hpp"

#include <optimist/crypto/bn254.hpp>

#include <algorithm>
#include <array>
#include <cstdint>

namespace optimist::crypto::bn254 {
namespace {

Limbs read_limbs(const std::uint8_t* p) noexcept {
    Limbs v{};
    for (std::size_t i = 0; i < 32; ++i) v[3 - i / 8] = (v[3 - i / 8] << 8) | p[i];
    return v;
}

void write_limbs(const Limbs& v, std::uint8_t* p) noexcept {
    for (std::size_t i = 0; i < 32; ++i) p[i] = static_cast<std::uint8_t>(v[3 - i / 8] >> (8 * (7 - i % 8)));
}

// A 32-byte big-endian field element; nullopt unless it is below p (EIP-196).
std::optional<Fp> read_fp(const std::uint8_t* p) noexcept {
    const Limbs v = read_limbs(p);
    if (!detail::less_than(v, kModulus)) return std::nullopt;
    return fp_from_limbs(v);
}

std::optional<G1Affine> read_g1(const std::uint8_t* p) noexcept {
    const auto x = read_fp(p);
    const auto y = read_fp(p + 32);
    if (!x || !y) return std::nullopt;
    const G1Affine point{*x, *y};
    if (!is_on_curve(point)) return std::nullopt;
    return point;
}

// EIP-197: on the twist and in G2; the imaginary part of each coordinate comes first.
std::optional<G2Affine> read_g2(const std::uint8_t* p) noexcept {
    const auto x1 = read_fp(p);
    const auto x0 = read_fp(p + 32);
    const auto y1 = read_fp(p + 64);
    const auto y0 = read_fp(p + 96);
    if (!x1 || !x0 || !y1 || !y0) return std::nullopt;
    const G2Affine point{{*x0, *x1}, {*y0, *y1}};
    if (!is_on_curve(point) || !is_in_g2(point)) return std::nullopt;
    return point;
}

G1Bytes write_g1(const G1& point) noexcept {
    const G1Affine a = to_affine(point);  // infinity comes out as (0, 0)
    G1Bytes out;
    write_limbs(to_limbs(a.x), out.data());
    write_limbs(to_limbs(a.y), out.data() + 32);
    return out;
}

// The first N bytes of input, right-padded with zeros.
template <std::size_t N>
std::array<std::uint8_t, N> padded(ByteView input) noexcept {
    std::array<std::uint8_t, N> out{};
    std::copy_n(input.begin(), std::min(input.size(), N), out.begin());
    return out;
}

}  // namespace

std::optional<G1Bytes> ecadd(ByteView input) noexcept {
    const auto in = padded<kEcaddInputSize>(input);
    const auto a = read_g1(in.data());
    const auto b = read_g1(in.data() + 64);
    if (!a || !b) return std::nullopt;
    return write_g1(add(to_jacobian(*a), to_jacobian(*b)));
}

std::optional<G1Bytes> ecmul(ByteView input) noexcept {
    const auto in = padded<kEcmulInputSize>(input);
    const auto a = read_g1(in.data());
    if (!a) return std::nullopt;
    // G1 has prime order r, so any 256-bit scalar works unreduced.
    return write_g1(mul(to_jacobian(*a), read_limbs(in.data() + 64)));
}

std::optional<bool> pairing_check(ByteView input) noexcept {
    if (input.size() % kPairingTermSize != 0) return std::nullopt;
    // Terms go through the Miller loop a batch at a time so that no allocation is needed;
    // the loops' product takes a single final exponentiation.
    std::array<PairingTerm, kMillerBatch> batch;
    std::size_t n = 0;
    Fp12 product = kFp12One;
    bool any = false;
    for (std::size_t offset = 0; offset < input.size(); offset += kPairingTermSize) {
        const std::uint8_t* term = input.data() + offset;
        const auto p = read_g1(term);
        const auto q = read_g2(term + 64);
        if (!p || !q) return std::nullopt;
        if (p->is_infinity() || q->is_infinity()) continue;  // e(O, Q) = e(P, O) = 1
        batch[n++] = {*p, *q};
        if (n == batch.size()) {
            product = product * miller_loop(batch);
            n = 0;
            any = true;
        }
    }
    if (n != 0) {
        product = product * miller_loop(std::span<const PairingTerm>(batch.data(), n));
        any = true;
    }
    if (!any) return true;
    return final_exponentiation(product) == kFp12One;
}

}  // namespace optimist::crypto::bn254
