#include "bls12_381_curve.hpp"

#include <algorithm>
#include <array>
#include <string_view>

namespace optimist::crypto::bls {
namespace {

constexpr std::uint8_t kCompressedFlag = 0x80;
constexpr std::uint8_t kInfinityFlag = 0x40;
constexpr std::uint8_t kSignFlag = 0x20;
constexpr std::uint8_t kFlagMask = 0xe0;

constexpr int hex_digit(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

// A hex constant below p: the generators are written out as the IETF pairing-friendly
// curves draft (draft-irtf-cfrg-pairing-friendly-curves, BLS12_381) gives them.
constexpr Fp fp_from_hex(std::string_view hex) noexcept {
    Limbs<6> v{};
    for (char c : hex) {
        for (std::size_t i = 6; i-- > 1;) v[i] = (v[i] << 4) | (v[i - 1] >> 60);
        v[0] = (v[0] << 4) | static_cast<u64>(hex_digit(c));
    }
    return Fp::from_canonical(v);
}

// b = 4 on E and 4ξ = 4 + 4u on the twist E'.
Fp curve_b_g1() noexcept { return Fp::from_u64(4); }
Fp2 curve_b_g2() noexcept { return Fp2{Fp::from_u64(4), Fp::from_u64(4)}; }

// The flag bits of byte 0; nullopt when they are invalid. `infinity` reports a valid
// infinity encoding (every bit below the flags zero).
struct Flags {
    bool infinity = false;
    bool sign = false;
};

std::optional<Flags> read_flags(std::span<const std::uint8_t> in) noexcept {
    const std::uint8_t flags = in[0] & kFlagMask;
    if ((flags & kCompressedFlag) == 0) return std::nullopt;  // uncompressed forms are not allowed here
    if ((flags & kInfinityFlag) != 0) {
        if ((flags & kSignFlag) != 0 || (in[0] & ~kFlagMask) != 0) return std::nullopt;
        if (!std::all_of(in.begin() + 1, in.end(), [](std::uint8_t b) { return b == 0; }))
            return std::nullopt;
        return Flags{true, false};
    }
    return Flags{false, (flags & kSignFlag) != 0};
}

// The 48-byte big-endian field element at `in`, with the flag bits of byte 0 cleared
// when `first` (they sit above the 381 bits of x).
std::optional<Fp> read_fp(std::span<const std::uint8_t, 48> in, bool first) noexcept {
    std::array<std::uint8_t, 48> bytes{};
    std::copy(in.begin(), in.end(), bytes.begin());
    if (first) bytes[0] &= static_cast<std::uint8_t>(~kFlagMask);
    return Fp::from_be_bytes(bytes);
}

// -[x^2]p; x is negative, but its square is not.
G1 minus_x_squared_times(const G1& p) noexcept {
    return negate(mul(mul(p, Limbs<1>{kXAbs}), Limbs<1>{kXAbs}));
}

G1 sigma(const G1Affine& p, const Fp& beta) noexcept {
    return G1::from_affine(G1Affine{beta * p.x, p.y, false});
}

// The cube root of unity β whose σ acts on G1 as -[x^2]. The two roots of β^2 + β + 1
// are (-1 ± sqrt(-3)) / 2; the generator tells them apart, so no constant is transcribed.
const Fp& beta() noexcept {
    static const Fp b = [] {
        const Fp root = (*(-Fp::from_u64(3)).sqrt() - Fp::one()) * Fp::from_u64(2).inverse();
        const G1Affine& g = g1_generator();
        return equal(sigma(g, root), minus_x_squared_times(G1::from_affine(g))) ? root : -Fp::one() - root;
    }();
    return b;
}

}  // namespace

bool in_g1(const G1Affine& p) noexcept {
    if (p.infinity) return true;
    return equal(sigma(p, beta()), minus_x_squared_times(G1::from_affine(p)));
}

bool is_on_curve(const G1Affine& p) noexcept {
    return p.infinity || p.y.square() == p.x.square() * p.x + curve_b_g1();
}

bool is_on_curve(const G2Affine& p) noexcept {
    return p.infinity || p.y.square() == p.x.square() * p.x + curve_b_g2();
}

const G1Affine& g1_generator() noexcept {
    static const G1Affine g{fp_from_hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac58"
                                        "6c55e83ff97a1aeffb3af00adb22c6bb"),
                            fp_from_hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3ed"
                                        "d03cc744a2888ae40caa232946c5e7e1"),
                            false};
    return g;
}

const G2Affine& g2_generator() noexcept {
    static const G2Affine g{Fp2{fp_from_hex("024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d177"
                                            "0bac0326a805bbefd48056c8c121bdb8"),
                                fp_from_hex("13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049"
                                            "334cf11213945d57e5ac7d055d042b7e")},
                            Fp2{fp_from_hex("0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c"
                                            "923ac9cc3baca289e193548608b82801"),
                                fp_from_hex("0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab"
                                            "3f370d275cec1da1aaa9075ff05f79be")},
                            false};
    return g;
}

Result<G1Affine, DecodeError> decode_g1(std::span<const std::uint8_t, 48> in) noexcept {
    const auto flags = read_flags(in);
    if (!flags) return fail(DecodeError::bad_flags);
    if (flags->infinity) return G1Affine{};
    const auto x = read_fp(in, true);
    if (!x) return fail(DecodeError::not_in_field);
    auto y = (x->square() * *x + curve_b_g1()).sqrt();
    if (!y) return fail(DecodeError::not_on_curve);
    if (y->is_lexicographically_largest() != flags->sign) *y = -*y;
    const G1Affine p{*x, *y, false};
    if (!in_g1(p)) return fail(DecodeError::not_in_subgroup);
    return p;
}

Result<G2Affine, DecodeError> decode_g2(std::span<const std::uint8_t, 96> in) noexcept {
    const auto flags = read_flags(in);
    if (!flags) return fail(DecodeError::bad_flags);
    if (flags->infinity) return G2Affine{};
    const auto x1 = read_fp(in.subspan<0, 48>(), true);
    const auto x0 = read_fp(in.subspan<48, 48>(), false);
    if (!x0 || !x1) return fail(DecodeError::not_in_field);
    const Fp2 x{*x0, *x1};
    auto y = (x.square() * x + curve_b_g2()).sqrt();
    if (!y) return fail(DecodeError::not_on_curve);
    if (y->is_lexicographically_largest() != flags->sign) *y = -*y;
    const G2Affine p{x, *y, false};
    if (!has_order_r(G2::from_affine(p))) return fail(DecodeError::not_in_subgroup);
    return p;
}

void encode_g1(const G1Affine& p, std::span<std::uint8_t, 48> out) noexcept {
    std::fill(out.begin(), out.end(), 0);
    if (p.infinity) {
        out[0] = kCompressedFlag | kInfinityFlag;
        return;
    }
    p.x.to_be_bytes(out);
    out[0] |= kCompressedFlag;
    if (p.y.is_lexicographically_largest()) out[0] |= kSignFlag;
}

void encode_g2(const G2Affine& p, std::span<std::uint8_t, 96> out) noexcept {
    std::fill(out.begin(), out.end(), 0);
    if (p.infinity) {
        out[0] = kCompressedFlag | kInfinityFlag;
        return;
    }
    p.x.c1.to_be_bytes(out.subspan<0, 48>());
    p.x.c0.to_be_bytes(out.subspan<48, 48>());
    out[0] |= kCompressedFlag;
    if (p.y.is_lexicographically_largest()) out[0] |= kSignFlag;
}

}  // namespace optimist::crypto::bls
