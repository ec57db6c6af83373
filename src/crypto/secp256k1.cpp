#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>

#include <array>
#include <cassert>
#include <cstring>
#include <secp256k1.h>
#include <secp256k1_recovery.h>
#include <sys/random.h>

namespace optimist::crypto {
namespace {

secp256k1_context* make_context() noexcept {
    // SECP256K1_CONTEXT_NONE gives a context good for every operation (libsecp256k1 >= 0.2).
    secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_NONE);
    // Blinding the signing tables guards private keys against timing and power side
    // channels. It changes no output (nonces are RFC 6979), so a missing entropy source
    // only costs that protection and is not an error.
    std::array<unsigned char, 32> seed{};
    if (getrandom(seed.data(), seed.size(), 0) == static_cast<ssize_t>(seed.size())) {
        [[maybe_unused]] const int ok = secp256k1_context_randomize(ctx, seed.data());
        assert(ok == 1);
    }
    return ctx;
}

// One context for the whole process, created on first use (thread-safe static
// initialization) and randomized before any other thread can see it: randomization is
// the one call that must not race with the others. It is deliberately never destroyed,
// so a thread still verifying during static destruction cannot touch a freed context.
const secp256k1_context* context() noexcept {
    static const secp256k1_context* const ctx = make_context();
    return ctx;
}

PublicKey serialize_uncompressed(const secp256k1_pubkey& pubkey) noexcept {
    std::array<unsigned char, 65> sec1{};
    std::size_t len = sec1.size();
    [[maybe_unused]] const int ok =
        secp256k1_ec_pubkey_serialize(context(), sec1.data(), &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    assert(ok == 1 && len == 65 && sec1[0] == 0x04);
    PublicKey out;
    std::memcpy(out.data(), sec1.data() + 1, 64);
    return out;
}

}  // namespace

bool is_valid_scalar(const Hash& value) noexcept { return !value.is_zero() && value < kSecp256k1Order; }

bool is_low_s(const Hash& s) noexcept { return s <= kSecp256k1HalfOrder; }

std::optional<PublicKey> recover_public_key(const Hash& msg_hash, std::uint8_t recovery_id, const Hash& r,
                                            const Hash& s) noexcept {
    // libsecp256k1 rejects r, s >= n when parsing and zero r or s when recovering; the
    // explicit check keeps the contract independent of those details.
    if (recovery_id > 1 || !is_valid_scalar(r) || !is_valid_scalar(s)) return std::nullopt;
    std::array<unsigned char, 64> compact{};
    std::memcpy(compact.data(), r.data(), 32);
    std::memcpy(compact.data() + 32, s.data(), 32);
    secp256k1_ecdsa_recoverable_signature sig;
    if (secp256k1_ecdsa_recoverable_signature_parse_compact(context(), &sig, compact.data(), recovery_id) !=
        1) {
        return std::nullopt;
    }
    secp256k1_pubkey pubkey;
    // Recovery does not normalize s, so high-s signatures recover as the precompile
    // requires (EIP-2 restricts only transaction signatures).
    if (secp256k1_ecdsa_recover(context(), &pubkey, &sig, msg_hash.data()) != 1) return std::nullopt;
    return serialize_uncompressed(pubkey);
}

std::optional<Address> recover_address(const Hash& msg_hash, std::uint8_t recovery_id, const Hash& r,
                                       const Hash& s) noexcept {
    auto pubkey = recover_public_key(msg_hash, recovery_id, r, s);
    if (!pubkey) return std::nullopt;
    return address_from_public_key(*pubkey);
}

Address address_from_public_key(ByteView pubkey64) noexcept {
    assert(pubkey64.size() == 64);
    const Hash h = keccak256(pubkey64);
    return Address::right_aligned(ByteView{h.data() + 12, 20});
}

std::optional<PublicKey> public_key_from_private_key(const Hash& private_key) noexcept {
    if (!is_valid_scalar(private_key)) return std::nullopt;
    secp256k1_pubkey pubkey;
    if (secp256k1_ec_pubkey_create(context(), &pubkey, private_key.data()) != 1) return std::nullopt;
    return serialize_uncompressed(pubkey);
}

std::optional<Address> address_from_private_key(const Hash& private_key) noexcept {
    auto pubkey = public_key_from_private_key(private_key);
    if (!pubkey) return std::nullopt;
    return address_from_public_key(*pubkey);
}

std::optional<Signature> sign(const Hash& msg_hash, const Hash& private_key) noexcept {
    if (!is_valid_scalar(private_key)) return std::nullopt;
    secp256k1_ecdsa_recoverable_signature sig;
    // A null nonce function selects secp256k1_nonce_function_rfc6979; libsecp256k1 always
    // emits the low-s form of the signature.
    if (secp256k1_ecdsa_sign_recoverable(context(), &sig, msg_hash.data(), private_key.data(), nullptr,
                                         nullptr) != 1) {
        return std::nullopt;
    }
    std::array<unsigned char, 64> compact{};
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(context(), compact.data(), &recid, &sig);
    Signature out;
    std::memcpy(out.r.data(), compact.data(), 32);
    std::memcpy(out.s.data(), compact.data() + 32, 32);
    out.recovery_id = static_cast<std::uint8_t>(recid);
    return out;
}

}  // namespace optimist::crypto
