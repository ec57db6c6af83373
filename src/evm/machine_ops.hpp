// The machine's internals: frame transitions and the instructions that create or leave
// frames. Shared by both drivers (run and step) through the interpreter template.
#pragma once

#include <optimist/evm/machine.hpp>

#include <cstdint>

namespace optimist::evm::detail {

// The two drivers of the one interpreter (DESIGN decision 1).
enum class Drive : std::uint8_t {
    run,   // until the current frame halts or a new frame is entered
    step,  // exactly one instruction
};

// How a message (a frame, a precompile, or a call that failed before running) ended, as
// seen by whoever receives it.
struct Outcome {
    StatusCode status = StatusCode::success;
    std::int64_t gas_left = 0;
    Bytes output;
};

struct MachineOps {
    // The interpreter loop over the top frame (interpreter.hpp, instantiated in
    // interpreter.cpp). REQUIRES: the top frame has not halted.
    template <Drive D>
    static void interpret(Machine& m) noexcept;

    // --- frames (frames.cpp) ---------------------------------------------------------------
    // Pushes a frame with pooled stack and memory buffers.
    static Frame& push_frame(Machine& m);
    // Pops the top frame, returning its buffers to the pools.
    static void pop_frame(Machine& m) noexcept;
    // The transition out of a halted top frame: code deposit for creations, revert on
    // failure, then delivery of the outcome to the parent (or the machine's result).
    static void finish_frame(Machine& m, Tracer* tracer);

    // Begins a call message whose value transfer preconditions (depth, balance) hold:
    // snapshot, value transfer, touch, then a precompile, an empty-code completion or a
    // new frame. `msg.depth` is the depth of the callee.
    static void enter_call(Machine& m, Message&& msg, std::uint64_t ret_offset, std::uint64_t ret_size);
    // Begins a creation at `address` (nonce already incremented by the caller).
    static void enter_create(Machine& m, Message&& msg, const Address& address);

    // Delivers a finished call or creation to the current top frame (the caller), or
    // makes it the machine's result when no frame is left.
    static void deliver_call(Machine& m, Outcome&& out, std::uint64_t ret_offset, std::uint64_t ret_size);
    static void deliver_create(Machine& m, Outcome&& out, const Address& address);

    // --- instructions that enter frames (instructions_calls.cpp) ---------------------------
    // The top frame's pc, gas and stack_size are up to date on entry; on return they are
    // again, for whichever frame is on top. An error is an exceptional halt of the caller.
    static StatusCode do_call(Machine& m, CallKind kind);
    static StatusCode do_create(Machine& m, CallKind kind);
    // SELFDESTRUCT (EIP-6780): charges its dynamic gas; the interpreter then halts.
    static StatusCode do_selfdestruct(Machine& m, Frame& f, const Uint256* sp, std::int64_t& gas);
};

// True for statuses that keep the remaining gas (success and REVERT).
constexpr bool keeps_gas(StatusCode s) noexcept {
    return s == StatusCode::success || s == StatusCode::revert;
}

}  // namespace optimist::evm::detail
