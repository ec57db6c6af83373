#include <optimist/crypto/modexp.hpp>

#include <cassert>
#include <gmp.h>

namespace optimist::crypto {
namespace {

// RAII owner of one GMP integer, so every exit path frees its limbs.
class Mpz {
public:
    Mpz() noexcept { mpz_init(v_); }
    ~Mpz() { mpz_clear(v_); }
    Mpz(const Mpz&) = delete;
    Mpz& operator=(const Mpz&) = delete;

    mpz_ptr get() noexcept { return v_; }

private:
    mpz_t v_;
};

void import_number(Mpz& out, const PaddedNumber& n) noexcept {
    assert(n.zero_padding < (std::uint64_t{1} << 61));  // 8 * padding fits mp_bitcnt_t
    if (!n.bytes.empty()) {
        // order 1 = most significant word first, size 1 = byte words, endian and nails 0.
        mpz_import(out.get(), n.bytes.size(), 1, 1, 1, 0, n.bytes.data());
    }
    if (n.zero_padding != 0 && mpz_sgn(out.get()) != 0) {
        mpz_mul_2exp(out.get(), out.get(), static_cast<mp_bitcnt_t>(n.zero_padding * 8));
    }
}

}  // namespace

Bytes modexp(PaddedNumber base, PaddedNumber exponent, PaddedNumber modulus) {
    Bytes out(modulus.length(), 0);
    if (out.empty()) return out;

    Mpz mod;
    import_number(mod, modulus);
    // mpz_powm divides by the modulus; EIP-198 clients answer x mod 0 with zeros.
    if (mpz_sgn(mod.get()) == 0) return out;

    Mpz b;
    Mpz e;
    Mpz r;
    import_number(b, base);
    import_number(e, exponent);
    mpz_powm(r.get(), b.get(), e.get(), mod.get());

    if (mpz_sgn(r.get()) != 0) {
        // r < modulus, so it fits in modulus.length() bytes; write it right-aligned.
        const std::size_t len = (mpz_sizeinbase(r.get(), 2) + 7) / 8;
        assert(len <= out.size());
        std::size_t written = 0;
        mpz_export(out.data() + (out.size() - len), &written, 1, 1, 1, 0, r.get());
        assert(written == len);
    }
    return out;
}

}  // namespace optimist::crypto
