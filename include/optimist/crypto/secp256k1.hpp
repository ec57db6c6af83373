// ECDSA over secp256k1 as Ethereum uses it: public-key recovery (ecrecover, transaction
// senders) and signing (dev accounts, tests, the challenger's own transactions).
//
// Thread safety: every function may be called concurrently from any thread. They share
// one libsecp256k1 context, created (and randomized against side channels) on first use;
// libsecp256k1 documents a context as safe for concurrent signing, verification and
// recovery once created.
//
// Inputs are taken as they appear on the wire (32-byte big-endian r, s, message hash,
// private key). Nothing here allocates or throws.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <optional>

namespace optimist::crypto {

// The order n of the secp256k1 group, big-endian (SEC 2, section 2.4.1).
inline constexpr Hash kSecp256k1Order{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                       0xff, 0xff, 0xff, 0xff, 0xfe, 0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48,
                                       0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41}};

// floor(n / 2): the largest s a "low-s" signature may carry (EIP-2, Homestead).
inline constexpr Hash kSecp256k1HalfOrder{{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                                           0xff, 0xff, 0xff, 0xff, 0xff, 0x5d, 0x57, 0x6e, 0x73, 0x57, 0xa4,
                                           0x50, 0x1d, 0xdf, 0xe9, 0x2f, 0x46, 0x68, 0x1b, 0x20, 0xa0}};

// An uncompressed public key without the SEC 1 0x04 prefix: x ‖ y, 32 bytes each,
// big-endian. This is the form Ethereum hashes into addresses.
using PublicKey = FixedBytes<64>;

// A recoverable signature. recovery_id is the parity of R's y coordinate (0 or 1); it is
// 2 or 3 only when R's x coordinate overflowed n, which happens with probability ~2^-127
// and which Ethereum's v cannot express.
struct Signature {
    Hash r;
    Hash s;
    std::uint8_t recovery_id = 0;

    friend constexpr bool operator==(const Signature&, const Signature&) = default;
};

// True when 0 < value < n (a valid scalar for r, s or a private key).
[[nodiscard]] bool is_valid_scalar(const Hash& value) noexcept;

// True when s <= n/2. Transaction signatures must satisfy it since Homestead (EIP-2);
// the ecrecover precompile must not check it, which is why recovery below does not.
[[nodiscard]] bool is_low_s(const Hash& s) noexcept;

// Recovers the public key that signed `msg_hash`. Returns nullopt when recovery_id > 1,
// when r or s is zero or >= n, or when no curve point has x = r. High s is accepted.
[[nodiscard]] std::optional<PublicKey> recover_public_key(const Hash& msg_hash, std::uint8_t recovery_id,
                                                          const Hash& r, const Hash& s) noexcept;

// recover_public_key followed by address_from_public_key.
[[nodiscard]] std::optional<Address> recover_address(const Hash& msg_hash, std::uint8_t recovery_id,
                                                     const Hash& r, const Hash& s) noexcept;

// The last 20 bytes of keccak256(x ‖ y) (Yellow Paper, section 7 / appendix F).
// REQUIRES: pubkey64.size() == 64 (an uncompressed key without its 0x04 prefix).
[[nodiscard]] Address address_from_public_key(ByteView pubkey64) noexcept;

// The public key of `private_key`; nullopt when the key is not a valid scalar.
[[nodiscard]] std::optional<PublicKey> public_key_from_private_key(const Hash& private_key) noexcept;

[[nodiscard]] std::optional<Address> address_from_private_key(const Hash& private_key) noexcept;

// Signs a 32-byte message hash with a deterministic RFC 6979 nonce (libsecp256k1's default
// nonce function), so the same key and hash always give the same signature. The result is
// always low-s. nullopt when the private key is not a valid scalar.
[[nodiscard]] std::optional<Signature> sign(const Hash& msg_hash, const Hash& private_key) noexcept;

}  // namespace optimist::crypto
