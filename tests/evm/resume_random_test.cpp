// Stop after every step, serialize, destroy, decode, resume: on random contract calls the
// resumed run must produce exactly what the uninterrupted one does (resume_harness.hpp).
#include "random_contracts.hpp"
#include "resume_harness.hpp"

#include <optimist/evm/opcodes.hpp>

#include <gtest/gtest.h>

#include <array>
#include <cstdlib>
#include <iostream>
#include <map>

namespace optimist::evm::test {
namespace {

constexpr int kShards = 10;

// 1,000 calls by default; OPTIMIST_RESUME_CASES changes it (a multiple of kShards).
std::uint64_t case_count() {
    if (const char* env = std::getenv("OPTIMIST_RESUME_CASES"); env != nullptr && *env != '\0')
        return std::strtoull(env, nullptr, 10);
    return 1000;
}

ResumeInput input_of(const RandomCall& c) {
    ResumeInput in;
    in.reader = &c.reader;
    in.block = &c.block;
    in.tx = &c.tx;
    in.msg = &c.msg;
    in.prepare = [&c](state::StateView& v) {
        for (const Address& a : c.warm) (void)v.access_account(a);
    };
    return in;
}

class ResumeRandomCalls : public ::testing::TestWithParam<int> {};

TEST_P(ResumeRandomCalls, EveryStepResumesToTheSameOutcome) {
    const std::uint64_t per_shard = case_count() / kShards;
    const std::uint64_t first = static_cast<std::uint64_t>(GetParam()) * per_shard;
    ResumeStats total;
    std::map<StatusCode, int> statuses;
    for (std::uint64_t seed = first; seed < first + per_shard; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        const RandomCall call = make_random_call(seed);
        ResumeOutcome out;
        check_resume(input_of(call), ResumeOptions{}, out);
        if (HasFatalFailure() || HasNonfatalFailure()) return;
        ++statuses[out.result.status];
        total.steps += out.stats.steps;
        total.resumes += out.stats.resumes;
        total.checkpoints += out.stats.checkpoints;
        total.preload_checks += out.stats.preload_checks;
        total.max_frames = std::max(total.max_frames, out.stats.max_frames);
        total.max_image_bytes = std::max(total.max_image_bytes, out.stats.max_image_bytes);
    }
    std::cout << "seeds " << first << ".." << first + per_shard - 1 << ": " << total.steps << " steps, "
              << total.resumes << " resumes, " << total.checkpoints << " checkpoints, " << total.preload_checks
              << " preloaded steps, up to " << total.max_frames << " frames and " << total.max_image_bytes
              << " image bytes; outcomes:";
    for (const auto& [status, n] : statuses) std::cout << ' ' << to_string(status) << '=' << n;
    std::cout << '\n';
}

INSTANTIATE_TEST_SUITE_P(Shards, ResumeRandomCalls, ::testing::Range(0, kShards));

// The generator is only a good test if the calls do what it promises: every listed opcode
// runs, frames nest, and messages end in every way.
class OpcodeCounter final : public Tracer {
public:
    void on_step(const Step& s) override {
        ++ops[s.op];
        max_depth = std::max(max_depth, s.depth);
    }
    std::array<std::uint64_t, 256> ops{};
    int max_depth = 0;
};

TEST(ResumeRandomCalls, CallsCoverTheListedOpcodes) {
    OpcodeCounter counter;
    std::map<StatusCode, int> statuses;
    for (std::uint64_t seed = 0; seed < case_count(); ++seed) {
        const RandomCall call = make_random_call(seed);
        state::StateView view(call.reader);
        for (const Address& a : call.warm) (void)view.access_account(a);
        ++statuses[execute(view, call.block, call.tx, call.msg, &counter).status];
    }
    for (const std::uint8_t op :
         {op_push1, op_add, op_mul, op_exp, op_mstore, op_mload, op_mstore8, op_sstore, op_sload, op_tstore,
          op_tload, op_log0, op_log4, op_call, op_callcode, op_delegatecall, op_staticcall, op_create, op_create2,
          op_revert, op_return, op_selfdestruct, op_keccak256, op_returndatacopy, op_jumpi, op_invalid}) {
        EXPECT_GE(counter.ops[op], 20U) << "opcode 0x" << std::hex << int{op};
    }
    std::cout << "max depth " << counter.max_depth << "; outcomes:";
    for (const auto& [status, n] : statuses) std::cout << ' ' << to_string(status) << '=' << n;
    std::cout << '\n';
    EXPECT_GE(counter.max_depth, 4);
    for (const StatusCode s : {StatusCode::success, StatusCode::revert, StatusCode::invalid_instruction,
                               StatusCode::out_of_gas}) {
        EXPECT_GE(statuses[s], 5) << to_string(s);
    }
}

}  // namespace
}  // namespace optimist::evm::test
