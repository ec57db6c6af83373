// Interpreter throughput on compute-heavy hand-assembled bytecode, reported in Mgas/s.
#include <optimist/evm/execution.hpp>
#include <optimist/evm/opcodes.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/state/state_view.hpp>

#include <benchmark/benchmark.h>

namespace {

using namespace optimist;
using namespace optimist::evm;

class Asm {
public:
    Asm& op(std::uint8_t o) {
        code_.push_back(o);
        return *this;
    }
    Asm& push(std::uint64_t v) {
        if (v == 0) return op(op_push0);
        int n = 8;
        while (((v >> ((n - 1) * 8)) & 0xff) == 0) --n;
        op(static_cast<std::uint8_t>(op_push1 + n - 1));
        for (int i = n - 1; i >= 0; --i) code_.push_back(static_cast<std::uint8_t>(v >> (i * 8)));
        return *this;
    }
    // Marks a jump destination and returns its pc.
    std::uint64_t label() {
        op(op_jumpdest);
        return code_.size() - 1;
    }
    // Loop tail: counter on top of the stack; decrement and jump to `head` while non-zero.
    Asm& loop_back(std::uint64_t head) {
        push(1).op(op_swap1).op(op_sub).op(op_dup1).push(head).op(op_jumpi);
        return *this;
    }
    Bytes take() { return std::move(code_); }

private:
    Bytes code_;
};

const Address kContract = Address::right_aligned(Bytes{0xc0, 0xde});
const Address kSender = Address::right_aligned(Bytes{0x5e, 0x4d});

// for (i = n; i; --i) { a = a * 7 + i; b ^= a; a = a / 3 + b % 5; }
Bytes arithmetic_loop(std::uint64_t n) {
    Asm a;
    a.push(1).push(2).push(n);  // [b, a, i], i on top
    const auto head = a.label();
    a.op(op_dup1).op(op_dup3).push(7).op(op_mul).op(op_add);  // [b, a, i, a' = 7a + i]
    a.op(op_swap2).op(op_pop);                                // [b, a', i]
    a.op(op_dup2).op(op_dup4).op(op_xor);                     // [b, a', i, b' = b ^ a']
    a.op(op_swap3).op(op_pop);                                // [b', a', i]
    a.push(5).op(op_dup4).op(op_mod);                         // [b', a', i, b' % 5]
    a.push(3).op(op_dup4).op(op_div).op(op_add);              // [b', a', i, a'' = a'/3 + b'%5]
    a.op(op_swap2).op(op_pop);                                // [b', a'', i]
    a.loop_back(head);
    return a.take();
}

// for (i = n; i; --i) mem[0..32] = keccak256(mem[0..64])
Bytes keccak_loop(std::uint64_t n) {
    Asm a;
    a.push(n);
    const auto head = a.label();
    a.push(64)
        .push(0)
        .op(op_keccak256)
        .push(0)
        .op(op_mstore)
        .push(32)
        .push(32)
        .op(op_keccak256)
        .push(32)
        .op(op_mstore);
    a.loop_back(head);
    return a.take();
}

// for (i = n; i; --i) { MCOPY 256 bytes; MSTORE i; MLOAD }
Bytes memory_loop(std::uint64_t n) {
    Asm a;
    a.push(n);
    const auto head = a.label();
    a.push(256).push(0).push(512).op(op_mcopy);
    a.op(op_dup1).op(op_dup1).op(op_mstore);  // mem[i] = i
    a.push(544).op(op_mload).op(op_pop);
    a.op(op_dup1).push(0xff).op(op_and).op(op_mload).op(op_pop);
    a.loop_back(head);
    return a.take();
}

// for (i = n; i; --i) { sstore(i % 64, i); sload(i % 64 + 1) }
Bytes storage_loop(std::uint64_t n) {
    Asm a;
    a.push(n);
    const auto head = a.label();
    a.op(op_dup1).op(op_dup1).push(63).op(op_and).op(op_sstore);
    a.op(op_dup1).push(63).op(op_and).push(1).op(op_add).op(op_sload).op(op_pop);
    a.loop_back(head);
    return a.take();
}

void run_program(benchmark::State& bench, const Bytes& code, std::int64_t gas_limit) {
    state::InMemoryState reader;
    state::InMemoryState::StoredAccount contract;
    contract.code = code;
    reader.put_account(kContract, contract);
    state::InMemoryState::StoredAccount sender;
    sender.balance = Uint256{1} << 80;
    reader.put_account(kSender, sender);
    BlockContext block;
    block.number = 1;
    block.gas_limit = static_cast<std::uint64_t>(gas_limit);
    TxContext tx;
    tx.origin = kSender;
    Message msg;
    msg.gas = gas_limit;
    msg.sender = kSender;
    msg.recipient = kContract;
    msg.code_address = kContract;

    std::int64_t total_gas = 0;
    for (auto _ : bench) {
        state::StateView view(reader);
        view.access_account(kSender);
        view.access_account(kContract);
        const ExecutionResult r = execute(view, block, tx, msg);
        if (r.status != StatusCode::success) {
            bench.SkipWithError(std::string(to_string(r.status)).c_str());
            break;
        }
        total_gas += gas_limit - r.gas_left;
        benchmark::DoNotOptimize(r.gas_left);
    }
    bench.counters["Mgas/s"] =
        benchmark::Counter(static_cast<double>(total_gas) / 1e6, benchmark::Counter::kIsRate);
    bench.counters["gas/iter"] =
        benchmark::Counter(static_cast<double>(total_gas), benchmark::Counter::kAvgIterations);
}

void bm_arithmetic(benchmark::State& s) { run_program(s, arithmetic_loop(100'000), 100'000'000); }
void bm_keccak(benchmark::State& s) { run_program(s, keccak_loop(10'000), 100'000'000); }
void bm_memory(benchmark::State& s) { run_program(s, memory_loop(20'000), 100'000'000); }
void bm_storage(benchmark::State& s) { run_program(s, storage_loop(20'000), 100'000'000); }

BENCHMARK(bm_arithmetic)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_keccak)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_memory)->Unit(benchmark::kMillisecond);
BENCHMARK(bm_storage)->Unit(benchmark::kMillisecond);

}  // namespace
