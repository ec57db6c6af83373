// Cross-checks every Uint256 operation against GMP on random operands.
//
// Operands come from a fixed-seed std::mt19937_64 (each test has its own seed, so a
// failure reproduces by rerunning that test alone) and mix uniformly random words with
// values of random bit length (divisors of one to four limbs, quotients of every size),
// edge values (0, 1, 2^k, 2^k - 1, -2^k, 2^255, 2^256 - 1), limb patterns that provoke
// the rare corrections of long division, and negated small values for the signed
// operations. Each operation runs OPTIMIST_GMP_CASES cases (default 1,000,000).
//
// The reference side never calls Uint256 arithmetic: operands go to GMP through their
// limbs and results come back the same way, then compare limb for limb.
#include <optimist/core/uint256.hpp>

#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <gmp.h>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace optimist {
namespace {

static_assert(sizeof(mp_limb_t) == sizeof(std::uint64_t), "GMP limbs must be 64-bit");

constexpr int kMaxReportedFailures = 10;

std::uint64_t case_count() {
    if (const char* env = std::getenv("OPTIMIST_GMP_CASES"); env != nullptr && *env != '\0') {
        return std::strtoull(env, nullptr, 10);
    }
    return 1'000'000;
}

// ---- GMP glue ----

class Mpz {
public:
    Mpz() { mpz_init2(z_, 576); }
    ~Mpz() { mpz_clear(z_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;
    mpz_ptr get() { return z_; }
    operator mpz_ptr() { return z_; }  // NOLINT(google-explicit-constructor)

private:
    mpz_t z_;
};

// z = x read as unsigned.
void set_unsigned(mpz_ptr z, const Uint256& x) {
    mp_limb_t* p = mpz_limbs_write(z, 4);
    for (int i = 0; i < 4; ++i) p[i] = x.w[i];
    int n = 4;
    while (n > 0 && p[n - 1] == 0) --n;
    mpz_limbs_finish(z, n);
}

// z = x read as two's complement.
void set_signed(mpz_ptr z, const Uint256& x) {
    set_unsigned(z, x);
    if ((x.w[3] >> 63) != 0) {
        mpz_t two256;
        mpz_init_set_ui(two256, 1);
        mpz_mul_2exp(two256, two256, 256);
        mpz_sub(z, z, two256);
        mpz_clear(two256);
    }
}

// z mod 2^256 (z may be negative or wider) as a Uint256.
Uint256 get_wrapped(mpz_ptr z) {
    mpz_fdiv_r_2exp(z, z, 256);
    Uint256 x;
    const std::size_t n = mpz_size(z);
    const mp_limb_t* p = mpz_limbs_read(z);
    for (std::size_t i = 0; i < n; ++i) x.w[i] = p[i];
    return x;
}

// Hex of x computed by GMP, so failure messages do not depend on the code under test.
std::string gmp_hex(const Uint256& x) {
    Mpz z;
    set_unsigned(z, x);
    std::vector<char> buf(mpz_sizeinbase(z, 16) + 2);
    mpz_get_str(buf.data(), 16, z);
    return "0x" + std::string(buf.data());
}

// ---- Operand distribution ----

class Operands {
public:
    explicit Operands(std::uint64_t seed) : rng_(seed) {}

    std::uint64_t raw() { return rng_(); }

    Uint256 uniform() { return {rng_(), rng_(), rng_(), rng_()}; }

    // Uniform among values whose bit length is exactly `bits` (0 gives zero).
    Uint256 with_bit_length(unsigned bits) {
        if (bits == 0) return {};
        Uint256 x = uniform();
        for (unsigned i = bits; i < 256; ++i) x.w[i / 64] &= ~(std::uint64_t{1} << (i % 64));
        x.w[(bits - 1) / 64] |= std::uint64_t{1} << ((bits - 1) % 64);
        return x;
    }

    Uint256 power_of_two(unsigned k) {
        Uint256 x;
        x.w[k / 64] = std::uint64_t{1} << (k % 64);
        return x;
    }

    Uint256 edge() {
        const Uint256 p = power_of_two(static_cast<unsigned>(rng_() % 256));
        const Uint256 candidates[] = {
            Uint256{},
            Uint256{1},
            power_of_two(255),                // -2^255, the most negative
            Uint256::max(),                   // -1
            p,                                // 2^k
            minus_one(p),                     // 2^k - 1
            negate(p),                        // -2^k
            minus_one(power_of_two(255)),     // 2^255 - 1, the most positive
            Uint256{rng_() % 4},              // 0 .. 3
            negate(Uint256{rng_() % 4 + 1}),  // -1 .. -4
        };
        return candidates[rng_() % std::size(candidates)];
    }

    // Each limb from {0, 1, 2^63 - 1, 2^63, 2^64 - 1, random}: runs of extreme limbs make
    // the quotient-digit estimate in long division need its corrections.
    Uint256 limb_pattern() {
        constexpr std::uint64_t kLimbs[] = {0, 1, ~std::uint64_t{0} >> 1, std::uint64_t{1} << 63,
                                            ~std::uint64_t{0}};
        Uint256 x;
        for (auto& limb : x.w) {
            const std::uint64_t pick = rng_() % 6;
            limb = pick < 5 ? kLimbs[pick] : rng_();
        }
        return x;
    }

    Uint256 next() {
        const std::uint64_t roll = rng_() % 16;
        if (roll < 5) return uniform();
        if (roll < 10) return with_bit_length(static_cast<unsigned>(rng_() % 257));
        if (roll < 12) return edge();
        if (roll < 14) return limb_pattern();
        if (roll < 15) return negate(with_bit_length(static_cast<unsigned>(rng_() % 257)));
        return with_bit_length(static_cast<unsigned>(rng_() % 65));  // one limb
    }

    // A second operand: usually independent, sometimes close to the first so that
    // quotients of 0, 1 and 2 and near-equal signed values occur often.
    Uint256 next_related(const Uint256& a) {
        if (rng_() % 8 != 0) return next();
        const Uint256 candidates[] = {a,
                                      add_small(a, 1),
                                      minus_one(a),
                                      shift_right(a, 1),
                                      shift_right(a, static_cast<unsigned>(rng_() % 64)),
                                      negate(a)};
        return candidates[rng_() % std::size(candidates)];
    }

    // Shift amounts and byte indices: mostly in and around the meaningful range, sometimes
    // any word (a huge amount must behave like 256).
    Uint256 next_index(std::uint64_t range) {
        if (rng_() % 4 != 0) return Uint256{rng_() % range};
        return next();
    }

private:
    // Reference-side helpers written on limbs so the generator does not rely on the code
    // under test.
    static Uint256 negate(const Uint256& x) {
        Uint256 r;
        std::uint64_t carry = 1;
        for (int i = 0; i < 4; ++i) {
            const std::uint64_t s = ~x.w[i] + carry;
            carry = (carry != 0 && s == 0) ? 1 : 0;
            r.w[i] = s;
        }
        return r;
    }
    static Uint256 add_small(const Uint256& x, std::uint64_t v) {
        Uint256 r = x;
        for (int i = 0; i < 4 && v != 0; ++i) {
            r.w[i] += v;
            v = r.w[i] < v ? 1 : 0;
        }
        return r;
    }
    static Uint256 minus_one(const Uint256& x) {
        Uint256 r = x;
        for (int i = 0; i < 4; ++i) {
            if (r.w[i]-- != 0) break;
        }
        return r;
    }
    static Uint256 shift_right(const Uint256& x, unsigned bits) {
        if (bits == 0) return x;
        Uint256 r;
        for (int i = 0; i < 4; ++i) {
            r.w[i] = x.w[i] >> bits;
            if (i < 3) r.w[i] |= x.w[i + 1] << (64 - bits);
        }
        return r;
    }

    std::mt19937_64 rng_;
};

// Counts failures and stops reporting after a few.
class Failures {
public:
    explicit Failures(const char* op) : op_(op) {}
    // Returns false once too many failures were reported (the caller stops the loop).
    template <typename... Words>
    bool report(std::uint64_t case_index, const Uint256& got, const Uint256& want, const Words&... operands) {
        std::string args;
        ((args += (args.empty() ? "" : ", ") + gmp_hex(operands)), ...);
        ADD_FAILURE() << op_ << "(" << args << ") at case " << case_index << ": got " << gmp_hex(got)
                      << ", want " << gmp_hex(want);
        return ++count_ < kMaxReportedFailures;
    }
    bool report_text(std::uint64_t case_index, const std::string& text) {
        ADD_FAILURE() << op_ << " at case " << case_index << ": " << text;
        return ++count_ < kMaxReportedFailures;
    }

private:
    const char* op_;
    int count_ = 0;
};

// Runs `body(case_index)` for every case; body returns false to stop.
template <typename Body>
void for_each_case(Body body) {
    const std::uint64_t n = case_count();
    for (std::uint64_t i = 0; i < n; ++i) {
        if (!body(i)) return;
    }
}

// ---- Arithmetic ----

TEST(Uint256Gmp, Add) {
    Operands gen(1);
    Failures failures("add");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_unsigned(za, a);
        set_unsigned(zb, b);
        mpz_add(zr, za, zb);
        const bool want_carry = mpz_sizeinbase(zr, 2) > 256;
        const Uint256 want = get_wrapped(zr);
        const auto [sum, carry] = add_overflow(a, b);
        Uint256 compound = a;
        compound += b;
        if (a + b != want || sum != want || compound != want) return failures.report(i, a + b, want, a, b);
        if (carry != want_carry) return failures.report(i, Uint256{carry}, Uint256{want_carry}, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Sub) {
    Operands gen(2);
    Failures failures("sub");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_unsigned(za, a);
        set_unsigned(zb, b);
        mpz_sub(zr, za, zb);
        const bool want_borrow = mpz_sgn(zr.get()) < 0;
        const Uint256 want = get_wrapped(zr);
        const auto [diff, borrow] = sub_overflow(a, b);
        Uint256 compound = a;
        compound -= b;
        if (a - b != want || diff != want || compound != want) return failures.report(i, a - b, want, a, b);
        if (borrow != want_borrow) return failures.report(i, Uint256{borrow}, Uint256{want_borrow}, a, b);
        // Negation is subtraction from zero.
        mpz_neg(zr, za);
        const Uint256 want_neg = get_wrapped(zr);
        if (-a != want_neg) return failures.report(i, -a, want_neg, a);
        return true;
    });
}

TEST(Uint256Gmp, Mul) {
    Operands gen(3);
    Failures failures("mul");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_unsigned(za, a);
        set_unsigned(zb, b);
        mpz_mul(zr, za, zb);
        const Uint256 want = get_wrapped(zr);
        Uint256 compound = a;
        compound *= b;
        if (a * b != want || compound != want) return failures.report(i, a * b, want, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Div) {
    Operands gen(4);
    Failures failures("div");
    Mpz za, zb, zq, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        Uint256 want;
        Uint256 want_rem;
        if (!b.is_zero()) {
            set_unsigned(za, a);
            set_unsigned(zb, b);
            mpz_tdiv_qr(zq, zr, za, zb);
            want = get_wrapped(zq);
            want_rem = get_wrapped(zr);
        }
        const DivResult qr = udivrem(a, b);
        Uint256 compound = a;
        compound /= b;
        if (a / b != want || qr.quot != want || compound != want)
            return failures.report(i, a / b, want, a, b);
        if (qr.rem != want_rem) return failures.report(i, qr.rem, want_rem, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Mod) {
    Operands gen(5);
    Failures failures("mod");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        Uint256 want;
        if (!b.is_zero()) {
            set_unsigned(za, a);
            set_unsigned(zb, b);
            mpz_tdiv_r(zr, za, zb);
            want = get_wrapped(zr);
        }
        Uint256 compound = a;
        compound %= b;
        if (a % b != want || compound != want) return failures.report(i, a % b, want, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Sdiv) {
    Operands gen(6);
    Failures failures("sdiv");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        Uint256 want;
        if (!b.is_zero()) {
            set_signed(za, a);
            set_signed(zb, b);
            mpz_tdiv_q(zr, za, zb);  // rounds toward zero, as SDIV does
            want = get_wrapped(zr);
        }
        if (sdiv(a, b) != want) return failures.report(i, sdiv(a, b), want, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Smod) {
    Operands gen(7);
    Failures failures("smod");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        Uint256 want;
        if (!b.is_zero()) {
            set_signed(za, a);
            set_signed(zb, b);
            mpz_tdiv_r(zr, za, zb);  // sign of the dividend, as SMOD
            want = get_wrapped(zr);
        }
        if (smod(a, b) != want) return failures.report(i, smod(a, b), want, a, b);
        return true;
    });
}

TEST(Uint256Gmp, Addmod) {
    Operands gen(8);
    Failures failures("addmod");
    Mpz za, zb, zm, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        // The modulus is often near the operands so the a, b < m fast path is exercised.
        const Uint256 m = gen.raw() % 2 == 0 ? gen.next() : gen.next_related(b);
        Uint256 want;
        if (!m.is_zero()) {
            set_unsigned(za, a);
            set_unsigned(zb, b);
            set_unsigned(zm, m);
            mpz_add(zr, za, zb);
            mpz_tdiv_r(zr, zr, zm);
            want = get_wrapped(zr);
        }
        if (addmod(a, b, m) != want) return failures.report(i, addmod(a, b, m), want, a, b, m);
        return true;
    });
}

TEST(Uint256Gmp, Mulmod) {
    Operands gen(9);
    Failures failures("mulmod");
    Mpz za, zb, zm, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        const Uint256 m = gen.raw() % 2 == 0 ? gen.next() : gen.next_related(b);
        Uint256 want;
        if (!m.is_zero()) {
            set_unsigned(za, a);
            set_unsigned(zb, b);
            set_unsigned(zm, m);
            mpz_mul(zr, za, zb);
            mpz_tdiv_r(zr, zr, zm);
            want = get_wrapped(zr);
        }
        if (mulmod(a, b, m) != want) return failures.report(i, mulmod(a, b, m), want, a, b, m);
        return true;
    });
}

TEST(Uint256Gmp, Exp) {
    Operands gen(10);
    Failures failures("exp");
    Mpz za, zb, zm, zr;
    mpz_set_ui(zm, 1);
    mpz_mul_2exp(zm, zm, 256);
    for_each_case([&](std::uint64_t i) {
        const Uint256 base = gen.next();
        // Exponents: any word, or small ones where the result is not trivially 0 or 1.
        const Uint256 exponent = gen.raw() % 4 == 0 ? Uint256{gen.raw() % 300} : gen.next();
        set_unsigned(za, base);
        set_unsigned(zb, exponent);
        mpz_powm(zr, za, zb, zm);
        const Uint256 want = get_wrapped(zr);
        if (exp(base, exponent) != want) return failures.report(i, exp(base, exponent), want, base, exponent);
        return true;
    });
}

// ---- Bit operations ----

TEST(Uint256Gmp, Signextend) {
    Operands gen(11);
    Failures failures("signextend");
    Mpz zx, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 index = gen.next_index(40);
        const Uint256 x = gen.next();
        Uint256 want = x;
        if (index.fits_u64() && index.w[0] < 31) {
            const auto bits = static_cast<mp_bitcnt_t>(8 * (index.w[0] + 1));
            set_unsigned(zx, x);
            mpz_fdiv_r_2exp(zr, zx, bits);
            if (mpz_tstbit(zr, bits - 1) != 0) {
                mpz_set_ui(zx, 1);
                mpz_mul_2exp(zx, zx, bits);
                mpz_sub(zr, zr, zx);
            }
            want = get_wrapped(zr);
        }
        if (signextend(index, x) != want) return failures.report(i, signextend(index, x), want, index, x);
        return true;
    });
}

TEST(Uint256Gmp, Shl) {
    Operands gen(12);
    Failures failures("shl");
    Mpz zx, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 shift = gen.next_index(300);
        const Uint256 x = gen.next();
        Uint256 want;
        if (shift.fits_u64() && shift.w[0] < 256) {
            set_unsigned(zx, x);
            mpz_mul_2exp(zr, zx, shift.w[0]);
            want = get_wrapped(zr);
        }
        Uint256 compound = x;
        compound <<= shift;
        if (shl(shift, x) != want || compound != want)
            return failures.report(i, shl(shift, x), want, shift, x);
        if (shift.fits_u64() && (x << shift.w[0]) != want)
            return failures.report(i, x << shift.w[0], want, shift, x);
        return true;
    });
}

TEST(Uint256Gmp, Shr) {
    Operands gen(13);
    Failures failures("shr");
    Mpz zx, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 shift = gen.next_index(300);
        const Uint256 x = gen.next();
        Uint256 want;
        if (shift.fits_u64() && shift.w[0] < 256) {
            set_unsigned(zx, x);
            mpz_fdiv_q_2exp(zr, zx, shift.w[0]);
            want = get_wrapped(zr);
        }
        Uint256 compound = x;
        compound >>= shift;
        if (shr(shift, x) != want || compound != want)
            return failures.report(i, shr(shift, x), want, shift, x);
        if (shift.fits_u64() && (x >> shift.w[0]) != want)
            return failures.report(i, x >> shift.w[0], want, shift, x);
        return true;
    });
}

TEST(Uint256Gmp, Sar) {
    Operands gen(14);
    Failures failures("sar");
    Mpz zx, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 shift = gen.next_index(300);
        const Uint256 x = gen.next();
        set_signed(zx, x);
        // Floor division by 2^n is the arithmetic shift; past 256 bits it saturates at
        // 0 or -1.
        const mp_bitcnt_t n = shift.fits_u64() && shift.w[0] < 300 ? shift.w[0] : 300;
        mpz_fdiv_q_2exp(zr, zx, n);
        const Uint256 want = get_wrapped(zr);
        if (sar(shift, x) != want) return failures.report(i, sar(shift, x), want, shift, x);
        return true;
    });
}

TEST(Uint256Gmp, Byte) {
    Operands gen(15);
    Failures failures("byte");
    Mpz zx, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 index = gen.next_index(40);
        const Uint256 x = gen.next();
        Uint256 want;
        if (index.fits_u64() && index.w[0] < 32) {
            set_unsigned(zx, x);
            mpz_fdiv_q_2exp(zr, zx, 8 * (31 - index.w[0]));
            mpz_fdiv_r_2exp(zr, zr, 8);
            want = get_wrapped(zr);
        }
        if (byte_at(index, x) != want) return failures.report(i, byte_at(index, x), want, index, x);
        return true;
    });
}

TEST(Uint256Gmp, BitwiseAndCounts) {
    Operands gen(16);
    Failures failures("bitwise");
    Mpz za, zb, zr;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_unsigned(za, a);
        set_unsigned(zb, b);
        mpz_and(zr, za, zb);
        if ((a & b) != get_wrapped(zr)) return failures.report(i, a & b, get_wrapped(zr), a, b);
        mpz_ior(zr, za, zb);
        if ((a | b) != get_wrapped(zr)) return failures.report(i, a | b, get_wrapped(zr), a, b);
        mpz_xor(zr, za, zb);
        if ((a ^ b) != get_wrapped(zr)) return failures.report(i, a ^ b, get_wrapped(zr), a, b);
        mpz_com(zr, za);
        if (~a != get_wrapped(zr)) return failures.report(i, ~a, get_wrapped(zr), a);
        const unsigned bit_length = a.is_zero() ? 0 : static_cast<unsigned>(mpz_sizeinbase(za, 2));
        if (count_leading_zeros(a) != 256 - bit_length) {
            return failures.report(i, Uint256{count_leading_zeros(a)}, Uint256{256 - bit_length}, a);
        }
        if (count_significant_bytes(a) != (bit_length + 7) / 8) {
            return failures.report(i, Uint256{count_significant_bytes(a)}, Uint256{(bit_length + 7) / 8}, a);
        }
        return true;
    });
}

// ---- Comparisons ----

TEST(Uint256Gmp, UnsignedCompare) {
    Operands gen(17);
    Failures failures("compare");
    Mpz za, zb;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_unsigned(za, a);
        set_unsigned(zb, b);
        const int c = mpz_cmp(za, zb);
        const bool ok = (a < b) == (c < 0) && (a > b) == (c > 0) && (a <= b) == (c <= 0) &&
                        (a >= b) == (c >= 0) && (a == b) == (c == 0) && (a != b) == (c != 0);
        if (!ok) return failures.report(i, Uint256{a < b}, Uint256{c < 0}, a, b);
        return true;
    });
}

TEST(Uint256Gmp, SignedCompare) {
    Operands gen(18);
    Failures failures("signed compare");
    Mpz za, zb;
    for_each_case([&](std::uint64_t i) {
        const Uint256 a = gen.next();
        const Uint256 b = gen.next_related(a);
        set_signed(za, a);
        set_signed(zb, b);
        const int c = mpz_cmp(za, zb);
        if (slt(a, b) != (c < 0)) return failures.report(i, Uint256{slt(a, b)}, Uint256{c < 0}, a, b);
        if (sgt(a, b) != (c > 0)) return failures.report(i, Uint256{sgt(a, b)}, Uint256{c > 0}, a, b);
        if (is_negative(a) != (mpz_sgn(za.get()) < 0))
            return failures.report(i, Uint256{is_negative(a)}, Uint256{}, a);
        return true;
    });
}

// ---- Conversions ----

TEST(Uint256Gmp, Bytes) {
    Operands gen(19);
    Failures failures("bytes");
    Mpz zx;
    std::uint8_t input[40];
    for_each_case([&](std::uint64_t i) {
        // from_be_bytes on 0..40 bytes: the value of the last min(n, 32) bytes.
        const std::size_t n = gen.raw() % 41;
        for (std::size_t k = 0; k < n; ++k)
            input[k] = static_cast<std::uint8_t>(gen.raw() % 4 == 0 ? 0 : gen.raw());
        const std::size_t kept = n > 32 ? 32 : n;
        mpz_import(zx, kept, 1, 1, 1, 0, input + (n - kept));
        const Uint256 want = get_wrapped(zx);
        const Uint256 got = Uint256::from_be_bytes(ByteView{input, n});
        if (got != want) return failures.report(i, got, want);

        // to_be_bytes / to_hash / to_be_bytes_trimmed against mpz_export.
        const Uint256 x = gen.next();
        set_unsigned(zx, x);
        std::uint8_t want_bytes[32] = {};
        std::size_t count = 0;
        std::uint8_t exported[32];
        mpz_export(exported, &count, 1, 1, 1, 0, zx);
        std::memcpy(want_bytes + (32 - count), exported, count);
        std::uint8_t out[32];
        x.to_be_bytes(out);
        const Hash h = x.to_hash();
        const Bytes trimmed = x.to_be_bytes_trimmed();
        if (std::memcmp(out, want_bytes, 32) != 0 || std::memcmp(h.data(), want_bytes, 32) != 0) {
            return failures.report_text(i, "to_be_bytes of " + gmp_hex(x));
        }
        if (trimmed.size() != count || (count != 0 && std::memcmp(trimmed.data(), exported, count) != 0)) {
            return failures.report_text(i, "to_be_bytes_trimmed of " + gmp_hex(x));
        }
        if (Uint256::from_hash(h) != x) return failures.report(i, Uint256::from_hash(h), x);
        return true;
    });
}

TEST(Uint256Gmp, Strings) {
    Operands gen(20);
    Failures failures("strings");
    Mpz zx;
    std::vector<char> buf(100);
    for_each_case([&](std::uint64_t i) {
        const Uint256 x = gen.next();
        set_unsigned(zx, x);
        const std::string dec = mpz_get_str(buf.data(), 10, zx);
        const std::string hex = "0x" + std::string(mpz_get_str(buf.data(), 16, zx));
        if (to_string(x) != dec)
            return failures.report_text(i, "to_string: got " + to_string(x) + ", want " + dec);
        if (to_hex(x) != hex) return failures.report_text(i, "to_hex: got " + to_hex(x) + ", want " + hex);

        // Parse GMP's digits, with random leading zeros and digit case.
        std::string dec_in = std::string(gen.raw() % 3, '0') + dec;
        std::string hex_in = "0x" + std::string(gen.raw() % 3, '0') + hex.substr(2);
        if (gen.raw() % 2 == 0) {
            for (char& c : hex_in) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        }
        const auto parsed_dec = uint256_from_string(dec_in);
        const auto parsed_hex = uint256_from_string(hex_in);
        if (!parsed_dec || *parsed_dec != x) return failures.report_text(i, "parse " + dec_in);
        if (!parsed_hex || *parsed_hex != x) return failures.report_text(i, "parse " + hex_in);

        // A value of 2^256 or more must be rejected, however it is written.
        mpz_t big;
        mpz_init_set_ui(big, gen.raw() % 15 + 1);
        mpz_mul_2exp(big, big, 256);
        mpz_add(big, big, zx);  // x + k * 2^256, k in 1..15
        const std::string big_dec = mpz_get_str(buf.data(), 10, big);
        const std::string big_hex = "0x" + std::string(mpz_get_str(buf.data(), 16, big));
        mpz_clear(big);
        if (uint256_from_string(big_dec)) return failures.report_text(i, "accepted " + big_dec);
        if (uint256_from_string(big_hex)) return failures.report_text(i, "accepted " + big_hex);
        return true;
    });
}

}  // namespace
}  // namespace optimist
