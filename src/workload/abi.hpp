// Just enough of the Solidity ABI (docs.soliditylang.org, "Contract ABI Specification") to
// call the workload contracts: function selectors and the head/tail encoding of uint256,
// address, string and address[] arguments. No JSON at run time.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <array>
#include <span>
#include <string_view>
#include <vector>

namespace optimist::workload::abi {

// The first four bytes of keccak256 of the canonical signature, e.g. "transfer(address,uint256)".
[[nodiscard]] std::array<std::uint8_t, 4> selector(std::string_view signature);

// Arguments in order. Static ones (uint256, address) take one word of the head; dynamic ones
// (string, address[]) put their offset from the start of the arguments in the head and
// their length and contents in the tail.
class Arguments {
public:
    Arguments& add(const Uint256& value);
    Arguments& add(const Address& value);
    Arguments& add(std::string_view text);
    Arguments& add(std::span<const Address> list);

    // head ‖ tail
    [[nodiscard]] Bytes encode() const;
    // selector(signature) ‖ head ‖ tail: a call's data.
    [[nodiscard]] Bytes call(std::string_view signature) const;

private:
    struct Argument {
        bool dynamic = false;
        Bytes encoded;  // the head word when static, the tail part when dynamic
    };
    std::vector<Argument> args_;
};

// A call without arguments: just the selector.
[[nodiscard]] Bytes call(std::string_view signature);

}  // namespace optimist::workload::abi
