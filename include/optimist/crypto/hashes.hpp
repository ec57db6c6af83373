// SHA-256 and RIPEMD-160, the hashes behind precompiles 0x02 and 0x03 (Yellow Paper,
// appendix E), computed with OpenSSL 3.
//
// Thread safety: both functions may be called concurrently from any thread (each thread
// keeps its own digest context; the algorithm objects are fetched once per process).
#pragma once

#include <optimist/core/bytes.hpp>

namespace optimist::crypto {

[[nodiscard]] Hash sha256(ByteView data) noexcept;

// REQUIRES: ripemd160_available(). OpenSSL 3.0.0-3.0.6 ships RIPEMD-160 only in its legacy
// provider, which this module loads on demand; when neither provider has it the call
// aborts with a diagnostic, so a process should check ripemd160_available() at startup
// and report the missing provider to the user.
[[nodiscard]] FixedBytes<20> ripemd160(ByteView data) noexcept;

// True when OpenSSL provides RIPEMD-160 (from the default provider or the legacy one).
[[nodiscard]] bool ripemd160_available() noexcept;

}  // namespace optimist::crypto
