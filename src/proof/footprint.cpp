// Memory footprints of the instructions that reach memory.
#include "footprint.hpp"

#include <optimist/evm/opcodes.hpp>

#include <algorithm>
#include <cmath>

namespace optimist::proof::detail {

namespace {

// The most words a frame with `gas` could hold: memory cost 3w + w^2/512 <= gas.
std::uint64_t affordable_words(std::int64_t gas) {
    if (gas <= 0) return 0;
    const double g = static_cast<double>(gas);
    return static_cast<std::uint64_t>(std::sqrt(512.0 * g)) + 1;
}

// Adds the words of [offset, offset + size) when the range is one the step could pay for.
void add_range(Footprint& f, const Uint256& offset, const Uint256& size, std::uint64_t limit_words) {
    if (size.is_zero()) return;
    if (!offset.fits_u64() || !size.fits_u64()) return;
    const std::uint64_t off = offset.w[0];
    const std::uint64_t len = size.w[0];
    if (off > (limit_words << 5) || len > (limit_words << 5)) return;
    const std::uint64_t first = off / 32;
    const std::uint64_t last = (off + len - 1) / 32;
    if (last >= limit_words) return;
    f.memory.push_back({first, last - first + 1});
}

}  // namespace

Footprint evm_footprint(std::uint8_t op, std::span<const Uint256> stack, std::int64_t gas, std::uint64_t memory_size) {
    Footprint f;
    const std::uint64_t limit = std::max(affordable_words(gas), memory_size / 32);
    // arg(i): the i-th argument, 0 being the top of the stack.
    auto arg = [&](std::size_t i) -> Uint256 { return i < stack.size() ? stack[stack.size() - 1 - i] : Uint256{}; };
    using namespace evm;
    switch (op) {
        case op_mload:
        case op_mstore:
            add_range(f, arg(0), Uint256{32}, limit);
            break;
        case op_mstore8:
            add_range(f, arg(0), Uint256{1}, limit);
            break;
        case op_keccak256:
            add_range(f, arg(0), arg(1), limit);
            break;
        case op_calldataload:
        case op_calldatasize:
            f.input = true;
            break;
        case op_calldatacopy:
            f.input = true;
            add_range(f, arg(0), arg(2), limit);
            break;
        case op_codecopy:
            add_range(f, arg(0), arg(2), limit);
            break;
        case op_extcodecopy:
            add_range(f, arg(1), arg(3), limit);
            break;
        case op_returndatasize:
            f.return_data = true;
            break;
        case op_returndatacopy:
            f.return_data = true;
            add_range(f, arg(0), arg(2), limit);
            break;
        case op_mcopy:
            add_range(f, arg(0), arg(2), limit);
            add_range(f, arg(1), arg(2), limit);
            break;
        case op_log0:
        case op_log0 + 1:
        case op_log0 + 2:
        case op_log0 + 3:
        case op_log0 + 4:
        case op_return:
        case op_revert:
            add_range(f, arg(0), arg(1), limit);
            break;
        case op_call:
        case op_callcode:
            add_range(f, arg(3), arg(4), limit);
            add_range(f, arg(5), arg(6), limit);
            break;
        case op_delegatecall:
        case op_staticcall:
            add_range(f, arg(2), arg(3), limit);
            add_range(f, arg(4), arg(5), limit);
            break;
        case op_create:
        case op_create2:
            add_range(f, arg(1), arg(2), limit);
            break;
        default:
            break;
    }
    return f;
}

WordRange return_footprint(std::uint64_t ret_offset, std::uint64_t ret_size, std::uint64_t output_size) {
    const std::uint64_t n = std::min(ret_size, output_size);
    if (n == 0) return {};
    return {ret_offset / 32, (ret_offset + n - 1) / 32 - ret_offset / 32 + 1};
}

}  // namespace optimist::proof::detail
