// Out-of-line Uint256 operations: division (and everything built on it), exponentiation,
// byte and string conversions.
//
// Division follows Knuth, TAOCP vol. 2, 4.3.1, algorithm D, on 64-bit limbs. Quotient
// digits come from divisions of two or three limbs by one or two normalized limbs with a
// precomputed reciprocal (Moller & Granlund, "Improved division by invariant integers",
// IEEE Trans. Computers 2011, algorithms 2, 4, 5 and 6), which replaces each hardware
// 128/64 division (40 to 90 cycles on Skylake-family cores) by a few multiplications.
#include <optimist/core/uint256.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <ostream>

namespace optimist {

namespace {

using uint256_detail::U128;

constexpr std::uint64_t lo64(U128 x) noexcept { return static_cast<std::uint64_t>(x); }
constexpr std::uint64_t hi64(U128 x) noexcept { return static_cast<std::uint64_t>(x >> 64); }

// Number of limbs up to and including the most significant non-zero one (0 for zero).
int significant_limbs(const std::uint64_t* x, int n) noexcept {
    while (n > 0 && x[n - 1] == 0) --n;
    return n;
}

// v0 of the reciprocal iteration below: floor((2^19 - 3 * 2^8) / d9) for the top nine
// bits d9 of the divisor, 256 <= d9 < 512.
constexpr auto kReciprocalSeed = [] {
    std::array<std::uint16_t, 256> table{};
    for (std::uint64_t i = 0; i < table.size(); ++i) {
        table[i] =
            static_cast<std::uint16_t>(((std::uint64_t{1} << 19) - 3 * (std::uint64_t{1} << 8)) / (256 + i));
    }
    return table;
}();

// floor((2^128 - 1) / d) - 2^64 for a normalized d (top bit set); fits in 64 bits.
// Moller & Granlund's algorithm 2: a table seed refined by two Newton steps and a final
// adjustment, multiplications only.
std::uint64_t reciprocal_2by1(std::uint64_t d) noexcept {
    const std::uint64_t d0 = d & 1;
    const std::uint64_t d9 = d >> 55;
    const std::uint64_t d40 = (d >> 24) + 1;
    const std::uint64_t d63 = (d >> 1) + d0;  // ceil(d / 2)
    const std::uint64_t v0 = kReciprocalSeed[d9 - 256];
    const std::uint64_t v1 = (v0 << 11) - ((v0 * v0 * d40) >> 40) - 1;
    const std::uint64_t v2 = (v1 << 13) + ((v1 * ((std::uint64_t{1} << 60) - v1 * d40)) >> 47);
    // e = 2^96 - v2 * d63 + floor(v2 / 2) * d0, which lies in [0, 2^64).
    const std::uint64_t e = ((v2 >> 1) & (0 - d0)) - v2 * d63;
    const std::uint64_t v3 = (v2 << 31) + (hi64(static_cast<U128>(v2) * e) >> 1);
    // v4 = v3 - floor((v3 + 2^64 + 1) * d / 2^64) mod 2^64
    return v3 - hi64(static_cast<U128>(v3) * d + d) - d;
}

struct QuotRem64 {
    std::uint64_t quot;
    std::uint64_t rem;
};

// (u1 * 2^64 + u0) / d for a normalized d with u1 < d, given v = reciprocal_2by1(d).
inline QuotRem64 udivrem_2by1(std::uint64_t u1, std::uint64_t u0, std::uint64_t d, std::uint64_t v) noexcept {
    // The candidate quotient q1 is at most one too small or one too large; the remainder
    // computed modulo 2^64 tells which way to correct.
    const U128 q = static_cast<U128>(v) * u1 + ((static_cast<U128>(u1) << 64) | u0);
    std::uint64_t q1 = hi64(q) + 1;
    const std::uint64_t q0 = lo64(q);
    std::uint64_t r = u0 - q1 * d;
    // Taken about half the time, so select instead of branching.
    const std::uint64_t too_large = 0 - static_cast<std::uint64_t>(r > q0);
    q1 += too_large;
    r += too_large & d;
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

// q[0..n) = u[0..n) / d, returns the remainder. REQUIRES: d != 0, n >= 1.
std::uint64_t divide_by_limb(std::uint64_t* q, const std::uint64_t* u, int n, std::uint64_t d) noexcept {
    const auto shift = static_cast<unsigned>(__builtin_clzll(d));
    const std::uint64_t dn = d << shift;
    const std::uint64_t v = reciprocal_2by1(dn);
    // The limb shifted out of the top is < 2^shift <= dn, so the first step is in range.
    std::uint64_t r = shift == 0 ? 0 : u[n - 1] >> (64 - shift);
    for (int i = n - 1; i >= 0; --i) {
        const std::uint64_t limb = uint256_detail::funnel_left(u[i], i > 0 ? u[i - 1] : 0, shift);
        const QuotRem64 qr = udivrem_2by1(r, limb, dn, v);
        q[i] = qr.quot;
        r = qr.rem;
    }
    return r >> shift;
}

// floor((2^192 - 1) / (d1 * 2^64 + d0)) - 2^64 for a normalized d1 (Moller & Granlund's
// algorithm 6): the 2by1 reciprocal of d1, corrected for the low divisor limb.
std::uint64_t reciprocal_3by2(std::uint64_t d1, std::uint64_t d0) noexcept {
    std::uint64_t v = reciprocal_2by1(d1);
    std::uint64_t p = d1 * v + d0;
    if (p < d0) {
        --v;
        if (p >= d1) {
            --v;
            p -= d1;
        }
        p -= d1;
    }
    const U128 t = static_cast<U128>(v) * d0;
    p += hi64(t);
    if (p < hi64(t)) {
        --v;
        if (p > d1 || (p == d1 && lo64(t) >= d0)) --v;
    }
    return v;
}

struct QuotRem128 {
    std::uint64_t quot;
    U128 rem;
};

// (u2 * 2^128 + u1 * 2^64 + u0) / (d1 * 2^64 + d0) for a normalized d1 with
// (u2, u1) < (d1, d0), given v = reciprocal_3by2(d1, d0) (algorithm 5). The quotient
// fits in one limb and the remainder in two.
inline QuotRem128 udivrem_3by2(std::uint64_t u2, std::uint64_t u1, std::uint64_t u0, std::uint64_t d1,
                               std::uint64_t d0, std::uint64_t v) noexcept {
    const U128 d = (static_cast<U128>(d1) << 64) | d0;
    const U128 q = static_cast<U128>(v) * u2 + ((static_cast<U128>(u2) << 64) | u1);
    std::uint64_t q1 = hi64(q);
    const std::uint64_t q0 = lo64(q);
    const std::uint64_t r1 = u1 - q1 * d1;
    U128 r = ((static_cast<U128>(r1) << 64) | u0) - static_cast<U128>(d0) * q1 - d;  // modulo 2^128
    ++q1;
    // Taken about half the time, so select instead of branching.
    const std::uint64_t too_large = 0 - static_cast<std::uint64_t>(hi64(r) >= q0);
    q1 += too_large;
    r += d & ((static_cast<U128>(too_large) << 64) | too_large);
    if (r >= d) [[unlikely]] {
        ++q1;
        r -= d;
    }
    return {q1, r};
}

// un[0..n) -= q * vn[0..n); returns the limb to subtract from un[n] (the high limb of
// the product plus the borrow, which together never exceed 2^64 - 1).
std::uint64_t submul(std::uint64_t* un, const std::uint64_t* vn, int n, std::uint64_t q) noexcept {
    std::uint64_t carry = 0;
    for (int i = 0; i < n; ++i) {
        const U128 p = static_cast<U128>(q) * vn[i] + carry;
        const std::uint64_t before = un[i];
        un[i] = before - lo64(p);
        carry = hi64(p) + (before < lo64(p) ? 1 : 0);
    }
    return carry;
}

// Knuth's algorithm D (TAOCP 4.3.1). u has m limbs, v has n limbs, 2 <= n <= m <= 8,
// v[n-1] != 0. Writes m - n + 1 quotient limbs to q (when q is not null) and n
// remainder limbs to r.
//
// Step D3 estimates each quotient digit from the top three remainder limbs and the top
// two divisor limbs; here that estimate is computed exactly by a 3by2 division with a
// precomputed reciprocal instead of Knuth's trial division and correction loop. As in
// Knuth, it is then at most one too large, which the add-back step D6 repairs.
void divide_knuth(std::uint64_t* q, std::uint64_t* r, const std::uint64_t* u, int m, const std::uint64_t* v,
                  int n) noexcept {
    // D1: normalize so the divisor's top bit is set; the dividend gains a limb.
    const auto shift = static_cast<unsigned>(__builtin_clzll(v[n - 1]));
    std::uint64_t vn[4];
    for (int i = n - 1; i > 0; --i) vn[i] = uint256_detail::funnel_left(v[i], v[i - 1], shift);
    vn[0] = v[0] << shift;
    std::uint64_t un[9];
    un[m] = shift == 0 ? 0 : u[m - 1] >> (64 - shift);
    for (int i = m - 1; i > 0; --i) un[i] = uint256_detail::funnel_left(u[i], u[i - 1], shift);
    un[0] = u[0] << shift;

    const std::uint64_t d1 = vn[n - 1];
    const std::uint64_t d0 = vn[n - 2];
    const std::uint64_t recip = reciprocal_3by2(d1, d0);

    for (int j = m - n; j >= 0; --j) {
        // The partial remainder un[j+1..j+n] is below vn, so (u2, u1) <= (d1, d0).
        const std::uint64_t u2 = un[j + n];
        const std::uint64_t u1 = un[j + n - 1];
        const std::uint64_t u0 = un[j + n - 2];
        std::uint64_t qhat;
        if (u2 == d1 && u1 == d0) [[unlikely]] {
            // Out of the 3by2 range; the digit is exactly 2^64 - 1 (bounded above by the
            // invariant and below because d1 >= 2^63), so no add-back can follow.
            qhat = ~std::uint64_t{0};
            un[j + n] -= submul(un + j, vn, n, qhat);
        } else {
            const QuotRem128 qr = udivrem_3by2(u2, u1, u0, d1, d0, recip);
            qhat = qr.quot;
            // D4: the top two limbs of the difference are the 3by2 remainder; subtract
            // qhat times the lower divisor limbs and carry into them.
            const std::uint64_t carry = submul(un + j, vn, n - 2, qhat);
            const std::uint64_t r0 = lo64(qr.rem);
            const std::uint64_t r1 = hi64(qr.rem);
            const std::uint64_t borrow0 = r0 < carry ? 1 : 0;
            un[j + n - 2] = r0 - carry;
            un[j + n - 1] = r1 - borrow0;
            un[j + n] = 0;
            // D5/D6: negative means qhat was one too large (probability about 2/2^64 for
            // random inputs): add the divisor back; the carry out cancels the borrow.
            if (r1 < borrow0) [[unlikely]] {
                --qhat;
                std::uint64_t c = 0;
                for (int i = 0; i < n; ++i) {
                    const U128 s = static_cast<U128>(un[i + j]) + vn[i] + c;
                    un[i + j] = lo64(s);
                    c = hi64(s);
                }
            }
        }
        if (q != nullptr) q[j] = qhat;
    }

    // D8: unnormalize the remainder.
    for (int i = 0; i < n - 1; ++i) r[i] = uint256_detail::funnel_right(un[i + 1], un[i], shift);
    r[n - 1] = un[n - 1] >> shift;
}

// u[0..m) mod v, m <= 8 limbs. REQUIRES: v != 0.
Uint256 remainder_limbs(const std::uint64_t* u, int m, const Uint256& v) noexcept {
    m = significant_limbs(u, m);
    const int n = significant_limbs(v.w.data(), 4);
    Uint256 r;
    if (m < n) {
        std::copy(u, u + m, r.w.begin());
        return r;
    }
    if (n == 1) {
        std::uint64_t q[8];
        r.w[0] = divide_by_limb(q, u, m, v.w[0]);
        return r;
    }
    divide_knuth(nullptr, r.w.data(), u, m, v.w.data(), n);
    return r;
}

Uint256 square(const Uint256& x) noexcept {
    // The cross products x[i]*x[j] (i != j) appear twice; compute them once and double.
    Uint256 r;
    U128 t = static_cast<U128>(x.w[0]) * x.w[1];
    r.w[1] = lo64(t);
    t = static_cast<U128>(x.w[0]) * x.w[2] + hi64(t);
    r.w[2] = lo64(t);
    r.w[3] = x.w[0] * x.w[3] + hi64(t);
    t = static_cast<U128>(x.w[1]) * x.w[2] + r.w[3];
    r.w[3] = lo64(t);
    // Double the cross products (the bit shifted out of r.w[3] is above 2^256).
    r.w[3] = (r.w[3] << 1) | (r.w[2] >> 63);
    r.w[2] = (r.w[2] << 1) | (r.w[1] >> 63);
    r.w[1] <<= 1;
    // Add the squares x[0]^2 at limb 0 and x[1]^2 at limb 2.
    const U128 s0 = static_cast<U128>(x.w[0]) * x.w[0];
    const U128 s1 = static_cast<U128>(x.w[1]) * x.w[1];
    return r + Uint256{lo64(s0), hi64(s0), lo64(s1), hi64(s1)};
}

}  // namespace

// ---- Division ----

DivResult udivrem(const Uint256& a, const Uint256& b) noexcept {
    const int n = significant_limbs(b.w.data(), 4);
    if (n == 0) return {};
    const int m = significant_limbs(a.w.data(), 4);
    if (m < n || (m == n && a < b)) return {Uint256{}, a};
    DivResult res;
    if (n == 1) {
        if (m == 1) return {Uint256{a.w[0] / b.w[0]}, Uint256{a.w[0] % b.w[0]}};
        res.rem.w[0] = divide_by_limb(res.quot.w.data(), a.w.data(), m, b.w[0]);
        return res;
    }
    divide_knuth(res.quot.w.data(), res.rem.w.data(), a.w.data(), m, b.w.data(), n);
    return res;
}

Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept {
    const bool neg_a = is_negative(a);
    const bool neg_b = is_negative(b);
    const Uint256 q = udivrem(neg_a ? -a : a, neg_b ? -b : b).quot;
    // -2^255 / -1: |a| = 2^255 and the quotient 2^255 reads back as -2^255.
    return neg_a != neg_b ? -q : q;
}

Uint256 smod(const Uint256& a, const Uint256& b) noexcept {
    const bool neg_a = is_negative(a);
    const Uint256 r = udivrem(neg_a ? -a : a, is_negative(b) ? -b : b).rem;
    return neg_a ? -r : r;
}

Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    const auto [sum, carry] = add_overflow(a, b);
    if (a < m && b < m) {
        // a + b < 2m: at most one subtraction, which also absorbs the carry.
        return (carry || sum >= m) ? sum - m : sum;
    }
    const std::uint64_t u[5] = {sum.w[0], sum.w[1], sum.w[2], sum.w[3], carry ? 1U : 0U};
    return remainder_limbs(u, 5, m);
}

Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept {
    if (m.is_zero()) return {};
    const int na = significant_limbs(a.w.data(), 4);
    const int nb = significant_limbs(b.w.data(), 4);
    if (na == 0 || nb == 0) return {};
    // Full product, schoolbook limited to the operands' significant limbs.
    std::uint64_t p[8] = {};
    for (int i = 0; i < na; ++i) {
        std::uint64_t carry = 0;
        for (int j = 0; j < nb; ++j) {
            const U128 t = static_cast<U128>(a.w.data()[i]) * b.w.data()[j] + p[i + j] + carry;
            p[i + j] = lo64(t);
            carry = hi64(t);
        }
        p[i + nb] = carry;
    }
    return remainder_limbs(p, na + nb, m);
}

// ---- Exponentiation ----

Uint256 exp(const Uint256& base, const Uint256& exponent) noexcept {
    if (exponent.is_zero()) return Uint256{1};
    if (base.fits_u64() && base.w[0] <= 1) return base;  // 0^e = 0 and 1^e = 1 for e > 0
    // A power-of-two base 2^k (2, 256, ..., as contracts build shifts and byte masks):
    // the result is 2^(k*e), zero once k*e reaches 256.
    if ((base & (base - 1)).is_zero()) {
        const unsigned k = 255 - count_leading_zeros(base);
        return exponent.fits_u64() && exponent.w[0] < 256 ? Uint256{1} << (k * exponent.w[0]) : Uint256{};
    }

    const unsigned bits = 256 - count_leading_zeros(exponent);
    const auto bit = [&exponent](unsigned i) { return (exponent.w[i / 64] >> (i % 64)) & 1; };
    if (bits <= 32) {
        // Left-to-right binary: at most 31 squarings and 31 multiplications.
        Uint256 result = base;  // the top exponent bit
        for (unsigned i = bits - 1; i-- > 0;) {
            result = square(result);
            if (bit(i) != 0) result = result * base;
        }
        return result;
    }

    // Longer exponents: fixed 4-bit windows. 14 multiplications build base^0..base^15,
    // then each window costs four squarings and at most one multiplication, against one
    // multiplication per set bit (and a mispredicted branch on each random bit) above.
    Uint256 powers[16];
    powers[0] = Uint256{1};
    powers[1] = base;
    for (std::size_t i = 2; i < 16; ++i) powers[i] = powers[i - 1] * base;
    const auto window = [&exponent](unsigned n) { return (exponent.w[n / 16] >> (n % 16 * 4)) & 0xf; };
    const unsigned windows = (bits + 3) / 4;
    Uint256 result = powers[window(windows - 1)];
    for (unsigned n = windows - 1; n-- > 0;) {
        result = square(square(square(square(result))));
        if (const std::uint64_t digit = window(n); digit != 0) result = result * powers[digit];
        // An even base reaches zero once 2^256 divides the power; stop early.
        if (result.is_zero()) break;
    }
    return result;
}

// ---- Bytes ----

Uint256 Uint256::from_be_bytes(ByteView bytes) noexcept {
    if (bytes.size() > 32) bytes = bytes.last(32);
    std::uint8_t padded[32] = {};
    if (!bytes.empty()) std::memcpy(padded + (32 - bytes.size()), bytes.data(), bytes.size());
    Uint256 x;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t limb = 0;
        std::memcpy(&limb, padded + 8 * (3 - i), 8);
        x.w[i] = __builtin_bswap64(limb);
    }
    return x;
}

void Uint256::to_be_bytes(std::uint8_t out[32]) const noexcept {
    for (std::size_t i = 0; i < 4; ++i) {
        const std::uint64_t limb = __builtin_bswap64(w[3 - i]);
        std::memcpy(out + 8 * i, &limb, 8);
    }
}

Hash Uint256::to_hash() const noexcept {
    Hash h;
    to_be_bytes(h.data());
    return h;
}

Bytes Uint256::to_be_bytes_trimmed() const {
    std::uint8_t full[32];
    to_be_bytes(full);
    const unsigned n = count_significant_bytes(*this);
    return Bytes(full + (32 - n), full + 32);
}

// ---- Strings ----

std::string to_string(const Uint256& x) {
    // Peel off 19 decimal digits at a time (10^19 is the largest power of ten below 2^64).
    constexpr std::uint64_t kChunk = 10'000'000'000'000'000'000ULL;
    char buf[80];
    char* end = buf + sizeof(buf);
    char* p = end;
    Uint256 rest = x;
    do {
        std::uint64_t chunk = 0;
        if (rest < Uint256{kChunk}) {
            chunk = rest.w[0];
            rest = Uint256{};
        } else {
            Uint256 q;
            chunk = divide_by_limb(q.w.data(), rest.w.data(), significant_limbs(rest.w.data(), 4), kChunk);
            rest = q;
        }
        // Full chunks below the top one keep their leading zeros.
        for (int digits = 0; digits < 19 && (chunk != 0 || !rest.is_zero()); ++digits) {
            *--p = static_cast<char>('0' + chunk % 10);
            chunk /= 10;
        }
    } while (!rest.is_zero());
    if (p == end) *--p = '0';
    return std::string(p, end);
}

std::string to_hex(const Uint256& x) {
    constexpr char kDigits[] = "0123456789abcdef";
    const unsigned nibbles = std::max(1U, (256 - count_leading_zeros(x) + 3) / 4);
    std::string out(2 + nibbles, '0');
    out[1] = 'x';
    for (unsigned i = 0; i < nibbles; ++i) {
        out[out.size() - 1 - i] = kDigits[(x.w[i / 16] >> (i % 16 * 4)) & 0xf];
    }
    return out;
}

std::optional<Uint256> uint256_from_string(std::string_view s) noexcept {
    std::uint64_t base = 10;
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    }
    if (s.empty()) return std::nullopt;
    Uint256 x;
    for (const char c : s) {
        const auto digit = static_cast<std::uint64_t>(uint256_detail::digit_value(c));
        if (digit >= base) return std::nullopt;
        if (uint256_detail::mul_add_small(x, base, digit) != 0) return std::nullopt;
    }
    return x;
}

std::ostream& operator<<(std::ostream& os, const Uint256& x) { return os << to_hex(x); }

}  // namespace optimist
