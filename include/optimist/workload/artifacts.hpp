// The compiled contracts of contracts/ (Token, Pair, Router, Nft, HotCounter, Airdrop), as
// committed in contracts/artifacts/*.json and embedded into the build at configure time
// (src/workload/CMakeLists.txt). Regenerate with `make contracts`; docs/workloads.md.
//
// All data is static and immutable: every function is thread-safe and never allocates.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace optimist::workload {

enum class Contract : std::uint8_t { airdrop, hot_counter, nft, pair, router, token };

struct ContractArtifact {
    std::string_view name;    // the contract's name, e.g. "Token"
    std::string_view source;  // repository-relative, e.g. "contracts/Token.sol"
    // Init code. Constructor arguments, if any, are appended to it ABI-encoded.
    ByteView creation_code;
    // Runtime code as solc emitted it. Immutables (Token's minter and router, Pair's tokens)
    // are zero here and filled in by the constructor, so a deployed account's code differs
    // from this in those places; its length is the same.
    ByteView deployed_code;
};

[[nodiscard]] const ContractArtifact& artifact(Contract c) noexcept;

// Every embedded artifact, in name order.
[[nodiscard]] std::span<const ContractArtifact* const> all_artifacts() noexcept;

// The artifact with this contract name ("Token"), or nullptr.
[[nodiscard]] const ContractArtifact* find_artifact(std::string_view name) noexcept;

}  // namespace optimist::workload
