#include "accounts.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>

#include <cassert>

namespace optimist::workload {
namespace {

void append_be64(Bytes& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

Bytes preimage(std::string_view domain, std::uint64_t seed, std::uint64_t index) {
    Bytes out(domain.begin(), domain.end());
    append_be64(out, seed);
    append_be64(out, index);
    return out;
}

}  // namespace

std::uint64_t Rng::next() noexcept {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) noexcept {
    assert(n > 0);
    // Values at or above the largest multiple of n would make the low residues likelier.
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % n);
    std::uint64_t x = next();
    while (x >= limit) x = next();
    return x % n;
}

std::uint64_t Rng::between(std::uint64_t lo, std::uint64_t hi) noexcept {
    assert(lo <= hi);
    if (hi - lo == ~std::uint64_t{0}) return next();
    return lo + below(hi - lo + 1);
}

Account derive_account(std::uint64_t seed, std::uint64_t index) {
    Bytes data = preimage("optimist/workload/account", seed, index);
    const std::size_t base = data.size();
    for (std::uint64_t attempt = 0;; ++attempt) {
        data.resize(base);
        append_be64(data, attempt);
        const Hash key = keccak256(data);
        if (auto address = crypto::address_from_private_key(key)) return {key, *address};
    }
}

Address derive_address(std::string_view domain, std::uint64_t seed, std::uint64_t index) {
    const Hash h = keccak256(preimage(domain, seed, index));
    Address a;
    std::copy(h.begin() + (Hash::size() - Address::size()), h.end(), a.bytes.begin());
    return a;
}

}  // namespace optimist::workload
