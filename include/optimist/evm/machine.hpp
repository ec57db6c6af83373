// Machine: the EVM as plain data with an explicit call-frame stack (no C++ recursion).
//
// CALL*/CREATE* push a Frame; when a frame halts the machine pops it and resumes its
// parent (output copied into the parent's memory, success flag or created address pushed,
// unused gas returned, state reverted on failure). Precompiles and calls to code-less
// accounts complete inline, without a frame. Everything the machine needs to resume lives
// in its members, which is what the fraud-proof step machine serializes and commits to.
//
// Two drivers share one implementation of every instruction (DESIGN decision 1):
//   run()  - the fast loop: a switch over the current frame's code until the frame halts or
//            a new frame is entered, repeated until the message completes;
//   step() - exactly one instruction of the current frame, or one frame transition (popping
//            a halted frame into its parent); optionally reports the step to a Tracer.
// Both instantiate the same interpreter template (src/evm/interpreter.hpp), which differs
// only in whether it returns after one instruction.
//
// Thread safety: none. The StateView, contexts and cache must outlive the Machine.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/evm/analysis.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/evm/machine_image.hpp>
#include <optimist/state/state_view.hpp>

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace optimist::evm {

// One call frame. The stack holds kStackLimit words, bottom first, of which the first
// stack_size are live.
struct Frame {
    // The code this frame runs: the callee's code (shared with other frames through the
    // analysis cache, re-derivable from its code hash) or the init code of a creation.
    std::shared_ptr<const CodeAnalysis> code;

    // The message.
    CallKind kind = CallKind::call;
    bool is_static = false;
    int depth = 0;         // 0 for the transaction's own message
    Address caller;        // CALLER
    Address address;       // ADDRESS: whose storage and balance the code acts on
    Address code_address;  // whose code runs (the new contract for creations)
    Uint256 value;         // CALLVALUE
    Bytes input;           // call data (empty for creations)

    // Execution state.
    std::uint32_t pc = 0;
    std::int64_t gas = 0;
    std::uint32_t stack_size = 0;
    std::unique_ptr<Uint256[]> stack;  // kStackLimit words, taken from the machine's pool
    Bytes memory;                      // always a multiple of 32 bytes
    Bytes return_data;                 // output of the last completed sub-call

    // Linkage: the state snapshot at frame entry (restored on failure) and where the
    // output goes in the parent's memory (CALL*'s retOffset/retSize).
    std::size_t snapshot = 0;
    std::uint64_t ret_offset = 0;
    std::uint64_t ret_size = 0;

    // Set when the frame halts; the next transition pops it.
    bool halted = false;
    StatusCode status = StatusCode::success;
    Bytes output;

    [[nodiscard]] std::span<const Uint256> live_stack() const noexcept { return {stack.get(), stack_size}; }
};

namespace detail {
struct MachineOps;  // the interpreter and the instruction implementations (src/evm)
}

class Machine {
public:
    // `cache` may be null: the machine then keeps its own for this machine's lifetime.
    Machine(state::StateView& state, const BlockContext& block, const TxContext& tx,
            AnalysisCache* cache = nullptr);
    ~Machine();
    Machine(const Machine&) = delete;
    Machine& operator=(const Machine&) = delete;

    // Begins executing the transaction-level message: for calls, the value transfer and
    // touch of the recipient; for creations, the sender's nonce increment, the address
    // derivation and the collision check. Precompiles and code-less targets complete here.
    // REQUIRES: called once, before run()/step().
    void start(const Message& msg);

    [[nodiscard]] bool done() const noexcept { return done_; }

    // Runs to completion with the fast loop.
    void run();

    // One instruction of the current frame, or the transition out of a halted frame.
    // With a tracer, each instruction is reported (EIP-3155) with the state before it and
    // its full cost (static and dynamic; for CALL*/CREATE* including the gas given to the
    // callee), and each frame end after the frame is popped. REQUIRES: !done().
    void step(Tracer* tracer = nullptr);

    // REQUIRES: done().
    [[nodiscard]] const ExecutionResult& result() const noexcept { return result_; }
    [[nodiscard]] ExecutionResult take_result() noexcept { return std::move(result_); }

    // --- stopping and resuming (machine_image.hpp) ----------------------------------------
    // The machine's whole state, between steps. With the StateView's image it is everything
    // needed to continue. Costs a copy of every frame and a keccak256 of each creation's init
    // code (the fast paths never hash init code). REQUIRES: start() or restore() was called.
    [[nodiscard]] MachineImage image() const;
    // Resumes from `image` instead of start(). `state()` must be the view the image was
    // taken with, or its deserialized image (StateView::deserialize) over the same reader;
    // call frames' analyses come from the cache by code hash. Fails, leaving the machine
    // unstarted, when validate(image) fails or a frame's snapshot lies beyond the view's
    // journal. REQUIRES: neither start() nor restore() was called.
    [[nodiscard]] Result<void, std::string> restore(MachineImage image);

    // The live frames, outermost first.
    [[nodiscard]] std::span<const Frame> frames() const noexcept { return {frames_.data(), frames_.size()}; }

    [[nodiscard]] state::StateView& state() noexcept { return state_; }
    [[nodiscard]] const BlockContext& block() const noexcept { return block_; }
    [[nodiscard]] const TxContext& tx() const noexcept { return tx_; }

private:
    friend struct detail::MachineOps;

    state::StateView& state_;
    const BlockContext& block_;
    const TxContext& tx_;
    std::unique_ptr<AnalysisCache> own_cache_;
    AnalysisCache* cache_;

    std::vector<Frame> frames_;
    // Buffers of popped frames, reused by the next frames: at most one stack allocation
    // per depth level reached, and memory keeps its capacity.
    std::vector<std::unique_ptr<Uint256[]>> stack_pool_;
    std::vector<Bytes> memory_pool_;

    std::vector<Uint256> trace_stack_;  // scratch for traced steps
    // The caller's gas after CALL*/CREATE* charged their cost and the callee's gas: what
    // a trace reports as their cost (EIP-3155, as geth and evmone count it).
    std::int64_t gas_after_charge_ = 0;

    bool done_ = false;
    ExecutionResult result_;
};

}  // namespace optimist::evm
