// Every VMTests case of ethereum/tests (GeneralStateTests/VMTests, Cancun) through the resume
// check (resume_harness.hpp): the message resumed from its serialized image after every step
// must produce what the uninterrupted run produces, and the fixture's post-state root and
// logs hash. Fixtures are loaded with the state-test runner's loader (tools/ethtest).
//
// Built twice (tests/evm/CMakeLists.txt): the fast binary takes every folder but
// vmPerformance and resumes after every step; with OPTIMIST_VM_PERFORMANCE the binary takes
// vmPerformance, whose 23 cases run 2.9 billion steps: resuming after each would take hours,
// so each case resumes after every one of its first 100,000 steps, then every 10,007th step
// up to 2,000,000, then finishes with the fast loop.
#include "resume_harness.hpp"

#include "runner.hpp"

#include <optimist/exec/apply_transaction.hpp>
#include <optimist/state/in_memory_state.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>

namespace optimist::evm::test {
namespace {

#ifdef OPTIMIST_VM_PERFORMANCE
ResumeOptions resume_options() {
    ResumeOptions o;
    o.every_step_limit = 100'000;
    o.stride = 10'007;
    o.stepped_limit = 2'000'000;
    return o;
}
#else
ResumeOptions resume_options() { return {}; }
#endif

class VmTestsResume : public ::testing::TestWithParam<const char*> {};

TEST_P(VmTestsResume, EveryCaseResumesAfterEveryStep) {
    const std::string folder = std::string(OPTIMIST_ETHTESTS_DIR) + "/GeneralStateTests/VMTests/" + GetParam();
    auto paths = ethtest::discover({folder});
    ASSERT_TRUE(paths.ok()) << paths.error();
    const std::vector<ethtest::FixtureFile> files = ethtest::load_fixtures(*paths);
    const ethtest::Selection selection = ethtest::select_cases(files, nullptr);
    ASSERT_TRUE(selection.broken.empty()) << selection.broken.front().reason;
    ASSERT_FALSE(selection.cases.empty());

    std::size_t checked = 0;
    std::size_t rejected = 0;
    ResumeStats total;
    for (const ethtest::CaseRef& c : selection.cases) {
        SCOPED_TRACE(c.id);
        const ethtest::StateTest& test = *c.test;
        const ethtest::PostEntry& post = test.post[c.index];
        auto built = ethtest::build_transaction(test.tx, post);
        ASSERT_TRUE(built.ok()) << built.error().message;

        state::InMemoryState pre;
        for (const auto& [address, account] : test.pre) pre.put_account(address, account);
        const tx::Transaction& t = *built;
        const BlockContext block = ethtest::block_context(test.env);
        {
            state::StateView probe(pre);
            if (!exec::validate_transaction(probe, block, t).ok()) {
                // Rejected before any step: nothing to resume (the fixture expects an exception).
                EXPECT_FALSE(post.expect_exception.empty());
                ++rejected;
                continue;
            }
        }
        // exec::apply_transaction in its phases: the transaction-level setup on every fresh
        // view, the message in the harness, then refund, fees and finalization.
        const exec::TxSetup setup = exec::describe_transaction(block, t);
        ResumeInput in;
        in.reader = &pre;
        in.block = &block;
        in.tx = &setup.context;
        in.msg = &setup.message;
        in.prepare = [&](state::StateView& v) { ASSERT_TRUE(exec::begin_transaction(v, block, t).ok()); };
        ResumeOutcome out;
        check_resume(in, resume_options(), out);
        if (HasFatalFailure()) return;

        // The resumed run reaches the fixture's post state.
        const exec::TxOutcome settled = exec::settle_transaction(*out.view, block, t, setup, out.result);
        out.view->finalize();
        pre.apply(out.view->write_set());
        EXPECT_EQ(pre.state_root(), post.state_root);
        EXPECT_EQ(state::logs_hash(settled.logs), post.logs_hash);

        ++checked;
        total.steps += out.stats.steps;
        total.resumes += out.stats.resumes;
        total.preload_checks += out.stats.preload_checks;
        total.max_frames = std::max(total.max_frames, out.stats.max_frames);
        total.max_image_bytes = std::max(total.max_image_bytes, out.stats.max_image_bytes);
    }
    std::cout << GetParam() << ": " << checked << " cases (" << rejected << " rejected before execution), "
              << total.steps << " stepped, " << total.resumes << " resumes, " << total.preload_checks
              << " preloaded steps, up to " << total.max_frames << " frames and " << total.max_image_bytes
              << " image bytes\n";
}

#ifdef OPTIMIST_VM_PERFORMANCE
INSTANTIATE_TEST_SUITE_P(VMTests, VmTestsResume, ::testing::Values("vmPerformance"),
                         [](const auto& p) { return std::string(p.param); });
#else
INSTANTIATE_TEST_SUITE_P(VMTests, VmTestsResume,
                         ::testing::Values("vmArithmeticTest", "vmBitwiseLogicOperation", "vmIOandFlowOperations",
                                           "vmLogTest", "vmTests"),
                         [](const auto& p) { return std::string(p.param); });
#endif

}  // namespace
}  // namespace optimist::evm::test
