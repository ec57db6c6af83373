// Memory expansion (Yellow Paper 9.4.1: C_mem(a) = 3a + a^2/512 for a words) and the
// instructions that read or write memory: MLOAD, MSTORE, MSTORE8, MCOPY, KECCAK256, the
// *COPY family, RETURN/REVERT's output.
//
// Convention for every instruction here: `sp` points one past the top of the stack; the
// interpreter has checked the stack height and charged the base gas. A non-success status
// is an exceptional halt.
#pragma once

#include "words.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/evm/machine.hpp>
#include <optimist/evm/opcodes.hpp>

#include <algorithm>
#include <cstring>

namespace optimist::evm::detail {

// Offsets and sizes above this are out of gas: 2^32 bytes already cost about 3.6e13 gas, so
// the cap never changes a result that some gas limit could pay for, and keeps every cost
// computation far from int64 overflow.
inline constexpr std::uint64_t kMaxMemory = std::uint64_t{1} << 32;

constexpr std::int64_t memory_cost(std::uint64_t words) noexcept {
    return static_cast<std::int64_t>(words * gas::kMemoryWord + words * words / gas::kQuadCoeffDiv);
}

// Grows memory to cover `end` bytes (rounded up to a word), charging the expansion.
// REQUIRES: end > mem.size(), end <= 2 * kMaxMemory.
[[gnu::noinline]] inline bool grow_memory(Bytes& mem, std::int64_t& gas, std::uint64_t end) noexcept {
    const std::uint64_t new_words = num_words(end);
    const std::int64_t cost = memory_cost(new_words) - memory_cost(mem.size() / 32);
    if ((gas -= cost) < 0) return false;
    mem.resize(new_words * 32);
    return true;
}

// Makes [offset, offset + size) addressable, charging the expansion. An empty range
// touches nothing, whatever its offset. False means out of gas.
[[nodiscard]] inline bool expand_memory(Bytes& mem, std::int64_t& gas, const Uint256& offset,
                                        const Uint256& size) noexcept {
    if (size.is_zero()) return true;
    if (!offset.fits_u64() || !size.fits_u64() || offset.w[0] > kMaxMemory || size.w[0] > kMaxMemory) {
        return false;
    }
    const std::uint64_t end = offset.w[0] + size.w[0];
    return end <= mem.size() || grow_memory(mem, gas, end);
}

// Same for a fixed-size access (MLOAD/MSTORE: 32, MSTORE8: 1).
[[nodiscard]] inline bool expand_memory_fixed(Bytes& mem, std::int64_t& gas, const Uint256& offset,
                                              std::uint64_t size) noexcept {
    if (!offset.fits_u64() || offset.w[0] > kMaxMemory) return false;
    const std::uint64_t end = offset.w[0] + size;
    return end <= mem.size() || grow_memory(mem, gas, end);
}

// Charges `per_word` gas for each word of `size` bytes. REQUIRES: size <= kMaxMemory.
[[nodiscard]] inline bool charge_words(std::int64_t& gas, std::int64_t per_word,
                                       std::uint64_t size) noexcept {
    return (gas -= per_word * static_cast<std::int64_t>(num_words(size))) >= 0;
}

// Copies `size` bytes of `src` starting at `src_offset` to `dst`, reading zeros past the
// end of `src` (CALLDATACOPY, CODECOPY, EXTCODECOPY).
inline void copy_padded(std::uint8_t* dst, ByteView src, const Uint256& src_offset,
                        std::uint64_t size) noexcept {
    const std::uint64_t start =
        src_offset.fits_u64() ? std::min<std::uint64_t>(src_offset.w[0], src.size()) : src.size();
    const std::uint64_t n = std::min<std::uint64_t>(size, src.size() - start);
    if (n != 0) std::memcpy(dst, src.data() + start, n);
    if (size > n) std::memset(dst + n, 0, size - n);
}

inline StatusCode do_mload(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    Uint256& x = sp[-1];
    if (!expand_memory_fixed(f.memory, gas, x, 32)) return StatusCode::out_of_gas;
    x = load_word(f.memory.data() + x.w[0]);
    return StatusCode::success;
}

inline StatusCode do_mstore(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    if (!expand_memory_fixed(f.memory, gas, sp[-1], 32)) return StatusCode::out_of_gas;
    store_word(f.memory.data() + sp[-1].w[0], sp[-2]);
    return StatusCode::success;
}

inline StatusCode do_mstore8(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    if (!expand_memory_fixed(f.memory, gas, sp[-1], 1)) return StatusCode::out_of_gas;
    f.memory[sp[-1].w[0]] = static_cast<std::uint8_t>(sp[-2].w[0]);
    return StatusCode::success;
}

// MCOPY (EIP-5656): dst, src, size; overlapping ranges copy as if through a buffer.
inline StatusCode do_mcopy(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    const Uint256& dst = sp[-1];
    const Uint256& src = sp[-2];
    const Uint256& size = sp[-3];
    if (!expand_memory(f.memory, gas, dst, size) || !expand_memory(f.memory, gas, src, size)) {
        return StatusCode::out_of_gas;
    }
    if (size.is_zero()) return StatusCode::success;
    if (!charge_words(gas, gas::kCopyWord, size.w[0])) return StatusCode::out_of_gas;
    std::memmove(f.memory.data() + dst.w[0], f.memory.data() + src.w[0], size.w[0]);
    return StatusCode::success;
}

inline StatusCode do_keccak256(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!expand_memory(f.memory, gas, offset, size)) return StatusCode::out_of_gas;
    const std::uint64_t n = size.w[0];
    if (!charge_words(gas, gas::kKeccakWord, n)) return StatusCode::out_of_gas;
    const std::uint8_t* data = n != 0 ? f.memory.data() + offset.w[0] : f.memory.data();
    sp[-2] = to_word(keccak256(ByteView{data, static_cast<std::size_t>(n)}));
    return StatusCode::success;
}

// The shared part of CALLDATACOPY, CODECOPY and EXTCODECOPY: memOffset, offset, size at
// sp[-1], sp[-2], sp[-3].
inline StatusCode copy_to_memory(Frame& f, const Uint256* sp, std::int64_t& gas, ByteView src) noexcept {
    const Uint256& mem_offset = sp[-1];
    const Uint256& size = sp[-3];
    if (!expand_memory(f.memory, gas, mem_offset, size)) return StatusCode::out_of_gas;
    if (size.is_zero()) return StatusCode::success;
    if (!charge_words(gas, gas::kCopyWord, size.w[0])) return StatusCode::out_of_gas;
    copy_padded(f.memory.data() + mem_offset.w[0], src, sp[-2], size.w[0]);
    return StatusCode::success;
}

// RETURNDATACOPY (EIP-211): reading past the return data is an exceptional halt.
inline StatusCode do_returndatacopy(Frame& f, Uint256* sp, std::int64_t& gas) noexcept {
    const Uint256& mem_offset = sp[-1];
    const Uint256& offset = sp[-2];
    const Uint256& size = sp[-3];
    if (!expand_memory(f.memory, gas, mem_offset, size)) return StatusCode::out_of_gas;
    if (!size.is_zero() && !charge_words(gas, gas::kCopyWord, size.w[0])) return StatusCode::out_of_gas;
    const auto [end, overflow] = add_overflow(offset, size);
    if (overflow || !end.fits_u64() || end.w[0] > f.return_data.size())
        return StatusCode::invalid_memory_access;
    if (!size.is_zero())
        std::memcpy(f.memory.data() + mem_offset.w[0], f.return_data.data() + offset.w[0], size.w[0]);
    return StatusCode::success;
}

inline void do_calldataload(const Frame& f, Uint256* sp) noexcept {
    std::uint8_t buf[32];
    copy_padded(buf, f.input, sp[-1], 32);
    sp[-1] = load_word(buf);
}

// RETURN and REVERT: the output range, copied out of memory.
inline StatusCode take_output(Frame& f, const Uint256* sp, std::int64_t& gas) noexcept {
    const Uint256& offset = sp[-1];
    const Uint256& size = sp[-2];
    if (!expand_memory(f.memory, gas, offset, size)) return StatusCode::out_of_gas;
    if (size.is_zero()) {
        f.output.clear();
    } else {
        const auto* begin = f.memory.data() + offset.w[0];
        f.output.assign(begin, begin + size.w[0]);
    }
    return StatusCode::success;
}

}  // namespace optimist::evm::detail
