// The dispute game factory's calldata, ABI-encoded as a Solidity contract would take it, so
// the challenger and proposer build the same transactions for the stub and for a deployed
// contract. Selector = first 4 bytes of keccak256 of the signature; arguments are 32-byte
// words; `bytes` is the ABI's dynamic encoding (offset word, length word, data padded to a
// multiple of 32 with zeros):
//
//   createGame(uint256 outputIndex, bytes32 claim)   0x2a0ec7f3  payable: the bond
//   bisect(uint256 gameId, bytes32 midClaim)         0x38d6bb6c
//   respond(uint256 gameId, bool agree)              0xa9c577c5
//   proveStep(uint256 gameId, bytes proof)           0x52a9cfa7
//   claimCredit()                                    0x1333db2e
//
// Decoding never throws and accepts only the canonical encoding (what solc and ethers.js
// produce): exact length, `bytes` at offset 0x40 with zero padding, a bool of 0 or 1, and
// numbers that fit in 64 bits.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace optimist::l1 {

inline constexpr std::string_view kCreateGameSignature = "createGame(uint256,bytes32)";
inline constexpr std::string_view kBisectSignature = "bisect(uint256,bytes32)";
inline constexpr std::string_view kRespondSignature = "respond(uint256,bool)";
inline constexpr std::string_view kProveStepSignature = "proveStep(uint256,bytes)";
inline constexpr std::string_view kClaimCreditSignature = "claimCredit()";

// keccak256(signature)[0..4).
[[nodiscard]] std::array<std::uint8_t, 4> abi_selector(std::string_view signature) noexcept;

struct CreateGameCall {
    std::uint64_t output_index = 0;
    Hash claim;
    friend bool operator==(const CreateGameCall&, const CreateGameCall&) = default;
};
struct BisectCall {
    std::uint64_t game_id = 0;
    Hash mid_claim;
    friend bool operator==(const BisectCall&, const BisectCall&) = default;
};
struct RespondCall {
    std::uint64_t game_id = 0;
    bool agree = false;
    friend bool operator==(const RespondCall&, const RespondCall&) = default;
};
struct ProveStepCall {
    std::uint64_t game_id = 0;
    Bytes proof;
    friend bool operator==(const ProveStepCall&, const ProveStepCall&) = default;
};
struct ClaimCreditCall {
    friend bool operator==(const ClaimCreditCall&, const ClaimCreditCall&) = default;
};

using GameCall = std::variant<CreateGameCall, BisectCall, RespondCall, ProveStepCall, ClaimCreditCall>;

[[nodiscard]] Bytes encode_game_call(const GameCall& call);
// Messages: "calldata is N bytes, shorter than a selector", "unknown function selector 0x...",
// "<function>: calldata is N bytes, want M", "<function>: <argument> does not fit in 64 bits",
// "respond: agree is not a bool", "proveStep: ..." for a malformed `bytes` argument.
[[nodiscard]] Result<GameCall, std::string> decode_game_call(ByteView calldata);

}  // namespace optimist::l1
