// One semantics, two drivers (DESIGN decision 1): the fast loop and the stepping driver
// must agree on everything a message produces; the EIP-3155 tracer output format.
#include "../common/write_set_expect.hpp"
#include "evm_test_util.hpp"

#include <optimist/evm/machine.hpp>

#include <gtest/gtest.h>

#include <sstream>

namespace optimist::evm::test {
namespace {

const Address kCallee = addr(0xb0b);

class CountingTracer final : public Tracer {
public:
    void on_step(const Step& s) override {
        ++steps;
        max_depth = std::max(max_depth, s.depth);
    }
    void on_frame_end(const ExecutionResult&, int) override { ++frames; }
    int steps = 0;
    int frames = 0;
    int max_depth = 0;
};

struct Observed {
    ExecutionResult result;
    std::int64_t refund = 0;
    std::vector<state::Log> logs;
    state::WriteSet writes;
};


// A set of programs covering loops, memory, storage with refunds, logs, nested calls with
// revert, creation and failures.
struct Program {
    const char* name;
    Bytes code;
    Bytes callee;
};

std::vector<Program> programs() {
    std::vector<Program> p;
    // for (i = 100; i != 0; --i) acc = acc * 3 + i
    p.push_back({"loop",
                 Asm{}
                     .push(100)
                     .push(1)
                     .op(op_jumpdest)  // pc 4: [i, acc]
                     .push(3)
                     .op(op_mul)
                     .op(op_dup1 + 1)
                     .op(op_add)
                     .op(op_swap1)
                     .push(1)
                     .op(op_swap1)
                     .op(op_sub)
                     .op(op_swap1)
                     .op(op_dup1 + 1)
                     .push(4)
                     .op(op_jumpi)
                     .ret_top(),
                 {}});
    p.push_back({"storage_refunds",
                 Asm{}.sstore(1, 5).sstore(2, 7).sstore(1, 0).sstore(3, 1).push(3).op(op_sload).ret_top(),
                 {}});
    p.push_back({"memory_keccak_log",
                 Asm{}
                     .mstore(0, 0xabcdef)
                     .push(40)
                     .op(op_push0)
                     .push(64)
                     .op(op_mcopy)
                     .push(96)
                     .op(op_push0)
                     .op(op_keccak256)
                     .push(96)
                     .op(op_push0)
                     .op(op_log0 + 1)
                     .ret(0, 96),
                 {}});
    p.push_back({"nested_revert",
                 Asm{}
                     .sstore(9, 9)
                     .call(op_call, 100000, kCallee, 0, 0, 0, 0, 32)
                     .call(op_delegatecall, 100000, kCallee, 0, 0, 0, 32, 32)
                     .op(op_add)
                     .push(64)
                     .op(op_mstore)
                     .ret(0, 96),
                 Asm{}.sstore(1, 1).push(5).push(6).op(op_log0 + 1).mstore(0, 0xbad).revert(0, 32)});
    p.push_back({"nested_success", Asm{}.call(op_call, Uint256::max(), kCallee, 3, 0, 0, 0, 32).ret(0, 32),
                 Asm{}.sstore(1, 1).op(op_callvalue).op(op_selfbalance).op(op_add).ret_top()});
    p.push_back({"create",
                 Asm{}
                     .mstore(0, Uint256::from_be_bytes(bytes_hex("600160005560206000f3")))
                     .push(10)
                     .push(22)
                     .push(1)
                     .op(op_create)
                     .op(op_extcodesize)
                     .ret_top(),
                 {}});
    p.push_back({"out_of_gas_in_child", Asm{}.call(op_call, 500, kCallee, 0, 0, 0, 0, 0).op(op_gas).ret_top(),
                 Asm{}.op(op_jumpdest).push(0).op(op_jump)});
    p.push_back({"stack_underflow", Asm{}.push(1).op(op_add), {}});
    p.push_back({"static_violation", Asm{}.call(op_staticcall, 100000, kCallee, 0, 0, 0, 0, 0).ret_top(),
                 Asm{}.sstore(1, 1)});
    return p;
}

Observed observe(const Program& prog, bool stepped, CountingTracer* tracer) {
    Host h;
    h.reader[kContract].code = prog.code;
    h.reader[kContract].balance = 100;
    h.reader[kCallee].code = prog.callee;
    Observed o;
    o.result = h.call(kContract, {}, 1'000'000, 0, stepped ? tracer : nullptr);
    o.refund = h.view->refund();
    o.logs = h.view->logs();
    h.view->finalize();
    o.writes = h.view->write_set();
    return o;
}

TEST(EvmDrivers, StepAndRunAgree) {
    for (const auto& prog : programs()) {
        SCOPED_TRACE(prog.name);
        CountingTracer tracer;
        const Observed fast = observe(prog, false, nullptr);
        const Observed stepped = observe(prog, true, &tracer);
        EXPECT_EQ(fast.result.status, stepped.result.status);
        EXPECT_EQ(fast.result.gas_left, stepped.result.gas_left);
        EXPECT_EQ(fast.result.output, stepped.result.output);
        EXPECT_EQ(fast.result.create_address, stepped.result.create_address);
        EXPECT_EQ(fast.refund, stepped.refund);
        EXPECT_EQ(fast.logs, stepped.logs);
        optimist::test_common::expect_same_writes(fast.writes, stepped.writes);
        EXPECT_GT(tracer.steps, 0);
    }
}

TEST(EvmDrivers, ExpectedOutcomes) {
    const auto ps = programs();
    auto find = [&](std::string_view name) -> const Program& {
        for (const auto& p : ps) {
            if (name == p.name) return p;
        }
        throw std::runtime_error("no program");
    };
    EXPECT_EQ(observe(find("nested_success"), false, nullptr).result.output.size(), 32U);
    EXPECT_EQ(word(observe(find("nested_success"), false, nullptr).result.output), 6);  // value + new balance
    EXPECT_EQ(word(observe(find("create"), false, nullptr).result.output), 32);
    EXPECT_EQ(observe(find("stack_underflow"), false, nullptr).result.status, StatusCode::stack_underflow);
    EXPECT_EQ(word(observe(find("static_violation"), false, nullptr).result.output), 0);
    const Observed revert = observe(find("nested_revert"), false, nullptr);
    EXPECT_TRUE(revert.logs.empty());
    EXPECT_EQ(word(Bytes(revert.result.output.begin() + 64, revert.result.output.end())), 0);
}

TEST(EvmDrivers, MachineStepsThroughFrames) {
    Host h;
    h.reader[kCallee].code = Asm{}.push(1).ret_top();
    h.reader[kContract].code = Asm{}.call(op_call, 10000, kCallee, 0, 0, 0, 0, 0).op(op_stop);
    state::StateView view(h.reader);
    Message msg;
    msg.gas = 100000;
    msg.sender = kSender;
    msg.recipient = kContract;
    msg.code_address = kContract;
    Machine m(view, h.block, h.tx);
    m.start(msg);
    std::size_t max_frames = 0;
    int steps = 0;
    while (!m.done()) {
        max_frames = std::max(max_frames, m.frames().size());
        m.step();
        ++steps;
    }
    EXPECT_EQ(max_frames, 2U);
    // 9 instructions in the caller (7 pushes, CALL, STOP), 6 in the callee, 2 frame pops.
    EXPECT_EQ(steps, 9 + 6 + 2);
    EXPECT_EQ(m.result().status, StatusCode::success);
}

TEST(EvmDrivers, Eip3155Lines) {
    Host h;
    h.reader[kContract].code = Asm{}.push(1).push(2).op(op_add).op(op_stop);
    std::ostringstream out;
    auto tracer = make_json_tracer(out);
    auto r = h.call(kContract, {}, 100000, 0, tracer.get());
    ASSERT_EQ(r.status, StatusCode::success);
    std::istringstream lines(out.str());
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(
        line,
        R"({"pc":0,"op":96,"gas":"0x186a0","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"})");
    std::getline(lines, line);
    std::getline(lines, line);
    EXPECT_EQ(
        line,
        R"({"pc":4,"op":1,"gas":"0x1869a","gasCost":"0x3","memSize":0,"stack":["0x1","0x2"],"depth":1,"refund":0,"opName":"ADD"})");
}

TEST(EvmDrivers, Eip3155WideStackItems) {
    Host h;
    h.reader[kContract].code = Asm{}.push(Uint256{5, 1, 0, 0}).push(Uint256{0, 0, 0, 0xabc}).op(op_stop);
    std::ostringstream out;
    auto tracer = make_json_tracer(out);
    ASSERT_EQ(h.call(kContract, {}, 100000, 0, tracer.get()).status, StatusCode::success);
    EXPECT_NE(out.str().find(R"("stack":["0x10000000000000005","0xabc)"
                             R"(000000000000000000000000000000000000000000000000"])"),
              std::string::npos)
        << out.str();
}

TEST(EvmDrivers, TraceCostsIncludeDynamicGas) {
    struct Recorder final : Tracer {
        void on_step(const Step& s) override { costs.emplace_back(s.op, s.gas_cost); }
        std::vector<std::pair<std::uint8_t, std::int64_t>> costs;
    } rec;
    Host h;
    h.reader[kCallee].code = Asm{}.op(op_stop);
    // PUSH1 1, PUSH0, MSTORE (3 + 3 memory), CALL with 1000 gas to a cold account.
    h.reader[kContract].code =
        Asm{}.push(1).op(op_push0).op(op_mstore).call(op_call, 1000, kCallee, 0, 0, 0, 0, 0);
    auto r = h.call(kContract, {}, 100000, 0, &rec);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_GE(rec.costs.size(), 11U);
    EXPECT_EQ(rec.costs[2], std::make_pair(std::uint8_t{op_mstore}, std::int64_t{6}));
    EXPECT_EQ(rec.costs[10], std::make_pair(std::uint8_t{op_call}, std::int64_t{2600 + 1000}));
    EXPECT_EQ(rec.costs[11], std::make_pair(std::uint8_t{op_stop}, std::int64_t{0}));
    // A precompile call reports the gas given to it, not what it used (as geth does).
    rec.costs.clear();
    h.reader[kContract].code = Asm{}.call(op_staticcall, 5000, addr(4), 0, 0, 0, 0, 0);
    ASSERT_EQ(h.call(kContract, {}, 100000, 0, &rec).status, StatusCode::success);
    ASSERT_GE(rec.costs.size(), 7U);
    EXPECT_EQ(rec.costs[6], std::make_pair(std::uint8_t{op_staticcall}, std::int64_t{100 + 5000}));
}

}  // namespace
}  // namespace optimist::evm::test
