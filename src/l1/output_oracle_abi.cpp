#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/l1/output_oracle_abi.hpp>

#include <algorithm>

namespace optimist::l1 {

std::array<std::uint8_t, 4> propose_selector() noexcept {
    const auto sig = kProposeSignature;
    const Hash h = keccak256(ByteView(reinterpret_cast<const std::uint8_t*>(sig.data()), sig.size()));
    return {h[0], h[1], h[2], h[3]};
}

Bytes encode_propose_call(const ProposeCall& call) {
    Bytes out;
    out.reserve(kProposeCalldataSize);
    const auto selector = propose_selector();
    out.insert(out.end(), selector.begin(), selector.end());
    append(out, call.output_root);
    append(out, Uint256(call.l2_block).to_hash());
    return out;
}

Result<ProposeCall, std::string> decode_propose_call(ByteView calldata) {
    if (calldata.size() != kProposeCalldataSize)
        return fail("calldata is " + std::to_string(calldata.size()) + " bytes, want " +
                    std::to_string(kProposeCalldataSize));
    const auto selector = propose_selector();
    if (!std::equal(selector.begin(), selector.end(), calldata.begin()))
        return fail("unknown function selector " + to_hex(calldata.first(4)));
    ProposeCall call;
    std::copy_n(calldata.begin() + 4, 32, call.output_root.bytes.begin());
    const Uint256 number = Uint256::from_be_bytes(calldata.subspan(36, 32));
    if (!number.fits_u64()) return fail(std::string("l2BlockNumber does not fit in 64 bits"));
    call.l2_block = number.w[0];
    return call;
}

}  // namespace optimist::l1
