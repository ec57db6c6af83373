#include <optimist/crypto/hashes.hpp>

#include <openssl/evp.h>
#include <openssl/provider.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace optimist::crypto {
namespace {

// Fetched once and never freed: explicit fetching avoids OpenSSL 3's per-call implicit
// lookup (a lock and a hash-table probe on every digest), and keeping the objects alive
// until exit lets threads hash during static destruction.
const EVP_MD* fetch_sha256() noexcept {
    static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

const EVP_MD* fetch_ripemd160() noexcept {
    static const EVP_MD* const md = []() -> const EVP_MD* {
        // OpenSSL >= 3.0.7 has RIPEMD-160 in the default provider again; older 3.0
        // releases only in the legacy one. retain_fallbacks=1 keeps the default provider
        // loaded alongside it.
        if (EVP_MD* found = EVP_MD_fetch(nullptr, "RIPEMD160", nullptr)) return found;
        if (OSSL_PROVIDER_try_load(nullptr, "legacy", 1) == nullptr) return nullptr;
        return EVP_MD_fetch(nullptr, "RIPEMD160", "provider=legacy");
    }();
    return md;
}

struct MdCtxDeleter {
    void operator()(EVP_MD_CTX* ctx) const noexcept { EVP_MD_CTX_free(ctx); }
};

// One reusable digest context per thread: EVP_MD_CTX_new per call would allocate.
EVP_MD_CTX* thread_context() noexcept {
    thread_local const std::unique_ptr<EVP_MD_CTX, MdCtxDeleter> ctx(EVP_MD_CTX_new());
    return ctx.get();
}

[[noreturn]] void die(const char* what) noexcept {
    std::fprintf(stderr, "optimist::crypto: %s\n", what);
    std::abort();
}

template <std::size_t N>
FixedBytes<N> digest(const EVP_MD* md, ByteView data, const char* unavailable) noexcept {
    if (md == nullptr) die(unavailable);
    EVP_MD_CTX* ctx = thread_context();
    FixedBytes<N> out;
    unsigned int len = 0;
    // These calls fail only on allocation failure or a provider bug; neither leaves a
    // meaningful digest to return.
    if (ctx == nullptr || EVP_DigestInit_ex2(ctx, md, nullptr) != 1 ||
        EVP_DigestUpdate(ctx, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(ctx, out.data(), &len) != 1 || len != N) {
        die("an OpenSSL digest call failed");
    }
    return out;
}

}  // namespace

Hash sha256(ByteView data) noexcept {
    return digest<32>(fetch_sha256(), data, "SHA-256 is unavailable from OpenSSL");
}

FixedBytes<20> ripemd160(ByteView data) noexcept {
    return digest<20>(
        fetch_ripemd160(), data,
        "RIPEMD-160 is unavailable: OpenSSL has it in neither the default nor the legacy provider");
}

bool ripemd160_available() noexcept { return fetch_ripemd160() != nullptr; }

}  // namespace optimist::crypto
