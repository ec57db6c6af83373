#include "output_oracle.hpp"

#include <optimist/l1/output_oracle_abi.hpp>

namespace optimist::l1 {

std::optional<std::string> check_proposal(ByteView calldata, const Uint256& bond, const Uint256& min_bond,
                                          std::optional<std::uint64_t> last_l2_block) {
    auto call = decode_propose_call(calldata);
    if (!call) return "invalid calldata: " + call.error();
    if (bond < min_bond)
        return "bond below minimum: " + to_string(bond) + " < " + to_string(min_bond) + " wei";
    // Strictly increasing, as OP's L2OutputOracle requires: a root for an older block
    // would let a proposer rewrite what is already claimed.
    if (last_l2_block && call->l2_block <= *last_l2_block)
        return "L2 block number must increase: got " + std::to_string(call->l2_block) +
               ", latest proposal is for " + std::to_string(*last_l2_block);
    return std::nullopt;
}

}  // namespace optimist::l1
