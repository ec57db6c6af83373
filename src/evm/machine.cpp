// The machine's drivers and frame transitions.
#include "machine_ops.hpp"

#include <optimist/evm/machine.hpp>
#include <optimist/evm/opcodes.hpp>

namespace optimist::evm {
namespace {

// Frame buffers outlive the machine on their thread. A machine runs one transaction: taking
// its stacks and memories from the last one spares every transaction a fresh 32 KiB stack per
// call depth, zeroed, and the cache lines that zeroing pushes out.
// A thread keeps at most 16 stacks (512 KiB) and 16 memories of up to 256 KiB (4 MiB).
// Machines must not outlive their thread's thread_local objects.
struct SpareBuffers {
    static constexpr std::size_t kStacks = 16;
    static constexpr std::size_t kMemories = 16;
    static constexpr std::size_t kMaxMemoryCapacity = std::size_t{256} << 10;  // larger ones go back to the heap
    // Reserved up front: returning buffers from ~Machine (noexcept) must not allocate.
    SpareBuffers() {
        stacks.reserve(kStacks);
        memories.reserve(kMemories);
    }
    std::vector<std::unique_ptr<Uint256[]>> stacks;
    std::vector<Bytes> memories;
    // The last machine's frame vector (empty, its room kept): a few kilobytes that are
    // otherwise allocated and freed per transaction.
    std::vector<Frame> frames;
};

SpareBuffers& spare_buffers() {
    thread_local SpareBuffers spare;
    return spare;
}

}  // namespace

Machine::Machine(state::StateView& state, const BlockContext& block, const TxContext& tx,
                 AnalysisCache* cache)
    : state_(state), block_(block), tx_(tx), cache_(cache) {
    if (cache_ == nullptr) {
        own_cache_ = std::make_unique<AnalysisCache>();
        cache_ = own_cache_.get();
    }
    SpareBuffers& spare = spare_buffers();
    frames_ = std::move(spare.frames);  // empty; another machine alive on this thread leaves none
    if (frames_.capacity() < 8) frames_.reserve(8);
}

Machine::~Machine() {
    SpareBuffers& spare = spare_buffers();
    const auto keep_stack = [&](std::unique_ptr<Uint256[]>& stack) {
        if (stack && spare.stacks.size() < SpareBuffers::kStacks) spare.stacks.push_back(std::move(stack));
    };
    const auto keep_memory = [&](Bytes& memory) {
        if (memory.capacity() == 0 || memory.capacity() > SpareBuffers::kMaxMemoryCapacity) return;
        if (spare.memories.size() < SpareBuffers::kMemories) spare.memories.push_back(std::move(memory));
    };
    for (Frame& f : frames_) {
        keep_stack(f.stack);
        keep_memory(f.memory);
    }
    for (auto& stack : stack_pool_) keep_stack(stack);
    for (Bytes& memory : memory_pool_) keep_memory(memory);
    frames_.clear();
    if (frames_.capacity() <= 64 && spare.frames.capacity() == 0) spare.frames = std::move(frames_);
}

void Machine::start(const Message& msg) {
    Message m = msg;
    if (m.kind == CallKind::create || m.kind == CallKind::create2) {
        // The transaction applier leaves the creation nonce to us: the address comes from
        // the nonce before the increment.
        const std::uint64_t nonce = state_.nonce(m.sender);
        state_.set_nonce(m.sender, nonce + 1);
        const Address address = m.kind == CallKind::create ? create_address(m.sender, nonce)
                                                           : create2_address(m.sender, m.salt, m.input);
        detail::MachineOps::enter_create(*this, std::move(m), address);
        return;
    }
    if (!m.value.is_zero() && state_.balance(m.sender) < m.value) {
        result_ = ExecutionResult{StatusCode::insufficient_balance, m.gas, {}, {}};
        done_ = true;
        return;
    }
    detail::MachineOps::enter_call(*this, std::move(m), 0, 0);
}

void Machine::run() {
    while (!done_) {
        if (frames_.back().halted) {
            detail::MachineOps::finish_frame(*this, nullptr);
        } else {
            detail::MachineOps::interpret<detail::Drive::run>(*this);
        }
    }
}

void Machine::step(Tracer* tracer) {
    Frame& f = frames_.back();
    if (f.halted) {
        detail::MachineOps::finish_frame(*this, tracer);
        return;
    }
    if (tracer == nullptr) {
        detail::MachineOps::interpret<detail::Drive::step>(*this);
        return;
    }
    // The step is reported after it runs, so its cost can include the dynamic part; the
    // reported state (stack, memory size, gas) is the one before it.
    const std::uint8_t op = f.code->padded()[f.pc];
    trace_stack_.assign(f.stack.get(), f.stack.get() + f.stack_size);
    Tracer::Step s{
        .pc = f.pc,
        .op = op,
        .gas = f.gas,
        .gas_cost = kOpChecks[op].base_gas,
        .memory_size = f.memory.size(),
        .stack = {},
        .depth = f.depth + 1,
        .refund = state_.refund(),
    };
    const std::size_t frames_before = frames_.size();
    detail::MachineOps::interpret<detail::Drive::step>(*this);
    const Frame& caller = frames_[frames_before - 1];
    const bool failed = caller.halted && !detail::keeps_gas(caller.status);
    const bool enters = op == op_call || op == op_callcode || op == op_delegatecall || op == op_staticcall ||
                        op == op_create || op == op_create2;
    if (enters && !failed) {
        s.gas_cost = s.gas - gas_after_charge_;  // includes the gas given to the callee
    } else if (!failed) {
        s.gas_cost = s.gas - caller.gas;
    }
    s.stack = trace_stack_;
    tracer->on_step(s);
}

namespace detail {

Frame& MachineOps::push_frame(Machine& m) {
    Frame& f = m.frames_.emplace_back();
    SpareBuffers& spare = spare_buffers();
    if (!m.stack_pool_.empty()) {
        f.stack = std::move(m.stack_pool_.back());
        m.stack_pool_.pop_back();
    } else if (!spare.stacks.empty()) {
        f.stack = std::move(spare.stacks.back());
        spare.stacks.pop_back();
    } else {
        f.stack = std::make_unique<Uint256[]>(kStackLimit);
    }
    if (!m.memory_pool_.empty()) {
        f.memory = std::move(m.memory_pool_.back());
        m.memory_pool_.pop_back();
    } else if (!spare.memories.empty()) {
        f.memory = std::move(spare.memories.back());
        spare.memories.pop_back();
    }
    f.memory.clear();
    return f;
}

void MachineOps::pop_frame(Machine& m) noexcept {
    Frame& f = m.frames_.back();
    m.stack_pool_.push_back(std::move(f.stack));
    m.memory_pool_.push_back(std::move(f.memory));
    m.frames_.pop_back();
}

void MachineOps::finish_frame(Machine& m, Tracer* tracer) {
    Frame& f = m.frames_.back();
    state::StateView& st = m.state_;
    Outcome out{f.status, keeps_gas(f.status) ? f.gas : 0, std::move(f.output)};
    const bool is_create = f.kind == CallKind::create || f.kind == CallKind::create2;

    if (is_create && out.status == StatusCode::success) {
        // Code deposit (EIP-170 size limit, EIP-3541 0xEF prefix, 200 gas per byte); any
        // failure here is exceptional: all gas is consumed.
        const std::int64_t deposit = static_cast<std::int64_t>(out.output.size()) * gas::kCodeDeposit;
        if (out.output.size() > kMaxCodeSize) {
            out.status = StatusCode::code_size_exceeded;
        } else if (!out.output.empty() && out.output[0] == 0xef) {
            out.status = StatusCode::invalid_code_prefix;
        } else if (out.gas_left < deposit) {
            out.status = StatusCode::out_of_gas;
        } else {
            out.gas_left -= deposit;
            if (!out.output.empty()) st.set_code(f.address, std::move(out.output));
            out.output.clear();
        }
        if (out.status != StatusCode::success) {
            out.gas_left = 0;
            out.output.clear();
        }
    }
    if (out.status != StatusCode::success) st.revert(f.snapshot);

    const int depth = f.depth;
    const Address address = f.address;
    const std::uint64_t ret_offset = f.ret_offset;
    const std::uint64_t ret_size = f.ret_size;
    pop_frame(m);

    if (tracer != nullptr) {
        const bool created = is_create && out.status == StatusCode::success;
        const ExecutionResult r{out.status, out.gas_left, out.output, created ? address : Address{}};
        tracer->on_frame_end(r, depth + 1);
    }
    if (is_create) {
        deliver_create(m, std::move(out), address);
    } else {
        deliver_call(m, std::move(out), ret_offset, ret_size);
    }
}

}  // namespace detail

}  // namespace optimist::evm
