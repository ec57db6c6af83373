// The interpreter: one switch over the opcodes, instantiated for both drivers (DESIGN
// decision 1). Drive::run loops until the frame halts or enters a child frame;
// Drive::step returns after one instruction. Every instruction's semantics is written once,
// here or in the instructions_*.hpp / instructions_calls.cpp it calls.
//
// Included only by interpreter.cpp, which instantiates both drivers.
#pragma once

#include "instructions_arith.hpp"
#include "instructions_memory.hpp"
#include "instructions_state.hpp"
#include "machine_ops.hpp"

#include <optimist/evm/opcodes.hpp>

namespace optimist::evm::detail {

template <Drive D>
void MachineOps::interpret(Machine& m) noexcept {
    Frame& f = m.frames_.back();
    const std::uint8_t* const code = f.code->padded();
    Uint256* const bottom = f.stack.get();
    Uint256* sp = bottom + f.stack_size;
    std::int64_t gas = f.gas;
    std::uint64_t pc = f.pc;
    StatusCode status = StatusCode::success;

    // Writes the loop's registers back to the frame (before anything that reads the frame
    // as a whole, and when the driver returns).
    const auto sync = [&]() noexcept {
        f.pc = static_cast<std::uint32_t>(pc);
        f.gas = gas;
        f.stack_size = static_cast<std::uint32_t>(sp - bottom);
    };

    for (;;) {
        const std::uint8_t op = code[pc];
        const OpCheck& check = kOpChecks[op];
        const std::ptrdiff_t height =
            reinterpret_cast<const char*>(sp) - reinterpret_cast<const char*>(bottom);
        if (static_cast<std::uint64_t>(height - check.min_bytes) >
            static_cast<std::uint64_t>(check.range_bytes)) [[unlikely]] {
            status = height < check.min_bytes ? StatusCode::stack_underflow : StatusCode::stack_overflow;
            goto exceptional;
        }
        if ((gas -= check.base_gas) < 0) [[unlikely]] {
            status = StatusCode::out_of_gas;
            goto exceptional;
        }

// Runs an instruction that charges dynamic gas through `g`, a copy of `gas`: the copy's
// address may escape into out-of-line helpers, `gas` itself stays in a register. Anything
// but success halts the frame exceptionally.
#define OPTIMIST_CHECK(expr)                        \
    {                                               \
        std::int64_t g = gas;                       \
        status = (expr);                            \
        gas = g;                                    \
    }                                               \
    if (status != StatusCode::success) [[unlikely]] \
    goto exceptional

        // clang-format off
        switch (op) {
            case op_stop:
                f.output.clear();
                goto halt;
            case op_add: do_add(sp); --sp; break;
            case op_mul: do_mul(sp); --sp; break;
            case op_sub: do_sub(sp); --sp; break;
            case op_div: do_div(sp); --sp; break;
            case op_sdiv: do_sdiv(sp); --sp; break;
            case op_mod: do_mod(sp); --sp; break;
            case op_smod: do_smod(sp); --sp; break;
            case op_addmod: do_addmod(sp); sp -= 2; break;
            case op_mulmod: do_mulmod(sp); sp -= 2; break;
            case op_exp:
                OPTIMIST_CHECK(do_exp(sp, g));
                --sp;
                break;
            case op_signextend: do_signextend(sp); --sp; break;
            case op_lt: do_lt(sp); --sp; break;
            case op_gt: do_gt(sp); --sp; break;
            case op_slt: do_slt(sp); --sp; break;
            case op_sgt: do_sgt(sp); --sp; break;
            case op_eq: do_eq(sp); --sp; break;
            case op_iszero: do_iszero(sp); break;
            case op_and: do_and(sp); --sp; break;
            case op_or: do_or(sp); --sp; break;
            case op_xor: do_xor(sp); --sp; break;
            case op_not: do_not(sp); break;
            case op_byte: do_byte(sp); --sp; break;
            case op_shl: do_shl(sp); --sp; break;
            case op_shr: do_shr(sp); --sp; break;
            case op_sar: do_sar(sp); --sp; break;

            case op_keccak256:
                OPTIMIST_CHECK(do_keccak256(f, sp, g));
                --sp;
                break;

            case op_address: *sp++ = to_word(f.address); break;
            case op_balance: OPTIMIST_CHECK(do_balance(m.state_, sp, g)); break;
            case op_origin: *sp++ = to_word(m.tx_.origin); break;
            case op_caller: *sp++ = to_word(f.caller); break;
            case op_callvalue: *sp++ = f.value; break;
            case op_calldataload: do_calldataload(f, sp); break;
            case op_calldatasize: *sp++ = Uint256{f.input.size()}; break;
            case op_calldatacopy:
                OPTIMIST_CHECK(copy_to_memory(f, sp, g, f.input));
                sp -= 3;
                break;
            case op_codesize: *sp++ = Uint256{f.code->size()}; break;
            case op_codecopy:
                OPTIMIST_CHECK(copy_to_memory(f, sp, g, f.code->code()));
                sp -= 3;
                break;
            case op_gasprice: *sp++ = m.tx_.gas_price; break;
            case op_extcodesize: OPTIMIST_CHECK(do_extcodesize(m.state_, *m.cache_, sp, g)); break;
            case op_extcodecopy:
                OPTIMIST_CHECK(do_extcodecopy(m.state_, f, sp, g));
                sp -= 4;
                break;
            case op_returndatasize: *sp++ = Uint256{f.return_data.size()}; break;
            case op_returndatacopy:
                OPTIMIST_CHECK(do_returndatacopy(f, sp, g));
                sp -= 3;
                break;
            case op_extcodehash: OPTIMIST_CHECK(do_extcodehash(m.state_, sp, g)); break;

            case op_blockhash: do_blockhash(m.block_, sp); break;
            case op_coinbase: *sp++ = to_word(m.block_.coinbase); break;
            case op_timestamp: *sp++ = Uint256{m.block_.timestamp}; break;
            case op_number: *sp++ = Uint256{m.block_.number}; break;
            case op_prevrandao: *sp++ = m.block_.prev_randao; break;
            case op_gaslimit: *sp++ = Uint256{m.block_.gas_limit}; break;
            case op_chainid: *sp++ = m.block_.chain_id; break;
            case op_selfbalance: *sp++ = m.state_.balance(f.address); break;
            case op_basefee: *sp++ = m.block_.base_fee; break;
            case op_blobhash: do_blobhash(m.tx_, sp); break;
            case op_blobbasefee: *sp++ = m.block_.blob_base_fee; break;

            case op_pop: --sp; break;
            case op_mload: OPTIMIST_CHECK(do_mload(f, sp, g)); break;
            case op_mstore:
                OPTIMIST_CHECK(do_mstore(f, sp, g));
                sp -= 2;
                break;
            case op_mstore8:
                OPTIMIST_CHECK(do_mstore8(f, sp, g));
                sp -= 2;
                break;
            case op_sload: OPTIMIST_CHECK(do_sload(m.state_, f, sp, g)); break;
            case op_sstore:
                OPTIMIST_CHECK(do_sstore(m.state_, f, sp, g));
                sp -= 2;
                break;
            case op_jump: {
                const Uint256& dest = sp[-1];
                if (!dest.fits_u64() || !f.code->is_jumpdest(dest.w[0])) {
                    status = StatusCode::bad_jump_destination;
                    goto exceptional;
                }
                pc = dest.w[0];
                --sp;
                goto next;
            }
            case op_jumpi: {
                const Uint256& dest = sp[-1];
                if (!sp[-2].is_zero()) {
                    if (!dest.fits_u64() || !f.code->is_jumpdest(dest.w[0])) {
                        status = StatusCode::bad_jump_destination;
                        goto exceptional;
                    }
                    pc = dest.w[0];
                    sp -= 2;
                    goto next;
                }
                sp -= 2;
                break;
            }
            case op_pc: *sp++ = Uint256{pc}; break;
            case op_msize: *sp++ = Uint256{f.memory.size()}; break;
            case op_gas: *sp++ = Uint256{static_cast<std::uint64_t>(gas)}; break;
            case op_jumpdest: break;
            case op_tload: sp[-1] = m.state_.transient_storage(f.address, sp[-1]); break;
            case op_tstore:
                OPTIMIST_CHECK(do_tstore(m.state_, f, sp));
                sp -= 2;
                break;
            case op_mcopy:
                OPTIMIST_CHECK(do_mcopy(f, sp, g));
                sp -= 3;
                break;
            case op_push0: *sp++ = Uint256{}; break;

#define OPTIMIST_PUSH(n)                        \
    case op_push1 + (n) - 1:                    \
        do_push<n>(sp, code + pc + 1);          \
        ++sp;                                   \
        pc += (n) + 1;                          \
        goto next;
            OPTIMIST_PUSH(1) OPTIMIST_PUSH(2) OPTIMIST_PUSH(3) OPTIMIST_PUSH(4) OPTIMIST_PUSH(5)
            OPTIMIST_PUSH(6) OPTIMIST_PUSH(7) OPTIMIST_PUSH(8) OPTIMIST_PUSH(9) OPTIMIST_PUSH(10)
            OPTIMIST_PUSH(11) OPTIMIST_PUSH(12) OPTIMIST_PUSH(13) OPTIMIST_PUSH(14) OPTIMIST_PUSH(15)
            OPTIMIST_PUSH(16) OPTIMIST_PUSH(17) OPTIMIST_PUSH(18) OPTIMIST_PUSH(19) OPTIMIST_PUSH(20)
            OPTIMIST_PUSH(21) OPTIMIST_PUSH(22) OPTIMIST_PUSH(23) OPTIMIST_PUSH(24) OPTIMIST_PUSH(25)
            OPTIMIST_PUSH(26) OPTIMIST_PUSH(27) OPTIMIST_PUSH(28) OPTIMIST_PUSH(29) OPTIMIST_PUSH(30)
            OPTIMIST_PUSH(31) OPTIMIST_PUSH(32)
#undef OPTIMIST_PUSH

#define OPTIMIST_DUP_SWAP(n)                      \
    case op_dup1 + (n) - 1:                       \
        do_dup<n>(sp);                            \
        ++sp;                                     \
        break;                                    \
    case op_swap1 + (n) - 1:                      \
        do_swap<n>(sp);                           \
        break;
            OPTIMIST_DUP_SWAP(1) OPTIMIST_DUP_SWAP(2) OPTIMIST_DUP_SWAP(3) OPTIMIST_DUP_SWAP(4)
            OPTIMIST_DUP_SWAP(5) OPTIMIST_DUP_SWAP(6) OPTIMIST_DUP_SWAP(7) OPTIMIST_DUP_SWAP(8)
            OPTIMIST_DUP_SWAP(9) OPTIMIST_DUP_SWAP(10) OPTIMIST_DUP_SWAP(11) OPTIMIST_DUP_SWAP(12)
            OPTIMIST_DUP_SWAP(13) OPTIMIST_DUP_SWAP(14) OPTIMIST_DUP_SWAP(15) OPTIMIST_DUP_SWAP(16)
#undef OPTIMIST_DUP_SWAP

            case op_log0:
            case op_log0 + 1:
            case op_log0 + 2:
            case op_log0 + 3:
            case op_log4: {
                const int topics = op - op_log0;
                OPTIMIST_CHECK(do_log(m.state_, f, sp, g, topics));
                sp -= topics + 2;
                break;
            }

            case op_create:
            case op_create2:
            case op_call:
            case op_callcode:
            case op_delegatecall:
            case op_staticcall: {
                // The frame is written back with pc past the instruction: when a child frame
                // is entered, this is where the caller resumes.
                ++pc;
                sync();
                const std::size_t frames_before = m.frames_.size();
                switch (op) {
                    case op_create: status = do_create(m, CallKind::create); break;
                    case op_create2: status = do_create(m, CallKind::create2); break;
                    case op_call: status = do_call(m, CallKind::call); break;
                    case op_callcode: status = do_call(m, CallKind::callcode); break;
                    case op_delegatecall: status = do_call(m, CallKind::delegatecall); break;
                    default: status = do_call(m, CallKind::staticcall); break;
                }
                if (status != StatusCode::success) goto exceptional;
                // `f` may dangle once a frame was pushed: return without touching it.
                if (m.frames_.size() != frames_before) return;
                gas = f.gas;
                sp = bottom + f.stack_size;
                goto next;
            }

            case op_return:
            case op_revert:
                OPTIMIST_CHECK(take_output(f, sp, g));
                sp -= 2;
                status = op == op_return ? StatusCode::success : StatusCode::revert;
                goto halt;
            case op_invalid:
                status = StatusCode::invalid_instruction;
                goto exceptional;
            case op_selfdestruct:
                OPTIMIST_CHECK(do_selfdestruct(m, f, sp, g));
                --sp;
                f.output.clear();
                goto halt;

            default:
                status = StatusCode::undefined_instruction;
                goto exceptional;
        }
            // clang-format on
#undef OPTIMIST_CHECK
        ++pc;
    next:
        if constexpr (D == Drive::step) {
            sync();
            return;
        }
    }

exceptional:
    // Exceptional halts consume all the frame's gas and return no data.
    gas = 0;
    f.output.clear();
halt:
    sync();
    f.halted = true;
    f.status = status;
}

}  // namespace optimist::evm::detail
