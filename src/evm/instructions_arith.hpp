// Stack-only instructions: arithmetic, comparison, bitwise, PUSH/DUP/SWAP (Yellow Paper
// appendix H.2, EIP-145 shifts). All arithmetic is Uint256's (core/uint256.hpp).
//
// `sp` points one past the top: sp[-1] is the top (μs[0]), sp[-2] the next (μs[1]). Each
// function consumes its inputs and leaves its result in place; the interpreter adjusts
// the stack pointer by the table's stack_out - stack_in.
#pragma once

#include "words.hpp"

#include <optimist/core/uint256.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/evm/opcodes.hpp>

namespace optimist::evm::detail {

inline void do_add(Uint256* sp) noexcept { sp[-2] = sp[-1] + sp[-2]; }
inline void do_mul(Uint256* sp) noexcept { sp[-2] = sp[-1] * sp[-2]; }
inline void do_sub(Uint256* sp) noexcept { sp[-2] = sp[-1] - sp[-2]; }
inline void do_div(Uint256* sp) noexcept { sp[-2] = sp[-1] / sp[-2]; }
inline void do_sdiv(Uint256* sp) noexcept { sp[-2] = sdiv(sp[-1], sp[-2]); }
inline void do_mod(Uint256* sp) noexcept { sp[-2] = sp[-1] % sp[-2]; }
inline void do_smod(Uint256* sp) noexcept { sp[-2] = smod(sp[-1], sp[-2]); }
inline void do_addmod(Uint256* sp) noexcept { sp[-3] = addmod(sp[-1], sp[-2], sp[-3]); }
inline void do_mulmod(Uint256* sp) noexcept { sp[-3] = mulmod(sp[-1], sp[-2], sp[-3]); }
inline void do_signextend(Uint256* sp) noexcept { sp[-2] = signextend(sp[-1], sp[-2]); }

// EXP: 10 + 50 per significant byte of the exponent (EIP-160).
inline StatusCode do_exp(Uint256* sp, std::int64_t& gas) noexcept {
    const auto bytes = static_cast<std::int64_t>(count_significant_bytes(sp[-2]));
    if ((gas -= bytes * gas::kExpByte) < 0) return StatusCode::out_of_gas;
    sp[-2] = exp(sp[-1], sp[-2]);
    return StatusCode::success;
}

inline Uint256 from_bool(bool b) noexcept { return Uint256{static_cast<std::uint64_t>(b)}; }

inline void do_lt(Uint256* sp) noexcept { sp[-2] = from_bool(sp[-1] < sp[-2]); }
inline void do_gt(Uint256* sp) noexcept { sp[-2] = from_bool(sp[-1] > sp[-2]); }
inline void do_slt(Uint256* sp) noexcept { sp[-2] = from_bool(slt(sp[-1], sp[-2])); }
inline void do_sgt(Uint256* sp) noexcept { sp[-2] = from_bool(sgt(sp[-1], sp[-2])); }
inline void do_eq(Uint256* sp) noexcept { sp[-2] = from_bool(sp[-1] == sp[-2]); }
inline void do_iszero(Uint256* sp) noexcept { sp[-1] = from_bool(sp[-1].is_zero()); }
inline void do_and(Uint256* sp) noexcept { sp[-2] = sp[-1] & sp[-2]; }
inline void do_or(Uint256* sp) noexcept { sp[-2] = sp[-1] | sp[-2]; }
inline void do_xor(Uint256* sp) noexcept { sp[-2] = sp[-1] ^ sp[-2]; }
inline void do_not(Uint256* sp) noexcept { sp[-1] = ~sp[-1]; }
inline void do_byte(Uint256* sp) noexcept { sp[-2] = byte_at(sp[-1], sp[-2]); }
inline void do_shl(Uint256* sp) noexcept { sp[-2] = shl(sp[-1], sp[-2]); }
inline void do_shr(Uint256* sp) noexcept { sp[-2] = shr(sp[-1], sp[-2]); }
inline void do_sar(Uint256* sp) noexcept { sp[-2] = sar(sp[-1], sp[-2]); }

// PUSHn: the immediate follows the opcode; the code is padded, so reading past its end
// yields zeros (Yellow Paper 9.4: missing push bytes are zero).
template <std::size_t N>
inline void do_push(Uint256* sp, const std::uint8_t* immediate) noexcept {
    sp[0] = load_push<N>(immediate);
}

template <int N>
inline void do_dup(Uint256* sp) noexcept {
    sp[0] = sp[-N];
}

template <int N>
inline void do_swap(Uint256* sp) noexcept {
    const Uint256 top = sp[-1];
    sp[-1] = sp[-1 - N];
    sp[-1 - N] = top;
}

}  // namespace optimist::evm::detail
