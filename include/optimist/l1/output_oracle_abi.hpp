// The output oracle's calldata, ABI-encoded as a Solidity contract would take it, so the
// proposer builds the same transaction for the stub and for a deployed contract:
//
//   proposeL2Output(bytes32 outputRoot, uint256 l2BlockNumber)
//   calldata = selector (first 4 bytes of keccak256 of the signature) || outputRoot ||
//              l2BlockNumber as a 32-byte big-endian word
//
// The bond is the transaction's value. Decoding never throws and accepts only this exact
// 68-byte layout (a block number above 2^64 - 1 is refused).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace optimist::l1 {

inline constexpr std::string_view kProposeSignature = "proposeL2Output(bytes32,uint256)";
inline constexpr std::size_t kProposeCalldataSize = 4 + 32 + 32;

// keccak256(kProposeSignature)[0..4).
[[nodiscard]] std::array<std::uint8_t, 4> propose_selector() noexcept;

struct ProposeCall {
    Hash output_root;
    std::uint64_t l2_block = 0;
    friend bool operator==(const ProposeCall&, const ProposeCall&) = default;
};

[[nodiscard]] Bytes encode_propose_call(const ProposeCall& call);
// Messages: "calldata is N bytes, want 68", "unknown function selector 0x...",
// "l2BlockNumber does not fit in 64 bits".
[[nodiscard]] Result<ProposeCall, std::string> decode_propose_call(ByteView calldata);

}  // namespace optimist::l1
